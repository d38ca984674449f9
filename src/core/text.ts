/**
 * Text normalisation, sentences and tokens: the one module every stage uses for them.
 *
 * Normalisation never changes offsets: `matchView` maps each code unit to one code unit (curly
 * quotes and guillemets to straight quotes, dashes to `-`, exotic spaces to ` `), so a match found
 * in the view is at the same offsets in `article.text`, which keeps the characters as published.
 */
import type { Sentence, Token } from './doc.js';

const CHAR_MAP: Record<string, string> = {
  '\u201c': '"', // “
  '\u201d': '"', // ”
  '\u201e': '"', // „
  '\u201f': '"',
  '\u00ab': '"', // «
  '\u00bb': '"', // »
  '\u2033': '"',
  '\u2018': "'", // ‘
  '\u2019': "'", // ’
  '\u201a': "'",
  '\u201b': "'",
  '\u2039': "'", // ‹
  '\u203a': "'", // ›
  '\u2032': "'",
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-', // –
  '\u2014': '-', // —
  '\u2015': '-',
  '\u2212': '-',
  '\u00a0': ' ',
  '\u2007': ' ',
  '\u2009': ' ',
  '\u200a': ' ',
  '\u202f': ' ',
  '\u3000': ' ',
};
const CHAR_RE = new RegExp(`[${Object.keys(CHAR_MAP).join('')}]`, 'g');

/** Same-length view of `text` with quotes, dashes and spaces made plain, for matching. */
export function matchView(text: string): string {
  return text.replace(CHAR_RE, (c) => CHAR_MAP[c] ?? c);
}

/**
 * Collapse runs of spaces/tabs, trim each line, keep paragraph breaks as one blank line.
 * Used by extract before offsets exist, so it may change length.
 */
export function normalizeWhitespace(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u2009\u200a\u202f\u3000\t ]+/g, ' ')
    .replace(/\u200b|\u200c|\u200d|\ufeff/g, '')
    .split('\n')
    .map((line) => line.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Abbreviations that end with a period but do not end a sentence. Lower-case, without the dot. */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'gen',
  'lt',
  'col',
  'maj',
  'capt',
  'cmdr',
  'adm',
  'sgt',
  'gov',
  'sen',
  'rep',
  'pres',
  'st',
  'jr',
  'sr',
  'rev',
  'hon',
  'amb',
  'insp',
  'supt',
  'no',
  'vs',
  'etc',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'mt',
  'ft',
  'approx',
  'inc',
  'ltd',
  'co',
  'corp',
  'dept',
  'est',
  'fig',
  'm',
  'mme',
  'mlle',
  'u.s',
  'u.n',
  'u.k',
  'e.g',
  'i.e',
]);

/**
 * Sentences of `text`: split at `.`, `!`, `?` (plus closing quotes/brackets) followed by space and
 * an upper-case letter, digit or opening quote, and always at paragraph breaks. Abbreviations,
 * initials ("J. K.") and decimals do not split.
 */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  const view = matchView(text);
  let start = skipSpace(view, 0);
  const push = (end: number) => {
    let e = end;
    while (e > start && /\s/.test(view[e - 1] ?? '')) e--;
    if (e > start) sentences.push({ start, end: e });
  };
  for (let i = start; i < view.length; i++) {
    const c = view[i];
    if (c === '\n' && view[i + 1] === '\n') {
      push(i);
      start = skipSpace(view, i);
      i = start - 1;
      continue;
    }
    if (c !== '.' && c !== '!' && c !== '?') continue;
    let end = i + 1;
    while (end < view.length && /[.!?"')\]]/.test(view[end] ?? '')) end++;
    const next = skipSpace(view, end);
    if (next === end && end < view.length) continue; // no space after: "3.5", "U.S.A"
    if (next >= view.length) continue;
    if (!/[A-Z0-9"'([\u00c0-\u024f]/.test(view[next] ?? '')) continue;
    if (c === '.' && isAbbreviation(view, i)) continue;
    push(end);
    start = next;
    i = next - 1;
  }
  push(view.length);
  return sentences;
}

function skipSpace(view: string, from: number): number {
  let i = from;
  while (i < view.length && /\s/.test(view[i] ?? '')) i++;
  return i;
}

function isAbbreviation(view: string, dot: number): boolean {
  let s = dot;
  while (s > 0 && /[A-Za-z.]/.test(view[s - 1] ?? '')) s--;
  const word = view.slice(s, dot);
  if (word.length === 0) return false;
  if (/^[A-Z]$/.test(word)) return true; // initial: "J. Morrow"
  return ABBREVIATIONS.has(word.toLowerCase());
}

const TOKEN_RE = /[\p{L}\p{M}\p{N}]+(?:[-'’.][\p{L}\p{M}\p{N}]+)*|[^\s\p{L}\p{M}\p{N}]/gu;

/** Word and punctuation tokens with their offsets. Hyphenated and apostrophe words stay whole. */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  const slice = text.slice(from, to);
  for (const m of slice.matchAll(TOKEN_RE)) {
    const start = from + (m.index ?? 0);
    tokens.push({ start, end: start + m[0].length, text: m[0] });
  }
  return tokens;
}

/** Index of the sentence containing `offset`, or -1. Binary search over sorted sentences. */
export function sentenceAt(sentences: readonly Sentence[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid] as Sentence;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Lower-case, accent-free, single-spaced key for comparing names across spellings. */
export function foldKey(text: string): string {
  return matchView(text)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[-‐'.]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** kebab-case slug of a name, for ids. */
export function slugify(text: string): string {
  return foldKey(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
