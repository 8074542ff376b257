import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { FinoauthError, type TokenSetData, UntrustedRecordError } from "@finoauth/auth";

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

/** AES-GCM: a 96-bit IV (NIST SP 800-38D §8.2) and the full 128-bit tag; a shorter tag is refused, never verified. */
const IV_BYTES = 12;
const TAG_BYTES = 16;
const CLEAR_FIELDS = ["data", "v"];
const SEALED_FIELDS = ["ct", "iv", "kid", "tag", "v"];

const keyError = (description: string) => new FinoauthError({ kind: "invalid_options", retryable: false, description });

/** Checks the keys once, at construction: 32 bytes each, unique non-empty ids, at least one. */
export function checkKeys(options: EncryptionOptions): Map<string, Buffer> {
  if (!options || !Array.isArray(options.keys) || options.keys.length === 0)
    throw keyError("encryption.keys must list at least one { id, key }");
  const keys = new Map<string, Buffer>();
  for (const entry of options.keys) {
    if (typeof entry?.id !== "string" || entry.id === "")
      throw keyError("each encryption key needs a non-empty string id");
    if (keys.has(entry.id)) throw keyError(`encryption key id "${entry.id}" is listed twice`);
    if (!(entry.key instanceof Uint8Array) || entry.key.length !== 32)
      throw keyError(`encryption key "${entry.id}" must be 32 bytes (AES-256), got ${entry.key?.length ?? "none"}`);
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
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(redisKey));
  const ct = Buffer.concat([cipher.update(JSON.stringify(data), "utf8"), cipher.final()]);
  const record: StoredRecord = {
    v: 1,
    kid,
    iv: iv.toString("base64"),
    tag: cipher.getAuthTag().toString("base64"),
    ct: ct.toString("base64"),
  };
  return JSON.stringify(record);
}

/** Whether `record` is a JSON object with exactly these own fields (sorted), nothing more or less. */
const hasExactly = (record: unknown, fields: readonly string[]): record is Record<string, unknown> =>
  typeof record === "object" &&
  record !== null &&
  !Array.isArray(record) &&
  Object.keys(record).sort().join() === fields.join();

/** Strict base64: only the canonical encoding of some bytes (Node's decoder skips junk and stops early). */
function strictBase64(text: unknown): Buffer | undefined {
  if (typeof text !== "string") return undefined;
  const bytes = Buffer.from(text, "base64");
  return bytes.toString("base64") === text ? bytes : undefined;
}

/** A key id from a record, for a message: shown only when it looks like one (it is attacker-writable text). */
const shownKid = (kid: string) => (/^[\w.:-]{1,64}$/.test(kid) ? `"${kid}"` : "(not shown: not a plain key id)");

/**
 * Reads a stored string back. With keys, only a well-formed AES-256-GCM record under a listed key id with a
 * 12-byte IV and a 16-byte tag that authenticates (bound to `redisKey`) is accepted; anything else (a record
 * in clear, another shape, loose base64, a short tag) is an {@link UntrustedRecordError}, which the token
 * manager treats as absent. Without keys, a record in clear is read; an encrypted one is an `invalid_options`
 * error (this store lacks the keys its peers write with), and anything else is untrusted. No message holds
 * the record, its plaintext or a key.
 */
export function open(
  text: string,
  keys: Map<string, Buffer> | undefined,
  redisKey: string,
  grant: string,
): TokenSetData {
  const refuse = (why: string) => new UntrustedRecordError(`the record stored for grant "${grant}" is refused: ${why}`);
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch {
    throw refuse("it is not JSON, so not written by @finoauth/redis-store");
  }
  const sealed =
    hasExactly(record, SEALED_FIELDS) && record.v === 1 && typeof record.kid === "string" ? record : undefined;
  if (!keys) {
    if (sealed) {
      throw keyError(
        `the token stored for grant "${grant}" is encrypted (key id ${shownKid(sealed.kid as string)}) but this store has no encryption keys: give it the encryption.keys of the processes that wrote it`,
      );
    }
    if (!hasExactly(record, CLEAR_FIELDS) || record.v !== 1 || typeof record.data !== "object" || record.data === null)
      throw refuse("it is not a record of this format (version 1)");
    return record.data as TokenSetData;
  }
  if (hasExactly(record, CLEAR_FIELDS))
    throw refuse("it is stored in clear, but this store encrypts: only authenticated ciphertext is accepted");
  if (!sealed) throw refuse("it is not an encrypted record of this format (version 1)");
  const kid = sealed.kid as string;
  const key = keys.get(kid);
  if (!key)
    throw refuse(
      `it was encrypted with key id ${shownKid(kid)}, which is not among this store's keys (${[...keys.keys()].join(", ")}): add it to encryption.keys if it is yours`,
    );
  const iv = strictBase64(sealed.iv);
  const tag = strictBase64(sealed.tag);
  const ct = strictBase64(sealed.ct);
  if (iv === undefined || tag === undefined || ct === undefined)
    throw refuse("its iv, tag or ciphertext is not strict base64");
  if (iv.length !== IV_BYTES) throw refuse(`its IV is ${iv.length} bytes, not ${IV_BYTES}`);
  if (tag.length !== TAG_BYTES) throw refuse(`its authentication tag is ${tag.length} bytes, not ${TAG_BYTES}`);
  let data: unknown;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(redisKey));
    decipher.setAuthTag(tag);
    data = JSON.parse(Buffer.concat([decipher.update(ct), decipher.final()]).toString("utf8"));
  } catch {
    throw refuse(
      `it does not authenticate with key id "${kid}": a different key under the same id, a record copied from another grant, or tampering`,
    );
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) throw refuse("its plaintext is not token data");
  return data as TokenSetData;
}
