/**
 * The statistical name tagger: an averaged perceptron over `tagger-features.ts`, trained by
 * `npm run train:ner` (scripts/train-ner.ts) on openly licensed data (see data/ner/LICENSE) and
 * shipped as `data/ner/model.bin`. Greedy left-to-right decoding over IOB2 tags, with tags that
 * cannot follow the previous one ruled out; one pass per sentence, so time is linear in the text.
 *
 * Hand-written rather than taken from npm: the JavaScript NER packages are rule/lexicon based
 * (compromise, wink-nlp) or need a native/ONNX runtime; an averaged perceptron is ~100 lines.
 *
 * Model file layout (little endian): "SLNER2\n", u32 header length + JSON header
 * ({ tags, scale, features, words, names, slots }), u32 length + lexicon lines "word\tclass",
 * u32 length + gazetteer lines "name\tclasses", zero padding to a multiple of 4, then the two
 * hashes of each feature name (features × 2 u32), the open-addressing table (slots u32: row + 1,
 * 0 = empty), then features × tags int16 weights (value × scale).
 *
 * The feature table is what makes the model load fast: the decoder finds a feature's weight row
 * by two 32-bit hashes of its name in an open-addressing table read straight from the file,
 * instead of building a Map of 130 000 strings at load time. Feature names are not shipped; a
 * name that is not in the model matches a stored one only if both 32-bit hashes collide.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../api/root.js';
import {
  allowed,
  docContext,
  gazetteerTags,
  historyFeatures,
  isShouting,
  NEIGHBOUR_ROLES,
  recase,
  SENTENCE_END,
  SENTENCE_START,
  sentenceArrays,
  TAG_COUNT,
  TAGS,
  type TaggerResources,
  unigramFeatures,
} from './tagger-features.js';

export const MODEL_MAGIC = 'SLNER2\n';
export const MODEL_FILE = 'data/ner/model.bin';

export interface NerModel {
  /** Number of weight rows (features). */
  features: number;
  /** Hash A and hash B of each row's feature name. */
  hashes: Uint32Array;
  /** Open-addressing table: row + 1 per slot, 0 when empty; probed from hash A. */
  table: Uint32Array;
  /** slots - 1 (slots is a power of two). */
  mask: number;
  /** rows × TAG_COUNT weights. */
  weights: Float32Array;
  resources: TaggerResources;
}

/** A tagged span over token indices [start, end) of one sentence. */
export interface TaggedSpan {
  start: number;
  end: number;
  type: 'PER' | 'ORG' | 'LOC' | 'MISC';
}

// Two independent 32-bit hashes of a feature name, computed over UTF-16 code units in one pass
// (FNV-1a and a murmur-style mix). Streaming, so `template + a + "|" + b` is hashed without
// building the string. Module state rather than a returned pair: no allocation per lookup.
let hashA = 0;
let hashB = 0;
function hashStart(): void {
  hashA = 0x811c9dc5;
  hashB = 0x9747b28c;
}
function hashMore(text: string): void {
  let a = hashA;
  let b = hashB;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  hashA = a >>> 0;
  hashB = b >>> 0;
}
const BAR = '|';

/** Table slot count for `features` rows: a power of two, at most 70% full (short probes on a miss). */
function slotCount(features: number): number {
  let slots = 8;
  while (slots * 0.7 < features) slots *= 2;
  return slots;
}

/** Row of the feature whose hashes are in `hashA`/`hashB`, or -1. */
function lookup(model: NerModel): number {
  const { table, hashes, mask } = model;
  let slot = hashA & mask;
  for (;;) {
    const row = table[slot] as number;
    if (row === 0) return -1;
    if (hashes[2 * row - 2] === hashA && hashes[2 * row - 1] === hashB) return row - 1;
    slot = (slot + 1) & mask;
  }
}

/** Weight row of a feature name, or -1 when the model does not have it. */
export function featureRow(model: NerModel, feature: string): number {
  hashStart();
  hashMore(feature);
  return lookup(model);
}

/** Row of `${template}${a}|${b}` without building the name. */
function pairRow(model: NerModel, template: string, a: string, b: string): number {
  hashStart();
  hashMore(template);
  hashMore(a);
  hashMore(BAR);
  hashMore(b);
  return lookup(model);
}

/** Write a model file's bytes. */
export function encodeModel(
  features: readonly string[],
  weights: Int16Array,
  scale: number,
  wordClass: ReadonlyMap<string, string>,
  gazetteer: ReadonlyMap<string, string>,
): Buffer {
  const slots = slotCount(features.length);
  const table = new Uint32Array(slots);
  const hashes = new Uint32Array(features.length * 2);
  const seen = new Map<string, string>();
  features.forEach((name, row) => {
    hashStart();
    hashMore(name);
    const key = `${hashA}:${hashB}`;
    const other = seen.get(key);
    if (other !== undefined) throw new Error(`NER features "${other}" and "${name}" have the same hashes`);
    seen.set(key, name);
    let slot = hashA & (slots - 1);
    while (table[slot] !== 0) slot = (slot + 1) & (slots - 1);
    table[slot] = row + 1;
    hashes[2 * row] = hashA;
    hashes[2 * row + 1] = hashB;
  });
  const gazText = Buffer.from([...gazetteer].map(([name, cls]) => `${name}\t${cls}`).join('\n'), 'utf8');
  const lexText = Buffer.from([...wordClass].map(([w, c]) => `${w}\t${c}`).join('\n'), 'utf8');
  const header = Buffer.from(
    JSON.stringify({
      tags: TAGS,
      scale,
      features: features.length,
      words: wordClass.size,
      names: gazetteer.size,
      slots,
    }),
  );
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    return b;
  };
  const head = Buffer.concat([
    Buffer.from(MODEL_MAGIC),
    u32(header.length),
    header,
    u32(lexText.length),
    lexText,
    u32(gazText.length),
    gazText,
  ]);
  return Buffer.concat([
    head,
    Buffer.alloc((4 - (head.length % 4)) % 4),
    Buffer.from(hashes.buffer, hashes.byteOffset, hashes.byteLength),
    Buffer.from(table.buffer, table.byteOffset, table.byteLength),
    Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength),
  ]);
}

function tabMap(text: string): Map<string, string> {
  const map = new Map<string, string>();
  let from = 0;
  while (from < text.length) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    const tab = text.indexOf('\t', from);
    if (tab > from && tab < to) map.set(text.slice(from, tab), text.slice(tab + 1, to));
    from = to + 1;
  }
  return map;
}

/** A typed view over `bytes[at, at + count * size)`, copied only when the offset is misaligned. */
function view<T>(
  bytes: Buffer,
  at: number,
  count: number,
  size: number,
  make: (b: ArrayBuffer, o: number, n: number) => T,
): T {
  const offset = bytes.byteOffset + at;
  if (offset % size === 0) return make(bytes.buffer as ArrayBuffer, offset, count);
  const copy = new Uint8Array(count * size);
  copy.set(bytes.subarray(at, at + count * size));
  return make(copy.buffer, 0, count);
}

/** Read a model file's bytes. */
export function decodeModel(bytes: Buffer): NerModel {
  if (bytes.subarray(0, MODEL_MAGIC.length).toString() !== MODEL_MAGIC) throw new Error('not a Storyline NER model');
  let at = MODEL_MAGIC.length;
  const chunk = () => {
    const len = bytes.readUInt32LE(at);
    const out = bytes.subarray(at + 4, at + 4 + len);
    at += 4 + len;
    return out;
  };
  const header = JSON.parse(chunk().toString('utf8')) as {
    tags: string[];
    scale: number;
    features: number;
    slots: number;
  };
  if (header.tags.join() !== TAGS.join()) throw new Error('NER model has other tags than this code');
  const wordClass = tabMap(chunk().toString('utf8'));
  const gazetteer = tabMap(chunk().toString('utf8'));
  at += (4 - (at % 4)) % 4;
  const count = header.features * TAG_COUNT;
  const need = at + header.features * 8 + header.slots * 4 + count * 2;
  if (bytes.length < need) throw new Error(`NER model is truncated: ${bytes.length} bytes, expected ${need}`);
  const hashes = view(bytes, at, header.features * 2, 4, (b, o, n) => new Uint32Array(b, o, n));
  at += header.features * 8;
  const table = view(bytes, at, header.slots, 4, (b, o, n) => new Uint32Array(b, o, n));
  at += header.slots * 4;
  const raw = view(bytes, at, count, 2, (b, o, n) => new Int16Array(b, o, n));
  const weights = new Float32Array(count);
  const unscale = 1 / header.scale;
  for (let i = 0; i < count; i++) weights[i] = (raw[i] as number) * unscale;
  return {
    features: header.features,
    hashes,
    table,
    mask: header.slots - 1,
    weights,
    resources: { wordClass, gazetteer },
  };
}

let shipped: NerModel | null | undefined;

/** The shipped model, loaded once; null when the data file is missing (rules alone then). */
export function shippedModel(): NerModel | null {
  if (shipped === undefined) {
    const file = path.join(packageRoot(), MODEL_FILE);
    shipped = existsSync(file) ? decodeModel(readFileSync(file)) : null;
  }
  return shipped;
}

/** Add the weights of `features` to `scores`. */
function addFeatures(model: NerModel, features: readonly string[], scores: Float32Array): void {
  for (const f of features) addRow(model, featureRow(model, f), scores);
}

function addFeature(model: NerModel, feature: string, scores: Float32Array): void {
  addRow(model, featureRow(model, feature), scores);
}

function addRow(model: NerModel, row: number, scores: Float32Array): void {
  if (row < 0) return;
  const { weights } = model;
  const base = row * TAG_COUNT;
  for (let t = 0; t < TAG_COUNT; t++) scores[t] = (scores[t] as number) + (weights[base + t] as number);
}

/**
 * Per-model caches. Looking a feature up by a freshly concatenated string costs a hash of the
 * whole string each time; token, shape and class strings are reused, so their hashes are cached
 * by V8. The decoder therefore finds weight rows through nested maps keyed by those parts,
 * building the feature name only on a miss (same names as `tagger-features.ts`).
 */
interface Caches {
  /** word → its own features' summed weights (TAG_COUNT) then its weights as lp2, lp, ln, ln2 neighbour. */
  words: Map<string, Float32Array>;
  /** prev2 * TAG_COUNT + prev → summed `t=` and `tt=` weights. */
  pairs: Float32Array[];
  /** template → part → (part →) weight row or null. */
  one: Map<string, Map<string, Float32Array | null>>;
  two: Map<string, Map<string, Map<string, Float32Array | null>>>;
  entries: number;
}

const CACHES = new WeakMap<NerModel, Caches>();
const CACHE_MAX = 400_000;

function rowOf(model: NerModel, feature: string): Float32Array | null {
  const row = featureRow(model, feature);
  return row < 0 ? null : model.weights.subarray(row * TAG_COUNT, row * TAG_COUNT + TAG_COUNT);
}

function cachesOf(model: NerModel): Caches {
  let c = CACHES.get(model);
  if (!c) {
    const pairs: Float32Array[] = [];
    for (const p2 of TAGS) {
      for (const p of TAGS) {
        const v = new Float32Array(TAG_COUNT);
        addFeatures(model, historyFeatures(p, p2, '', '').slice(0, 2), v);
        pairs.push(v);
      }
    }
    c = { words: new Map(), pairs, one: new Map(), two: new Map(), entries: 0 };
    CACHES.set(model, c);
  }
  if (c.entries > CACHE_MAX) {
    c.words.clear();
    c.one.clear();
    c.two.clear();
    c.entries = 0;
  }
  return c;
}

function wordScores(model: NerModel, caches: Caches, word: string, lower: string): Float32Array {
  let v = caches.words.get(word);
  if (!v) {
    v = new Float32Array(TAG_COUNT * 5);
    addFeatures(model, unigramFeatures(word, model.resources), v);
    NEIGHBOUR_ROLES.forEach((role, k) => {
      addFeature(model, `${role}=${lower}`, v?.subarray((k + 1) * TAG_COUNT, (k + 2) * TAG_COUNT) as Float32Array);
    });
    caches.words.set(word, v);
    caches.entries++;
  }
  return v;
}

/** Neighbour-role weights of a sentence boundary mark. */
function boundaryScores(model: NerModel, caches: Caches, mark: string): Float32Array {
  const key = `\u0000${mark}`;
  let v = caches.words.get(key);
  if (!v) {
    v = new Float32Array(TAG_COUNT * 5);
    NEIGHBOUR_ROLES.forEach((role, k) => {
      addFeature(model, `${role}=${mark}`, v?.subarray((k + 1) * TAG_COUNT, (k + 2) * TAG_COUNT) as Float32Array);
    });
    caches.words.set(key, v);
  }
  return v;
}

/** Weight row of `${template}${a}`. */
function one(model: NerModel, caches: Caches, template: string, a: string): Float32Array | null {
  let inner = caches.one.get(template);
  if (!inner) {
    inner = new Map();
    caches.one.set(template, inner);
  }
  let v = inner.get(a);
  if (v === undefined) {
    v = rowOf(model, `${template}${a}`);
    inner.set(a, v);
    caches.entries++;
  }
  return v;
}

/** Weight row of `${template}${a}|${b}`. */
function two(model: NerModel, caches: Caches, template: string, a: string, b: string): Float32Array | null {
  let mid = caches.two.get(template);
  if (!mid) {
    mid = new Map();
    caches.two.set(template, mid);
  }
  let inner = mid.get(a);
  if (!inner) {
    inner = new Map();
    mid.set(a, inner);
  }
  let v = inner.get(b);
  if (v === undefined) {
    v = rowOf(model, `${template}${a}|${b}`);
    inner.set(b, v);
    caches.entries++;
  }
  return v;
}

/** Add the weights of the two-part feature `${template}${a}|${b}` (hashed, never built). */
function addPair(model: NerModel, scores: Float32Array, template: string, a: string, b: string): void {
  addRow(model, pairRow(model, template, a, b), scores);
}

function add(scores: Float32Array, v: Float32Array | null, at = 0): void {
  if (v === null) return;
  for (let t = 0; t < TAG_COUNT; t++) scores[t] = (scores[t] as number) + (v[at + t] as number);
}

/** Longest sentence the tagger looks at in one piece: longer runs are cut (no punctuation to split on). */
export const MAX_SENTENCE_TOKENS = 200;

/**
 * Tag the sentences of one document (each a list of token texts); returns tag indices per token.
 * Sentences longer than MAX_SENTENCE_TOKENS are tagged in consecutive pieces. The greedy tags
 * are then made consistent across the document (see `refine`).
 */
export function tagDocument(model: NerModel, sentences: readonly (readonly string[])[]): number[][] {
  const greedy = tagGreedy(model, sentences);
  return refine(model, sentences, greedy.map(spansOf)).map((spans, i) =>
    tagsOf(spans, (sentences[i] as string[]).length),
  );
}

function tagsOf(spans: readonly TaggedSpan[], length: number): number[] {
  const tags = new Array<number>(length).fill(0);
  for (const s of spans) {
    const b = TAGS.indexOf(`B-${s.type}`);
    tags[s.start] = b;
    for (let k = s.start + 1; k < s.end; k++) tags[k] = b + 1;
  }
  return tags;
}

const INTEGER_RE = /^\d{1,4}$/;
/** A score after a team name: "4", "108-3". */
const SCORE_RE = /^\d{1,4}(-\d{1,3})?$/;
/** Gazetteer classes of names that are not teams before a score (national sides are LOC in CoNLL). */
const NOT_TEAM_CLASSES = ['country', 'demonym', 'person', 'first', 'last'];
/** Sporting nations the country list lacks (national sides are LOC in CoNLL). */
const HOME_NATIONS = new Set(['england', 'scotland', 'wales', 'northern ireland', 'faroes']);
const ISO_DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Is this lower-case name a country, nationality or person rather than a team? */
function notTeam(gazetteer: ReadonlyMap<string, string>, name: string): boolean {
  if (HOME_NATIONS.has(name)) return true;
  const cls = gazetteer.get(name) ?? '';
  return NOT_TEAM_CLASSES.some((c) => cls.includes(c));
}

/**
 * Document-level rules over the greedy spans, each fixing a mistake the sentence-level model
 * cannot see:
 * - a demonym the gazetteer knows ("Panamanian", "South Korean") left untagged is MISC (the
 *   training sets that lack MISC taught the model to leave them out);
 * - in a results line ("Somerset 4 Essex 2", "Durham 114"), a non-country place or MISC name
 *   right before a score is a team, so ORG;
 * - one text, one type: every mention of the same text takes the type most of its mentions have;
 * - a one-word span, or an untagged capitalised word, that is the last word of a person named
 *   in the document is that person.
 */
function refine(model: NerModel, sentences: readonly (readonly string[])[], spans: TaggedSpan[][]): TaggedSpan[][] {
  const { gazetteer } = model.resources;
  const cued = new Set<TaggedSpan>();
  const textOf = (si: number, s: TaggedSpan) =>
    (sentences[si] as string[]).slice(s.start, s.end).join(' ').toLowerCase();
  sentences.forEach((words, si) => {
    const own = cleanSpans(words, spans[si] as TaggedSpan[]);
    spans[si] = own;
    const gaz = gazetteerTags(words, gazetteer);
    const taken = new Set<number>();
    for (const s of own) for (let k = s.start; k < s.end; k++) taken.add(k);
    for (let i = 0; i < words.length; i++) {
      const tags = gaz[i] as string[];
      if (taken.has(i)) continue;
      if (tags.includes('U-demonym') || pluralDemonym(words[i] as string, gazetteer))
        own.push({ start: i, end: i + 1, type: 'MISC' });
      else if (tags.includes('B-demonym')) {
        let end = i + 1;
        while (end < words.length && (gaz[end] as string[]).includes('I-demonym') && !taken.has(end)) end++;
        own.push({ start: i, end, type: 'MISC' });
        i = end - 1;
      }
    }
    own.sort((a, b) => a.start - b.start);
    const numbers = words.filter((w) => INTEGER_RE.test(w)).length;
    if (numbers >= 1) {
      for (const s of own) {
        if (s.type !== 'LOC' && s.type !== 'MISC') continue;
        if (!SCORE_RE.test(words[s.end] ?? '')) continue;
        // "Olympic 100 metres": a number followed by a lower-case word is a quantity, not a score.
        if (/^\p{Ll}/u.test(words[s.end + 1] ?? '') && words[s.end + 1] !== 'and') continue;
        if (notTeam(gazetteer, textOf(si, s))) continue;
        s.type = 'ORG';
      }
    }
    // A standings row ("Leeds 12 7 3 2 25"): a name first, then only numbers.
    if (numbers >= 2 && (own.length === 0 || own[0]?.start === 0)) {
      let end = 0;
      while (end < words.length && /^\p{Lu}/u.test(words[end] as string) && !NUMBER_RE.test(words[end] as string))
        end++;
      const rest = words.slice(end);
      if (end > 0 && end <= 4 && rest.length >= 2 && rest.every((w) => NUMBER_RE.test(w))) {
        if (!notTeam(gazetteer, textOf(si, { start: 0, end, type: 'ORG' }))) {
          while (own[0] && own[0].start < end) own.shift();
          const team: TaggedSpan = { start: 0, end, type: 'ORG' };
          own.unshift(team);
          cued.add(team);
        }
      }
    }
    spans[si] = organisationCues(words, own, gazetteer, cued);
  });
  // One text, one type.
  const votes = new Map<string, Map<string, number>>();
  spans.forEach((own, si) => {
    for (const s of own) {
      const key = textOf(si, s);
      const v = votes.get(key) ?? new Map<string, number>();
      // A type set by a context cue (a score, a legal form) outweighs the model's guesses.
      v.set(s.type, (v.get(s.type) ?? 0) + (cued.has(s) ? 3 : 1));
      votes.set(key, v);
    }
  });
  const majority = new Map<string, TaggedSpan['type']>();
  for (const [key, v] of votes) {
    if (v.size < 2) continue;
    const best = [...v].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] as [string, number];
    majority.set(key, best[0] as TaggedSpan['type']);
  }
  const surnames = new Set<string>();
  spans.forEach((own, si) => {
    for (const s of own) {
      if (s.type === 'PER' && s.end - s.start >= 2)
        surnames.add(((sentences[si] as string[])[s.end - 1] as string).toLowerCase());
    }
  });
  spans.forEach((own, si) => {
    const words = sentences[si] as string[];
    const taken = new Set<number>();
    for (const s of own) {
      for (let k = s.start; k < s.end; k++) taken.add(k);
      const key = textOf(si, s);
      const m = majority.get(key);
      // A dateline ("NEW YORK 1996-08-30") names the place even where the teams share its name.
      if (m && !(s.start === 0 && ISO_DATE_RE.test(words[words.length - 1] as string))) s.type = m;
      if (s.end - s.start === 1 && s.type !== 'PER' && surnames.has(key) && !majority.has(key)) s.type = 'PER';
    }
    // A capitalised word left untagged that is the surname of a person named in the document.
    let added = false;
    words.forEach((w, k) => {
      if (taken.has(k) || !surnames.has(w.toLowerCase()) || w.charAt(0).toLowerCase() === w.charAt(0)) return;
      own.push({ start: k, end: k + 1, type: 'PER' });
      added = true;
    });
    if (added) own.sort((a, b) => a.start - b.start);
  });
  return spans;
}

/** Legal-form words that end a company name ("Acme Holdings Ltd", "Banc One Corp."). */
const LEGAL_FORMS = new Set(
  ['inc', 'corp', 'co', 'ltd', 'plc', 'llc', 'ag', 'sa', 'nv', 'bv', 'gmbh', 'spa', 'ab', 'asa', 'bhd', 'pty'].flatMap(
    (w) => [w, `${w}.`],
  ),
);
/** Last words of club names ("Blackburn Rovers", "Partizan United"); "City" is left out (Kansas City). */
const CLUB_WORDS = new Set(['united', 'fc', 'rovers', 'wanderers', 'athletic', 'albion', 'hotspur', 'rangers']);
/** Role nouns a news writer puts right after an organisation ("Acme spokesman", "Leeds striker"). */
const ORG_ROLES = new Set([
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'chairman',
  'ceo',
  'shares',
  'shareholders',
  'subsidiary',
  'striker',
  'midfielder',
  'defender',
  'goalkeeper',
  'coach',
  'all-rounder',
  'batsman',
  'bowler',
]);
/** Last words of organisation names. */
const ORG_HEADS = new Set([
  'exchange',
  'ministry',
  'department',
  'commission',
  'board',
  'association',
  'council',
  'party',
  'authority',
  'agency',
  'bank',
  'bancshares',
  'newsroom',
  'newsdesk',
  'desk',
  'corporation',
  'company',
  'holdings',
  'airlines',
  'airways',
  'federation',
  'committee',
  'institute',
  'university',
]);
/** Last words of competition names (MISC in CoNLL). */
const EVENT_HEADS = new Set(['open', 'games', 'cup', 'championship', 'championships', 'trophy', 'prix', 'olympics']);
/** Nouns that introduce an organisation's name ("news agency Tanjug", "chipmaker Acme"). */
const ORG_INTRODUCERS = new Set([
  'agency',
  'giant',
  'firm',
  'company',
  'operator',
  'carrier',
  'maker',
  'group',
  'newspaper',
  'daily',
  'broker',
  'brokerage',
  'insurer',
  'retailer',
  'club',
  'side',
]);
/** Words between the two sides of a match. */
const MATCH_WORDS = new Set(['v', 'v.', 'vs', 'vs.', 'versus', 'beat', 'beats', 'defeated', 'drew']);
/** Gazetteer classes that say a word is a person or a country rather than an organisation. */
const NOT_ORG_CLASSES = ['person', 'first', 'last', 'country', 'demonym', 'capital'];

/**
 * Organisation cues a sentence-level model trained on other domains misses: a legal form at the
 * end of a name (an untagged "Ltd" after a span joins it), two names joined by "&", a club word
 * at the end of a multi-word name, and a one-word name right before a role noun that only
 * organisations have ("Acme spokesman"), unless the gazetteer knows it as a person or country.
 */
function organisationCues(
  words: readonly string[],
  spans: TaggedSpan[],
  gazetteer: ReadonlyMap<string, string>,
  cued: Set<TaggedSpan>,
): TaggedSpan[] {
  const lower = (k: number) => (words[k] ?? '').toLowerCase();
  const out: TaggedSpan[] = [];
  for (const span of spans) {
    const last = out[out.length - 1];
    // "Douglas & Lomason": two names joined by an ampersand are one organisation.
    if (last && last.end + 1 === span.start && words[last.end] === '&') {
      last.end = span.end;
      last.type = 'ORG';
      continue;
    }
    out.push(span);
  }
  for (let i = 0; i < out.length; i++) {
    const span = out[i] as TaggedSpan;
    const next = out[i + 1];
    if (next && next.start === span.end && next.end === next.start + 1 && LEGAL_FORMS.has(lower(next.start))) {
      out.splice(i + 1, 1);
      span.end = next.end;
    }
    while (span.end < words.length && LEGAL_FORMS.has(lower(span.end)) && /^\p{Lu}/u.test(words[span.end] as string))
      span.end++;
    let cue = false;
    // "New York Stock Exchange", "Avocado Growers Association": capitalised words after a name that
    // end in an organisation head noun belong to it (the model often stops at the place).
    let j = span.end;
    while (j < words.length && j - span.end < 4 && /^\p{Lu}\p{Ll}/u.test(words[j] as string)) j++;
    while (j > span.end && !ORG_HEADS.has(lower(j - 1)) && !EVENT_HEADS.has(lower(j - 1))) j--;
    if (j > span.end) {
      while (out[i + 1] && (out[i + 1] as TaggedSpan).start < j) out.splice(i + 1, 1);
      span.end = j;
      cue = ORG_HEADS.has(lower(j - 1));
    }
    // "Hong Kong Open", "Atlanta Games": a competition named after its place is MISC; what
    // follows its head after a lower-case word ("… Open on Sunday") is not part of it.
    for (let k = span.start + 1; k < span.end - 1; k++) {
      if (EVENT_HEADS.has(lower(k)) && /^\p{Ll}/u.test(words[k + 1] as string)) span.end = k + 1;
    }
    if (span.end - span.start > 1 && EVENT_HEADS.has(lower(span.end - 1))) {
      span.type = 'MISC';
      cued.add(span);
      continue;
    }
    if (span.end - span.start > 1 && ORG_HEADS.has(lower(span.end - 1))) cue = true;
    for (let k = span.start + 1; k < span.end; k++) if (LEGAL_FORMS.has(lower(k))) cue = true;
    if (span.end - span.start > 1 && CLUB_WORDS.has(lower(span.end - 1))) cue = true;
    const classes = () => gazetteer.get(words.slice(span.start, span.end).join(' ').toLowerCase()) ?? '';
    if (!cue && span.end - span.start === 1 && span.type !== 'ORG' && ORG_ROLES.has(lower(span.end))) {
      const known = classes();
      cue = !NOT_ORG_CLASSES.some((c) => known.includes(c));
    }
    // "Leeds v Chelsea", "Wigan beat Bradford": sides of a match; national sides stay places.
    // "cables giant Pirelli", "news agency Tanjug", "shares of Acme": a one-word name after a noun
    // that only introduces organisations.
    const before = lower(span.start - 1);
    if (
      !cue &&
      span.end - span.start === 1 &&
      span.type !== 'ORG' &&
      (ORG_INTRODUCERS.has(before) || (before === 'of' && lower(span.start - 2) === 'shares'))
    ) {
      const known = classes();
      cue = !NOT_ORG_CLASSES.some((c) => known.includes(c));
    }
    // A name followed by "(" is a player with a country ("beat Jane Roe ( France )").
    const side = MATCH_WORDS.has(lower(span.start - 1)) || MATCH_WORDS.has(lower(span.end));
    if (!cue && span.type !== 'PER' && side && words[span.end] !== '(') {
      const known = classes();
      cue =
        !notTeam(gazetteer, words.slice(span.start, span.end).join(' ').toLowerCase()) && !known.includes('capital');
    }
    if (cue) {
      span.type = 'ORG';
      cued.add(span);
    }
  }
  return out;
}

/** "Iraqis", "Palestinians": a capitalised plural of a known demonym names the people (MISC). */
function pluralDemonym(word: string, gazetteer: ReadonlyMap<string, string>): boolean {
  if (word.length < 4 || !word.endsWith('s') || !/^\p{Lu}\p{Ll}/u.test(word)) return false;
  return (gazetteer.get(word.slice(0, -1).toLowerCase()) ?? '').includes('demonym');
}

const NUMBER_RE = /^[\d.,:/-]+$/;
const EDGE_WORDS = new Set(['the', 'a', 'an', 'of', 'and', 'or', 'in', 'for', 'at', 'on', 'to', 'de']);

/**
 * Spans cut where the greedy tagger ran over a number ("Somerset 4", "DETROIT 4 Kansas City"),
 * without function words at their edges ("Duke of"), and without spans made only of single
 * letters (table headers "W D L").
 */
function cleanSpans(words: readonly string[], spans: readonly TaggedSpan[]): TaggedSpan[] {
  const out: TaggedSpan[] = [];
  for (const span of spans) {
    let start = span.start;
    for (let k = span.start; k <= span.end; k++) {
      if (k < span.end && !NUMBER_RE.test(words[k] as string)) continue;
      const a = start;
      let b = k;
      while (b > a && EDGE_WORDS.has((words[b - 1] as string).toLowerCase())) b--;
      const onlyLetters = words.slice(a, b).every((w) => /^\p{Lu}$/u.test(w));
      const lone = b - a === 1 && EDGE_WORDS.has((words[a] as string).toLowerCase());
      if (b > a && !onlyLetters && !lone) out.push({ start: a, end: b, type: span.type });
      start = k + 1;
    }
  }
  return out;
}

function tagGreedy(model: NerModel, sentences: readonly (readonly string[])[]): number[][] {
  const doc = docContext(sentences);
  const caches = cachesOf(model);
  const scores = new Float32Array(TAG_COUNT);
  return sentences.map((original) => {
    const out: number[] = [];
    for (let from = 0; from < original.length; from += MAX_SENTENCE_TOKENS) {
      const piece = original.length > MAX_SENTENCE_TOKENS ? original.slice(from, from + MAX_SENTENCE_TOKENS) : original;
      const shouting = isShouting(piece);
      const words = shouting ? recase(piece, doc, model.resources) : piece;
      const { lowers, shapes, classes, gaz } = sentenceArrays(words, model.resources);
      const n = words.length;
      const start = boundaryScores(model, caches, SENTENCE_START);
      const end = boundaryScores(model, caches, SENTENCE_END);
      const mine = words.map((w, i) => wordScores(model, caches, w, lowers[i] as string));
      let prev = 0;
      let prev2 = 0;
      for (let i = 0; i < n; i++) {
        const w = words[i] as string;
        const l = lowers[i] as string;
        const sh = shapes[i] as string;
        const cls = classes[i] as string;
        scores.set((mine[i] as Float32Array).subarray(0, TAG_COUNT));
        add(scores, caches.pairs[prev2 * TAG_COUNT + prev] as Float32Array);
        // Neighbour roles: lp2, lp, ln, ln2 live at offsets 1..4 of each word's vector.
        add(scores, i > 1 ? (mine[i - 2] as Float32Array) : start, TAG_COUNT);
        add(scores, i > 0 ? (mine[i - 1] as Float32Array) : start, 2 * TAG_COUNT);
        add(scores, i + 1 < n ? (mine[i + 1] as Float32Array) : end, 3 * TAG_COUNT);
        add(scores, i + 2 < n ? (mine[i + 2] as Float32Array) : end, 4 * TAG_COUNT);
        const shp = i > 0 ? (shapes[i - 1] as string) : SENTENCE_START;
        const shn = i + 1 < n ? (shapes[i + 1] as string) : SENTENCE_END;
        addPair(model, scores, 'lpl=', i > 0 ? (lowers[i - 1] as string) : SENTENCE_START, l);
        addPair(model, scores, 'lln=', l, i + 1 < n ? (lowers[i + 1] as string) : SENTENCE_END);
        addPair(model, scores, 'shpc=', shp, sh);
        addPair(model, scores, 'shcn=', sh, shn);
        add(scores, two(model, caches, `sh3=${shp}|`, sh, shn));
        addPair(model, scores, 'cp=', i > 0 ? (classes[i - 1] as string) : SENTENCE_START, cls);
        addPair(model, scores, 'cn=', cls, i + 1 < n ? (classes[i + 1] as string) : SENTENCE_END);
        if (i === 0) {
          add(scores, one(model, caches, 'first|', sh));
          add(scores, one(model, caches, 'first|', cls));
        }
        if (shouting) add(scores, one(model, caches, 'caps|', sh));
        if (w.charAt(0).toLowerCase() !== w.charAt(0)) {
          if (doc.lowerSeen.has(l)) add(scores, one(model, caches, i === 0 ? 'dlow0' : 'dlow', ''));
          if (i === 0 && doc.casedMid.has(l)) add(scores, one(model, caches, 'dmid0', ''));
        }
        const g = gaz[i] as string[];
        for (const t of g) {
          add(scores, one(model, caches, 'g=', t));
          addPair(model, scores, 'gsh=', t, sh);
        }
        if (g.length === 0) add(scores, one(model, caches, 'g=', '-'));
        if (i > 0) for (const t of gaz[i - 1] as string[]) add(scores, one(model, caches, 'gp=', t));
        if (i + 1 < n) for (const t of gaz[i + 1] as string[]) add(scores, one(model, caches, 'gn=', t));
        const prevTag = TAGS[prev] as string;
        addPair(model, scores, 'tl=', prevTag, l);
        addPair(model, scores, 'tsh=', prevTag, sh);
        let best = 0;
        let bestScore = Number.NEGATIVE_INFINITY;
        for (let t = 0; t < TAG_COUNT; t++) {
          if (!allowed(prev, t)) continue;
          const s = scores[t] as number;
          if (s > bestScore) {
            bestScore = s;
            best = t;
          }
        }
        out.push(best);
        prev2 = prev;
        prev = best;
      }
    }
    return out;
  });
}

/** Spans of IOB2 tag indices. */
export function spansOf(tags: readonly number[]): TaggedSpan[] {
  const spans: TaggedSpan[] = [];
  let open: TaggedSpan | null = null;
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i] as number;
    const name = TAGS[t] as string;
    if (t === 0 || name.startsWith('B-') || (open && name.slice(2) !== open.type)) {
      if (open) spans.push(open);
      open = t === 0 ? null : { start: i, end: i + 1, type: name.slice(2) as TaggedSpan['type'] };
    } else if (open) open.end = i + 1;
    else open = { start: i, end: i + 1, type: name.slice(2) as TaggedSpan['type'] };
  }
  if (open) spans.push(open);
  return spans;
}
