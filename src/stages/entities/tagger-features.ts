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
 * Features are never built as strings: each is a pair of 32-bit hashes mixed from a template
 * number and the hashes of its parts (a word, its shape, its class…), and a word's hashes are
 * computed once per distinct word (`WordTable`). This is what makes tagging fast: a token costs
 * a few integer mixes and table probes, no string concatenation and no allocation.
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

/** Gazetteer classes; a name's classes are a bit mask over this list. */
export const GAZ_CLASSES = [
  'country',
  'capital',
  'demonym',
  'org',
  'city',
  'region',
  'person',
  'first',
  'last',
] as const;
export type GazClass = (typeof GAZ_CLASSES)[number];
export const gazBit = (cls: GazClass): number => 1 << GAZ_CLASSES.indexOf(cls);
const GAZ_CLASS_COUNT = GAZ_CLASSES.length;

/** Gazetteer names: lower-cased, space-joined tokens → class bit mask. */
export type Gazetteer = Map<string, number>;

/** Does a gazetteer class mask hold one of `classes`? */
export function gazHas(mask: number | undefined, ...classes: GazClass[]): boolean {
  if (!mask) return false;
  for (const c of classes) if (mask & gazBit(c)) return true;
  return false;
}

const MASKS = new Map<string, number>();

/** "country|capital" → mask (unknown class names are ignored); remembered, as few combinations exist. */
export function gazMaskOf(classes: string): number {
  const known = MASKS.get(classes);
  if (known !== undefined) return known;
  let mask = 0;
  for (const c of classes.split('|')) {
    const k = GAZ_CLASSES.indexOf(c as GazClass);
    if (k >= 0) mask |= 1 << k;
  }
  if (MASKS.size < 1000) MASKS.set(classes, mask);
  return mask;
}

/** mask → "country|capital". */
export function gazClassesOf(mask: number): string {
  return GAZ_CLASSES.filter((_, k) => mask & (1 << k)).join('|');
}

/** Gazetteer names from world-countries, the hand-kept lists and data/gazetteers/ner-gazetteer.tsv. */
export function loadGazetteer(): Gazetteer {
  const gaz: Gazetteer = new Map();
  const add = (name: string, cls: GazClass) => {
    const key = gazKey(name);
    if (!key) return;
    gaz.set(key, (gaz.get(key) ?? 0) | gazBit(cls));
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
  for (const d of GROUP_ADJECTIVES) add(d, 'demonym');
  for (const cap of Object.keys(CAPITALS)) add(cap, 'capital');
  for (const org of ORGANIZATIONS) {
    add(org.name, 'org');
    for (const a of org.aliases ?? []) add(a, 'org');
    for (const a of org.acronyms ?? []) add(a, 'org');
  }
  const file = path.join(packageRoot(), 'data/gazetteers/ner-gazetteer.tsv');
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) add(line.slice(tab + 1), line.slice(0, tab) as GazClass);
  }
  return gaz;
}

/**
 * Adjectives and nouns of regions, nations without a state, peoples and religions: names CoNLL
 * calls MISC like demonyms, which the country lists lack (hand-kept).
 */
const GROUP_ADJECTIVES = [
  'European',
  'African',
  'Asian',
  'Arab',
  'Arabic',
  'Latin American',
  'Scandinavian',
  'Balkan',
  'Caribbean',
  'Baltic',
  'Nordic',
  'Western',
  'English',
  'Scottish',
  'Welsh',
  'Irish',
  'British',
  'Basque',
  'Catalan',
  'Flemish',
  'Walloon',
  'Kurdish',
  'Kurd',
  'Kurds',
  'Serb',
  'Serbs',
  'Croat',
  'Croats',
  'Bosnian Serb',
  'Bosnian Serbs',
  'Bosnian Croat',
  'Chechen',
  'Chechens',
  'Tamil',
  'Sikh',
  'Hindu',
  'Pashtun',
  'Hutu',
  'Hutus',
  'Tutsi',
  'Tutsis',
  'Zulu',
  'Afrikaner',
  'Afrikaners',
  'Palestinian',
  'Palestinians',
  'Islamic',
  'Moslem',
  'Moslems',
  'Muslim',
  'Muslims',
  'Christian',
  'Christians',
  'Catholic',
  'Catholics',
  'Protestant',
  'Protestants',
  'Jewish',
  'Jew',
  'Jews',
  'Orthodox',
  'Buddhist',
  "Shi'ite",
  'Shiite',
  'Sunni',
  'Communist',
  'Communists',
];

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

// ---------------------------------------------------------------------------------------------
// Hashing. Hand-written: a feature is two 32-bit hashes mixed from integers, so that no feature
// string is ever built. `hashA`/`hashB` are module state rather than a returned pair: no
// allocation per feature.

let hashA = 0;
let hashB = 0;

/** Hash the UTF-16 code units of `text[from, to)` into `hashA`/`hashB` (FNV-1a and a murmur-style mix). */
function hashText(text: string, from = 0, to = text.length): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  hashA = a >>> 0;
  hashB = b >>> 0;
}

/** murmur3's finaliser: every input bit moves every output bit. */
function fmixA(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}
/** A second, independent finaliser (different constants) for the second hash. */
function fmixB(h: number): number {
  let x = h;
  x ^= x >>> 15;
  x = Math.imul(x, 0x2c1b3c6d);
  x ^= x >>> 12;
  x = Math.imul(x, 0x297a2d39);
  return (x ^ (x >>> 15)) >>> 0;
}

/** Feature templates. Numbers are part of the model format: append, never renumber. */
export const F = {
  bias: 1,
  word: 2,
  lower: 3,
  prefix3: 4,
  suffix2: 5,
  suffix3: 6,
  suffix4: 7,
  shape: 8,
  wordClass: 9,
  classShape: 10,
  prev2Word: 11,
  prevWord: 12,
  nextWord: 13,
  next2Word: 14,
  prevAndWord: 15,
  wordAndNext: 16,
  prevShapeAndShape: 17,
  shapeAndNextShape: 18,
  shapeTrigram: 19,
  prevClassAndClass: 20,
  classAndNextClass: 21,
  firstShape: 22,
  firstClass: 23,
  shoutingShape: 24,
  lowerInDoc0: 25,
  lowerInDoc: 26,
  casedMidInDoc0: 27,
  gaz: 28,
  gazShape: 29,
  gazNone: 30,
  gazPrev: 31,
  gazNext: 32,
  prevTag: 33,
  prevTwoTags: 34,
  prevTagAndWord: 35,
  prevTagAndShape: 36,
} as const;

/** Hash pair of a part that is a small number (a tag, a gazetteer bit). */
const numA = (n: number) => fmixA(n + 0x51ed27);
const numB = (n: number) => fmixB(n + 0x3c6ef3);

/**
 * Feature keys of tokens, as parallel arrays of hash A and hash B. `push*` mix a template with
 * zero to three parts given as hash pairs.
 */
export class FeatureKeys {
  a = new Uint32Array(256);
  b = new Uint32Array(256);
  n = 0;

  reset(): void {
    this.n = 0;
  }

  /** Append a key computed elsewhere (a word's cached own-feature keys). */
  put(a: number, b: number): void {
    if (this.n === this.a.length) {
      const a2 = new Uint32Array(this.n * 2);
      const b2 = new Uint32Array(this.n * 2);
      a2.set(this.a);
      b2.set(this.b);
      this.a = a2;
      this.b = b2;
    }
    this.a[this.n] = a;
    this.b[this.n] = b;
    this.n++;
  }

  push0(t: number): void {
    this.put(fmixA(t * 0x9e3779b1), fmixB(t * 0x7f4a7c15));
  }

  push1(t: number, a1: number, b1: number): void {
    this.put(fmixA((t * 0x9e3779b1) ^ a1), fmixB((t * 0x7f4a7c15) ^ b1));
  }

  push2(t: number, a1: number, b1: number, a2: number, b2: number): void {
    this.put(fmixA(fmixA((t * 0x9e3779b1) ^ a1) ^ a2), fmixB(fmixB((t * 0x7f4a7c15) ^ b1) ^ b2));
  }

  push3(t: number, a1: number, b1: number, a2: number, b2: number, a3: number, b3: number): void {
    this.put(
      fmixA(fmixA(fmixA((t * 0x9e3779b1) ^ a1) ^ a2) ^ a3),
      fmixB(fmixB(fmixB((t * 0x7f4a7c15) ^ b1) ^ b2) ^ b3),
    );
  }
}

/** What the features need of one distinct word, computed once. */
export interface WordInfo {
  word: string;
  lower: string;
  /** First character is a capital. */
  capitalised: boolean;
  /** All capitals, two letters or more ("NAIROBI", "BBC"). */
  upper: boolean;
  /** Has a letter that has case (not a number, punctuation or a caseless script). */
  cased: boolean;
  /** A number of one to four digits (a score, a count, a year). */
  integer: boolean;
  /** SUBTLEX class code, "-" when unknown. */
  cls: string;
  /** Hash pairs of the lower-case form, the shape and the class. */
  lowerA: number;
  lowerB: number;
  shapeA: number;
  shapeB: number;
  clsA: number;
  clsB: number;
  /** Most words a gazetteer name starting with this word has (0: none starts with it). */
  gazLongest: number;
  /** Keys of the word's own features (unigramCount pairs) then of its four neighbour roles. */
  keysA: Uint32Array;
  keysB: Uint32Array;
  /** The decoder's summed weights of those keys (own, then per role), filled on first use. */
  scores: Int32Array | null;
}

const INTEGER = /^\d{1,4}$/;

/** Number of own (unigram) features of each word; the four neighbour-role keys follow them. */
export const UNIGRAM_COUNT = 10;
/** Template of the neighbour roles, in the order `keysA`/`keysB` hold them after the unigrams. */
const NEIGHBOUR_TEMPLATES = [F.prev2Word, F.prevWord, F.nextWord, F.next2Word];
/** Offset from the token of the neighbour each role describes. */
export const NEIGHBOUR_OFFSETS = [-2, -1, 1, 2] as const;

/** Pseudo-words at sentence edges (as neighbours: never real tokens). */
export const SENTENCE_START = '\u0002<s>';
export const SENTENCE_END = '\u0003</s>';

/**
 * Distinct words → `WordInfo`, bounded (cleared when full: with the decoder's cached scores a word
 * takes about 1 kB, so 50 000 words keep memory flat on long runs).
 * One per resources (its infos depend on the lexicon and gazetteer).
 */
export class WordTable {
  private infos = new Map<string, WordInfo>();
  private firsts: Map<string, number>;
  private keys = new FeatureKeys();
  readonly start: WordInfo;
  readonly end: WordInfo;

  constructor(
    readonly resources: TaggerResources,
    private readonly limit = 50_000,
  ) {
    this.firsts = new Map();
    for (const key of resources.gazetteer.keys()) {
      const space = key.indexOf(' ');
      const first = space < 0 ? key : key.slice(0, space);
      let words = 1;
      for (let i = space; i >= 0; i = key.indexOf(' ', i + 1)) words++;
      this.firsts.set(first, Math.min(MAX_GAZ_WORDS, Math.max(this.firsts.get(first) ?? 0, words)));
    }
    this.start = this.make(SENTENCE_START);
    this.end = this.make(SENTENCE_END);
  }

  get size(): number {
    return this.infos.size;
  }

  info(word: string): WordInfo {
    let info = this.infos.get(word);
    if (info === undefined) {
      if (this.infos.size >= this.limit) this.infos.clear();
      info = this.make(word);
      this.infos.set(word, info);
    }
    return info;
  }

  private make(word: string): WordInfo {
    const lower = word.toLowerCase();
    // The sentence-edge marks are their own shape and class.
    const edge = word === SENTENCE_START || word === SENTENCE_END;
    const shape = edge ? word : shapeOf(word);
    const cls = edge ? word : (this.resources.wordClass.get(lower) ?? '-');
    hashText(word);
    const wordA = hashA;
    const wordB = hashB;
    hashText(lower);
    const lowerA = hashA;
    const lowerB = hashB;
    hashText(shape);
    const shapeA = hashA;
    const shapeB = hashB;
    hashText(cls);
    const clsA = hashA;
    const clsB = hashB;
    const k = this.keys;
    k.reset();
    k.push0(F.bias);
    k.push1(F.word, wordA, wordB);
    k.push1(F.lower, lowerA, lowerB);
    const n = lower.length;
    hashText(lower, 0, Math.min(3, n));
    k.push1(F.prefix3, hashA, hashB);
    hashText(lower, Math.max(0, n - 2), n);
    k.push1(F.suffix2, hashA, hashB);
    hashText(lower, Math.max(0, n - 3), n);
    k.push1(F.suffix3, hashA, hashB);
    hashText(lower, Math.max(0, n - 4), n);
    k.push1(F.suffix4, hashA, hashB);
    k.push1(F.shape, shapeA, shapeB);
    k.push1(F.wordClass, clsA, clsB);
    k.push2(F.classShape, clsA, clsB, shapeA, shapeB);
    for (const t of NEIGHBOUR_TEMPLATES) k.push1(t, lowerA, lowerB);
    return {
      word,
      lower,
      capitalised: isCapitalised(word),
      upper: isUpperWord(word),
      cased: lower !== word.toUpperCase(),
      integer: INTEGER.test(word),
      cls,
      lowerA,
      lowerB,
      shapeA,
      shapeB,
      clsA,
      clsB,
      gazLongest: this.firsts.get(lower) ?? 0,
      keysA: k.a.slice(0, k.n),
      keysB: k.b.slice(0, k.n),
      scores: null,
    };
  }
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

/** `isShouting` over word infos (no case conversion). */
export function infosShout(infos: readonly WordInfo[]): boolean {
  let letters = 0;
  let upper = 0;
  for (const w of infos) {
    if (w.word.length < 2 || !w.cased) continue;
    letters++;
    if (w.upper) upper++;
  }
  return letters >= 2 && upper / letters >= 0.7;
}

export function docContext(sentences: readonly (readonly WordInfo[])[]): DocContext {
  const lowerSeen = new Set<string>();
  const casedMid = new Map<string, string>();
  for (const infos of sentences) {
    if (infosShout(infos)) continue;
    for (let i = 0; i < infos.length; i++) {
      const w = infos[i] as WordInfo;
      if (w.lower === w.word) {
        if (w.cased) lowerSeen.add(w.lower);
      } else if (i > 0 && !casedMid.has(w.lower)) casedMid.set(w.lower, w.word);
    }
  }
  return { lowerSeen, casedMid };
}

/** Re-case a shouting sentence: the document's own casing, else lower for common words, else Title. */
export function recase(words: readonly string[], doc: DocContext, res: TaggerResources): string[] {
  // A run of capitals the gazetteer knows as one name ("NEW YORK", "WEST BANK") is a name, even
  // where its words alone are common words.
  const named = new Set<number>();
  for (let i = 0; i + 1 < words.length; i++) {
    let key = (words[i] as string).toLowerCase();
    for (let n = 2; n <= MAX_GAZ_WORDS && i + n <= words.length; n++) {
      const w = words[i + n - 1] as string;
      if (!isUpperWord(w)) break;
      key = `${key} ${w.toLowerCase()}`;
      if (res.gazetteer.has(key)) for (let k = i; k < i + n; k++) named.add(k);
    }
  }
  return words.map((w, i) => {
    if (!isUpperWord(w)) return w;
    if (named.has(i)) return w.charAt(0) + w.slice(1).toLowerCase();
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

/** Gazetteer position of a token in a matched name; bit of (position, class) is position * classes + class. */
const GAZ_BEGIN = 0;
const GAZ_INSIDE = 1;
const GAZ_UNIT = 2;
export const gazTagBit = (position: 0 | 1 | 2, cls: GazClass): number =>
  2 ** (position * GAZ_CLASS_COUNT + GAZ_CLASSES.indexOf(cls));
export const GAZ_BEGIN_BIT = (cls: GazClass) => gazTagBit(GAZ_BEGIN, cls);
export const GAZ_INSIDE_BIT = (cls: GazClass) => gazTagBit(GAZ_INSIDE, cls);
export const GAZ_UNIT_BIT = (cls: GazClass) => gazTagBit(GAZ_UNIT, cls);

/**
 * Gazetteer tags of each token as a bit mask over (B/I/U position × class): every capitalised
 * name the gazetteer knows, all lengths, overlapping matches included.
 */
export function gazetteerTags(infos: readonly WordInfo[], gaz: Gazetteer, out?: Int32Array): Int32Array {
  const n = infos.length;
  const tags = out && out.length >= n ? out.fill(0, 0, n) : new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const first = infos[i] as WordInfo;
    if (first.gazLongest === 0 || !first.capitalised) continue;
    let key = '';
    for (let len = 1; len <= first.gazLongest && i + len <= n; len++) {
      const last = infos[i + len - 1] as WordInfo;
      key = len === 1 ? first.lower : `${key} ${last.lower}`;
      // The last word of a match must be a name word too ("Bank of" is no match).
      if (len > 1 && !last.capitalised) continue;
      const mask = gaz.get(key);
      if (mask === undefined) continue;
      for (let c = 0; c < GAZ_CLASS_COUNT; c++) {
        if (!(mask & (1 << c))) continue;
        if (len === 1) tags[i] = orBit(tags[i] as number, GAZ_UNIT * GAZ_CLASS_COUNT + c);
        else {
          tags[i] = orBit(tags[i] as number, GAZ_BEGIN * GAZ_CLASS_COUNT + c);
          for (let k = 1; k < len; k++) tags[i + k] = orBit(tags[i + k] as number, GAZ_INSIDE * GAZ_CLASS_COUNT + c);
        }
      }
    }
  }
  return tags;
}

/** Masks have 27 bits (3 positions × 9 classes): they fit in 32-bit integers. */
function orBit(mask: number, bit: number): number {
  return mask | (1 << bit);
}
export const hasGazBit = (mask: number, bit: number): boolean => (mask & bit) !== 0;

/** Hash pairs of each gazetteer tag bit, precomputed. */
const GAZ_BIT_A = Array.from({ length: 3 * GAZ_CLASS_COUNT }, (_, k) => numA(1000 + k));
const GAZ_BIT_B = Array.from({ length: 3 * GAZ_CLASS_COUNT }, (_, k) => numB(1000 + k));
export const TAG_A = TAGS.map((_, k) => numA(k));
export const TAG_B = TAGS.map((_, k) => numB(k));

/**
 * Keys of the features of token `i` that need its neighbours, the gazetteer spans or the
 * document (everything but the word's own features and the previous tags), appended to `out`.
 */
export function contextKeys(
  infos: readonly WordInfo[],
  gaz: Int32Array,
  i: number,
  doc: DocContext,
  shouting: boolean,
  table: WordTable,
  out: FeatureKeys,
): void {
  const n = infos.length;
  const w = infos[i] as WordInfo;
  const p = i > 0 ? (infos[i - 1] as WordInfo) : table.start;
  const nx = i + 1 < n ? (infos[i + 1] as WordInfo) : table.end;
  out.push2(F.prevAndWord, p.lowerA, p.lowerB, w.lowerA, w.lowerB);
  out.push2(F.wordAndNext, w.lowerA, w.lowerB, nx.lowerA, nx.lowerB);
  out.push2(F.prevShapeAndShape, p.shapeA, p.shapeB, w.shapeA, w.shapeB);
  out.push2(F.shapeAndNextShape, w.shapeA, w.shapeB, nx.shapeA, nx.shapeB);
  out.push3(F.shapeTrigram, p.shapeA, p.shapeB, w.shapeA, w.shapeB, nx.shapeA, nx.shapeB);
  out.push2(F.prevClassAndClass, p.clsA, p.clsB, w.clsA, w.clsB);
  out.push2(F.classAndNextClass, w.clsA, w.clsB, nx.clsA, nx.clsB);
  if (i === 0) {
    out.push1(F.firstShape, w.shapeA, w.shapeB);
    out.push1(F.firstClass, w.clsA, w.clsB);
  }
  if (shouting) out.push1(F.shoutingShape, w.shapeA, w.shapeB);
  if (w.capitalised) {
    if (doc.lowerSeen.has(w.lower)) out.push0(i === 0 ? F.lowerInDoc0 : F.lowerInDoc);
    if (i === 0 && doc.casedMid.has(w.lower)) out.push0(F.casedMidInDoc0);
  }
  const g = gaz[i] as number;
  if (g === 0) out.push0(F.gazNone);
  else {
    for (let k = 0; k < GAZ_BIT_A.length; k++) {
      if (!(g & (1 << k))) continue;
      out.push1(F.gaz, GAZ_BIT_A[k] as number, GAZ_BIT_B[k] as number);
      out.push2(F.gazShape, GAZ_BIT_A[k] as number, GAZ_BIT_B[k] as number, w.shapeA, w.shapeB);
    }
  }
  const gp = i > 0 ? (gaz[i - 1] as number) : 0;
  if (gp !== 0) {
    for (let k = 0; k < GAZ_BIT_A.length; k++)
      if (gp & (1 << k)) out.push1(F.gazPrev, GAZ_BIT_A[k] as number, GAZ_BIT_B[k] as number);
  }
  const gn = i + 1 < n ? (gaz[i + 1] as number) : 0;
  if (gn !== 0) {
    for (let k = 0; k < GAZ_BIT_A.length; k++)
      if (gn & (1 << k)) out.push1(F.gazNext, GAZ_BIT_A[k] as number, GAZ_BIT_B[k] as number);
  }
}

/** Keys of the features that depend on the previous tag(s) and not on the word. */
export function tagPairKeys(prev: number, prev2: number, out: FeatureKeys): void {
  out.push1(F.prevTag, TAG_A[prev] as number, TAG_B[prev] as number);
  out.push2(
    F.prevTwoTags,
    TAG_A[prev2] as number,
    TAG_B[prev2] as number,
    TAG_A[prev] as number,
    TAG_B[prev] as number,
  );
}

/** Keys of the features that combine the previous tag with the word. */
export function tagWordKeys(prev: number, w: WordInfo, out: FeatureKeys): void {
  tagAndWordKey(prev, w, out);
  tagAndShapeKey(prev, w, out);
}

export function tagAndWordKey(prev: number, w: WordInfo, out: FeatureKeys): void {
  out.push2(F.prevTagAndWord, TAG_A[prev] as number, TAG_B[prev] as number, w.lowerA, w.lowerB);
}

export function tagAndShapeKey(prev: number, w: WordInfo, out: FeatureKeys): void {
  out.push2(F.prevTagAndShape, TAG_A[prev] as number, TAG_B[prev] as number, w.shapeA, w.shapeB);
}

/**
 * Static keys (everything but the previous tags) of token `i`, as training sees them; the
 * decoder sums the same keys, with the word's own ones cached per word.
 */
export function staticKeys(
  infos: readonly WordInfo[],
  gaz: Int32Array,
  i: number,
  doc: DocContext,
  shouting: boolean,
  table: WordTable,
  out: FeatureKeys,
): void {
  const w = infos[i] as WordInfo;
  for (let k = 0; k < UNIGRAM_COUNT; k++) out.put(w.keysA[k] as number, w.keysB[k] as number);
  for (let r = 0; r < 4; r++) {
    const j = i + (NEIGHBOUR_OFFSETS[r] as number);
    const nb = j < 0 ? table.start : j >= infos.length ? table.end : (infos[j] as WordInfo);
    out.put(nb.keysA[UNIGRAM_COUNT + r] as number, nb.keysB[UNIGRAM_COUNT + r] as number);
  }
  contextKeys(infos, gaz, i, doc, shouting, table, out);
}

/** May `tag` follow `prev` in IOB2? */
export function allowed(prev: number, tag: number): boolean {
  if (tag === 0 || tag % 2 === 1) return true;
  return prev === tag || prev === tag - 1;
}
