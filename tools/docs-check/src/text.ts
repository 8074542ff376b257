// The weaker check, for docs that are prose only (a Postman collection whose whole content is its
// description): the URLs and paths the text names, and the parameter names its code blocks attach to them.
// A name belongs to the last URL or path mentioned before it.

import { pathOfUrl } from "./match.js";
import type { TextMention } from "./model.js";

const URL = /https?:\/\/[^\s"'`<>()[\]]+/g;
/** A path on its own (`/oauth/token`), not inside a URL. */
const PATH = /(?<![\w.:/-])\/[A-Za-z0-9_{}.-]+(?:\/[A-Za-z0-9_{}.:-]+)+/g;
/** A key in a code block: `'client_id':`, `"scope" =>`, `grant_type=…` (a query string or form fields). */
const KEY = /(?<![\w.$])['"]?([a-z][a-z0-9_]*)['"]?\s*(?:=>|:(?!\/)|=(?!=))/gi;
/** JavaScript words a key pattern also matches (`const url =`, `let params =`). */
const DECLARED = /\b(?:const|let|var)\s+$/;

/** The names a piece of code documents as keys and query parameters. */
function namesIn(code: string, offset: number, at: string): { name: string; index: number; at: string }[] {
  const names: { name: string; index: number; at: string }[] = [];
  for (const match of code.matchAll(KEY)) {
    const before = code.slice(Math.max(0, match.index - 8), match.index);
    if (DECLARED.test(before)) continue;
    if (/^https?$/i.test(match[1]!)) continue;
    names.push({ name: match[1]!, index: offset + match.index, at });
  }
  return names;
}

/**
 * The URLs and paths a text mentions, in order, each with the names documented after it (up to the next
 * mention). Names come from code blocks and from the query strings of URLs.
 */
export function mentionsOf(text: string, at: string, servers: string[]): TextMention[] {
  const clean = text.replace(/&amp;/g, "&");
  const places: { url: string; index: number }[] = [];
  for (const match of clean.matchAll(URL)) places.push({ url: match[0].replace(/[.,;:]+$/, ""), index: match.index });
  for (const match of clean.matchAll(PATH)) places.push({ url: match[0], index: match.index });
  places.sort((a, b) => a.index - b.index);
  // A markdown link `[url](url)` names one URL twice.
  const unique = places.filter(
    (place, i) =>
      !(i > 0 && places[i - 1]!.url === place.url && place.index - places[i - 1]!.index < place.url.length + 4),
  );
  const names: { name: string; index: number; at: string }[] = [];
  for (const block of clean.matchAll(/```[^\n]*\n([\s\S]*?)```/g))
    names.push(...namesIn(block[1]!, block.index + block[0].indexOf(block[1]!), at));
  for (const place of unique) {
    const query = place.url.split("?")[1];
    for (const pair of query?.split("&") ?? []) {
      const name = pair.split("=")[0];
      if (name && /^[a-z][a-z0-9_]*$/i.test(name)) names.push({ name, index: place.index + 1, at });
    }
  }
  const lineOf = (index: number) => clean.slice(0, index).split("\n").length;
  const mentions: TextMention[] = unique.map((place) => {
    const { path, host } = pathOfUrl(place.url, servers);
    return { url: place.url, path, host, at, title: `line ${lineOf(place.index)} of the text`, names: [] };
  });
  for (const name of names) {
    let owner = -1;
    for (let i = 0; i < unique.length; i++) if (unique[i]!.index <= name.index) owner = i;
    const mention = mentions[owner];
    if (mention && !mention.names.some((known) => known.name === name.name))
      mention.names.push({ name: name.name, at, line: lineOf(name.index) });
  }
  return mentions;
}
