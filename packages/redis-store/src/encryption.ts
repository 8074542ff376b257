import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { FinoauthError, type TokenSetData } from "@finoauth/auth";

/** One AES-256 key and the id written beside each record it encrypts. */
export interface EncryptionKey {
  /** A short, non-secret name, e.g. `"2026-11"`: stored in every record so the right key decrypts it. */
  id: string;
  /** 32 bytes from a secret manager or `randomBytes(32)` (a `Buffer` or `Uint8Array`). */
  key: Uint8Array;
}

/** Encryption at rest: the first key encrypts every write; every key listed can decrypt (for rotation). */
export interface EncryptionOptions {
  keys: readonly EncryptionKey[];
}

/** A record as stored in Redis (JSON): the token data in clear, or AES-256-GCM ciphertext with its key id. */
type StoredRecord = { v: 1; data: TokenSetData } | { v: 1; kid: string; iv: string; tag: string; ct: string };

const keyError = (description: string) => new FinoauthError({ kind: "invalid_options", retryable: false, description });

/** Checks the keys once, at construction: 32 bytes each, unique non-empty ids, at least one. */
export function checkKeys(options: EncryptionOptions): Map<string, Buffer> {
  if (!options || !Array.isArray(options.keys) || options.keys.length === 0) throw keyError("encryption.keys must list at least one { id, key }");
  const keys = new Map<string, Buffer>();
  for (const entry of options.keys) {
    if (typeof entry?.id !== "string" || entry.id === "") throw keyError("each encryption key needs a non-empty string id");
    if (keys.has(entry.id)) throw keyError(`encryption key id "${entry.id}" is listed twice`);
    if (!(entry.key instanceof Uint8Array) || entry.key.length !== 32) throw keyError(`encryption key "${entry.id}" must be 32 bytes (AES-256), got ${entry.key?.length ?? "none"}`);
    keys.set(entry.id, Buffer.from(entry.key));
  }
  return keys;
}

/**
 * Turns token data into the stored string: with keys, AES-256-GCM under the first key, a fresh 96-bit IV
 * per write, and the Redis key as additional data (a record copied to another grant does not decrypt).
 */
export function seal(data: TokenSetData, keys: Map<string, Buffer> | undefined, redisKey: string): string {
  if (!keys) return JSON.stringify({ v: 1, data } satisfies StoredRecord);
  const [kid, key] = keys.entries().next().value as [string, Buffer];
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(redisKey));
  const ct = Buffer.concat([cipher.update(JSON.stringify(data), "utf8"), cipher.final()]);
  const record: StoredRecord = { v: 1, kid, iv: iv.toString("base64"), tag: cipher.getAuthTag().toString("base64"), ct: ct.toString("base64") };
  return JSON.stringify(record);
}

/** Reads a stored string back; a record this store cannot read is a clear, non-retryable error. */
export function open(text: string, keys: Map<string, Buffer> | undefined, redisKey: string, grant: string): TokenSetData {
  let record: StoredRecord;
  try {
    record = JSON.parse(text) as StoredRecord;
  } catch {
    throw keyError(`the record stored for grant "${grant}" is not JSON: not written by @finoauth/redis-store`);
  }
  if (record?.v !== 1) throw keyError(`the record stored for grant "${grant}" has an unknown format version`);
  if ("data" in record) return record.data; // written in clear (before encryption was turned on): read, and encrypted on the next write
  if (!keys) throw keyError(`the token stored for grant "${grant}" is encrypted (key id "${record.kid}") but this store has no encryption keys`);
  const key = keys.get(record.kid);
  if (!key) {
    throw keyError(`the token stored for grant "${grant}" was encrypted with key id "${record.kid}", which is not among this store's keys (${[...keys.keys()].join(", ")}): add it to encryption.keys to read it`);
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(record.iv, "base64"));
    decipher.setAAD(Buffer.from(redisKey));
    decipher.setAuthTag(Buffer.from(record.tag, "base64"));
    const clear = Buffer.concat([decipher.update(Buffer.from(record.ct, "base64")), decipher.final()]).toString("utf8");
    return JSON.parse(clear) as TokenSetData;
  } catch {
    throw keyError(`the token stored for grant "${grant}" does not decrypt with key id "${record.kid}": a different key under the same id, or a tampered record`);
  }
}
