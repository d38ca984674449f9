/**
 * Features of the statistical name tagger, shared by training (`scripts/train-ner.ts`) and
 * decoding (`tagger.ts`) so both see exactly the same thing.
 *
 * A token is described by its own form (cased and lower), affixes, word shape, its neighbours,
 * how spoken English capitalises it (a word-class lexicon built from SUBTLEX frequencies and
 * shipped inside the model), gazetteer spans (countries, demonyms, capitals, cities,
 * organisations, leaders' names) and two document-level hints: whether the article also writes
 * the word in lower case, and whether it capitalises it mid-sentence.
 *
 * All-caps sentences (wire headlines, datelines) are re-cased first: a word takes the casing the
 * same article uses elsewhere, a common English word goes lower case, anything else Title case.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { packageRoot } from '../../api/root.js';
import { CAPITALS, DEMONYMS, ORGANIZATIONS } from './gazetteer.js';

const require = createRequire(import.meta.url);

/** IOB2 tags over the four CoNLL classes; index order is the weight layout of the model. */
export const TAGS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'] as const;
export type Tag = (typeof TAGS)[number];
export const TAG_COUNT = TAGS.length;

/** Longest gazetteer name, in tokens. */
const MAX_GAZ_WORDS = 6;

export type Gazetteer = Map<string, string>;

/** Gazetteer names: lower-cased, space-joined tokens → classes joined by `|`. */
export function loadGazetteer(): Gazetteer {
  const gaz: Gazetteer = new Map();
  const add = (name: string, cls: string) => {
    const key = gazKey(name);
    if (!key) return;
    const had = gaz.get(key);
    if (had === undefined) gaz.set(key, cls);
    else if (!had.split('|').includes(cls)) gaz.set(key, `${had}|${cls}`);
  };
  interface WorldCountry {
    name: { common: string; official: string };
    altSpellings: string[];
    capital: string[];
    demonyms?: { eng?: { m: string; f: string } };
  }
  // world-countries (ODbL 1.0) is a runtime dependency: read it here rather than copy it.
  const countries = require('world-countries') as WorldCountry[];
  for (const c of countries) {
    add(c.name.common, 'country');
    add(c.name.official, 'country');
    for (const alt of c.altSpellings) if (alt.length > 3) add(alt, 'country');
    for (const cap of c.capital) add(cap, 'capital');
    if (c.demonyms?.eng) {
      add(c.demonyms.eng.m, 'demonym');
      add(c.demonyms.eng.f, 'demonym');
    }
  }
  for (const d of Object.keys(DEMONYMS)) add(d, 'demonym');
  for (const cap of Object.keys(CAPITALS)) add(cap, 'capital');
  for (const org of ORGANIZATIONS) {
    add(org.name, 'org');
    for (const a of org.aliases ?? []) add(a, 'org');
    for (const a of org.acronyms ?? []) add(a, 'org');
  }
  const file = path.join(packageRoot(), 'data/gazetteers/ner-gazetteer.tsv');
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) add(line.slice(tab + 1), line.slice(0, tab));
  }
  return gaz;
}

/** Gazetteer key of a name: lower case, tokens as CoNLL splits them (commas and brackets apart). */
export function gazKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/([,()])/g, ' $1 ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Word shape: X for upper, x for lower, d for digits, runs collapsed ("McDonald" → "XxXx"). */
export function shapeOf(word: string): string {
  let out = '';
  let last = '';
  for (const ch of word.length > 24 ? word.slice(0, 24) : word) {
    let s: string;
    if (ch >= 'a' && ch <= 'z') s = 'x';
    else if (ch >= 'A' && ch <= 'Z') s = 'X';
    else if (ch >= '0' && ch <= '9') s = 'd';
    else if (ch.toLowerCase() !== ch) s = 'X';
    else if (ch.toUpperCase() !== ch) s = 'x';
    else s = ch;
    if (s !== last) out += s;
    last = s;
  }
  return out;
}

const isUpperWord = (w: string): boolean => w.length > 1 && w.toUpperCase() === w && w.toLowerCase() !== w;
const isCapitalised = (w: string): boolean => {
  const c = w.charAt(0);
  return c.toLowerCase() !== c;
};

/** What the tagger knows beyond the features' own text: lexicon and gazetteer. */
export interface TaggerResources {
  /** lower-case word → class code from SUBTLEX ("f4c1": frequency bucket 4, capitalised-share bucket 1). */
  wordClass: Map<string, string>;
  gazetteer: Gazetteer;
}

/** Per-document hints: how the document itself writes each word. */
export interface DocContext {
  /** Words the document writes in lower case. */
  lowerSeen: Set<string>;
  /** lower-case word → cased form it has mid-sentence (not first in its sentence). */
  casedMid: Map<string, string>;
}

/** A sentence shouts when most of its words are all caps (headlines, datelines). */
export function isShouting(words: readonly string[]): boolean {
  let letters = 0;
  let upper = 0;
  for (const w of words) {
    if (w.length < 2 || w.toLowerCase() === w.toUpperCase()) continue;
    letters++;
    if (isUpperWord(w)) upper++;
  }
  return letters >= 2 && upper / letters >= 0.7;
}

export function docContext(sentences: readonly (readonly string[])[]): DocContext {
  const lowerSeen = new Set<string>();
  const casedMid = new Map<string, string>();
  for (const words of sentences) {
    if (isShouting(words)) continue;
    for (let i = 0; i < words.length; i++) {
      const w = words[i] as string;
      const lower = w.toLowerCase();
      if (lower === w) {
        if (lower.toUpperCase() !== lower) lowerSeen.add(lower);
      } else if (i > 0 && !casedMid.has(lower)) casedMid.set(lower, w);
    }
  }
  return { lowerSeen, casedMid };
}

/** Re-case a shouting sentence: the document's own casing, else lower for common words, else Title. */
export function recase(words: readonly string[], doc: DocContext, res: TaggerResources): string[] {
  return words.map((w) => {
    if (!isUpperWord(w)) return w;
    const lower = w.toLowerCase();
    const seen = doc.casedMid.get(lower);
    if (seen !== undefined) return seen;
    if (doc.lowerSeen.has(lower)) return lower;
    const cls = res.wordClass.get(lower);
    // A word spoken English almost never capitalises ("c0") is a common word.
    if (cls?.endsWith('c0')) return lower;
    // Short words without vowels are acronyms (BBC, NFL): keep them as they are.
    if (w.length <= 4 && !/[AEIOUY]/.test(w)) return w;
    if (res.gazetteer.has(lower)) return w.charAt(0) + lower.slice(1);
    // Mostly lower case in speech: a common word; mostly capitalised ("c3", "c4") or unknown: a name.
    if (cls !== undefined && !cls.endsWith('c4') && !cls.endsWith('c3')) return lower;
    return w.charAt(0) + lower.slice(1);
  });
}

const EMPTY: string[] = [];
const FIRST_WORDS = new WeakMap<Gazetteer, Map<string, number>>();

/** First word of each gazetteer name → the most words a name starting with it has. */
function firstWords(gaz: Gazetteer): Map<string, number> {
  let firsts = FIRST_WORDS.get(gaz);
  if (!firsts) {
    firsts = new Map();
    for (const key of gaz.keys()) {
      const words = key.split(' ');
      const first = words[0] as string;
      firsts.set(first, Math.min(MAX_GAZ_WORDS, Math.max(firsts.get(first) ?? 0, words.length)));
    }
    FIRST_WORDS.set(gaz, firsts);
  }
  return firsts;
}

/** Gazetteer tags of each token ("B-city", "I-country", "U-demonym"…), longest match first. */
export function gazetteerTags(words: readonly string[], gaz: Gazetteer): string[][] {
  const tags: string[][] = words.map(() => EMPTY);
  const lowers = words.map((w) => w.toLowerCase());
  const firsts = firstWords(gaz);
  for (let i = 0; i < words.length; i++) {
    if (!isCapitalised(words[i] as string)) continue;
    const longest = firsts.get(lowers[i] as string);
    if (longest === undefined) continue;
    let key = '';
    for (let n = 1; n <= longest && i + n <= words.length; n++) {
      key = n === 1 ? (lowers[i] as string) : `${key} ${lowers[i + n - 1]}`;
      const cls = gaz.get(key);
      if (cls === undefined) continue;
      // The last word of a match must be a name word too ("Bank of" is no match).
      if (!isCapitalised(words[i + n - 1] as string) && n > 1) continue;
      const push = (k: number, tag: string) => {
        if (tags[k] === EMPTY) tags[k] = [];
        (tags[k] as string[]).push(tag);
      };
      for (const c of cls.split('|')) {
        if (n === 1) push(i, `U-${c}`);
        else {
          push(i, `B-${c}`);
          for (let k = 1; k < n; k++) push(i + k, `I-${c}`);
        }
      }
    }
  }
  return tags;
}

/** Features of a word on its own (cacheable per word form). */
export function unigramFeatures(w: string, res: TaggerResources): string[] {
  const l = w.toLowerCase();
  const sh = shapeOf(w);
  const cls = res.wordClass.get(l) ?? '-';
  return [
    'b',
    `w=${w}`,
    `l=${l}`,
    `p3=${l.slice(0, 3)}`,
    `s2=${l.slice(-2)}`,
    `s3=${l.slice(-3)}`,
    `s4=${l.slice(-4)}`,
    `sh=${sh}`,
    `c=${cls}`,
    `csh=${cls}|${sh}`,
  ];
}

/** Roles a neighbour word plays for the current token: its feature is `${role}=${lower}`. */
export const NEIGHBOUR_ROLES = ['lp2', 'lp', 'ln', 'ln2'] as const;
const NEIGHBOUR_OFFSETS = [-2, -1, 1, 2];
export const SENTENCE_START = '<s>';
export const SENTENCE_END = '</s>';

/** Lower-case neighbour at `offset` from `i`, or the boundary mark. */
function neighbour(lowers: readonly string[], i: number, offset: number): string {
  const j = i + offset;
  return j < 0 ? SENTENCE_START : j >= lowers.length ? SENTENCE_END : (lowers[j] as string);
}

/** Features of token `i` that need its neighbours, gazetteer spans or the document (not cacheable). */
export function contextFeatures(
  words: readonly string[],
  lowers: readonly string[],
  shapes: readonly string[],
  classes: readonly string[],
  gaz: readonly string[][],
  i: number,
  doc: DocContext,
  shouting: boolean,
): string[] {
  const n = words.length;
  const w = words[i] as string;
  const l = lowers[i] as string;
  const sh = shapes[i] as string;
  const lp = neighbour(lowers, i, -1);
  const ln = neighbour(lowers, i, 1);
  const shp = i > 0 ? (shapes[i - 1] as string) : SENTENCE_START;
  const shn = i + 1 < n ? (shapes[i + 1] as string) : SENTENCE_END;
  const cls = classes[i] as string;
  const f = [
    `lpl=${lp}|${l}`,
    `lln=${l}|${ln}`,
    `shpc=${shp}|${sh}`,
    `shcn=${sh}|${shn}`,
    `sh3=${shp}|${sh}|${shn}`,
    `cp=${i > 0 ? classes[i - 1] : SENTENCE_START}|${cls}`,
    `cn=${cls}|${i + 1 < n ? classes[i + 1] : SENTENCE_END}`,
  ];
  if (i === 0) f.push(`first|${sh}`, `first|${cls}`);
  if (shouting) f.push(`caps|${sh}`);
  if (isCapitalised(w)) {
    if (doc.lowerSeen.has(l)) f.push(i === 0 ? 'dlow0' : 'dlow');
    if (i === 0 && doc.casedMid.has(l)) f.push('dmid0');
  }
  const g = gaz[i] as string[];
  for (const t of g) f.push(`g=${t}`, `gsh=${t}|${sh}`);
  if (g.length === 0) f.push('g=-');
  for (const t of i > 0 ? (gaz[i - 1] as string[]) : []) f.push(`gp=${t}`);
  for (const t of i + 1 < n ? (gaz[i + 1] as string[]) : []) f.push(`gn=${t}`);
  return f;
}

/** The per-sentence arrays `contextFeatures` reads. */
const SHAPES = new Map<string, string>();

/** `shapeOf`, remembered for the words seen recently (most tokens repeat). */
function cachedShape(word: string): string {
  let shape = SHAPES.get(word);
  if (shape === undefined) {
    shape = shapeOf(word);
    if (SHAPES.size >= 100_000) SHAPES.clear();
    SHAPES.set(word, shape);
  }
  return shape;
}

export function sentenceArrays(words: readonly string[], res: TaggerResources) {
  const lowers = words.map((w) => w.toLowerCase());
  return {
    lowers,
    shapes: words.map(cachedShape),
    classes: lowers.map((l) => res.wordClass.get(l) ?? '-'),
    gaz: gazetteerTags(words, res.gazetteer),
  };
}

/**
 * Static features (everything but the previous tags) of every token of one sentence, as
 * training sees them; the decoder computes the same set in cached pieces.
 * `words` are already re-cased.
 */
export function sentenceFeatures(
  words: readonly string[],
  doc: DocContext,
  res: TaggerResources,
  shouting: boolean,
): string[][] {
  const { lowers, shapes, classes, gaz } = sentenceArrays(words, res);
  return words.map((w, i) => [
    ...unigramFeatures(w, res),
    ...NEIGHBOUR_ROLES.map((role, k) => `${role}=${neighbour(lowers, i, NEIGHBOUR_OFFSETS[k] as number)}`),
    ...contextFeatures(words, lowers, shapes, classes, gaz, i, doc, shouting),
  ]);
}

/** Features that depend on the two previous tags. */
export function historyFeatures(prev: string, prev2: string, lower: string, shape: string): string[] {
  return [`t=${prev}`, `tt=${prev2}|${prev}`, `tl=${prev}|${lower}`, `tsh=${prev}|${shape}`];
}

/** May `tag` follow `prev` in IOB2? */
export function allowed(prev: number, tag: number): boolean {
  if (tag === 0 || tag % 2 === 1) return true;
  return prev === tag || prev === tag - 1;
}
