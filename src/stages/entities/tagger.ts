/**
 * The statistical name tagger: an averaged perceptron over `tagger-features.ts`, trained by
 * `npm run train:ner` (scripts/train-ner.ts) on openly licensed data (see data/ner/LICENSE) and
 * shipped as `data/ner/model.bin`. Greedy left-to-right decoding over IOB2 tags, with tags that
 * cannot follow the previous one ruled out; one pass per sentence, so time is linear in the text.
 *
 * Hand-written rather than taken from npm: the JavaScript NER packages are rule/lexicon based
 * (compromise, wink-nlp) or need a native/ONNX runtime; an averaged perceptron is ~100 lines.
 *
 * Model file layout (little endian): "SLNER4\n", u32 header length + JSON header
 * ({ tags, scale, features, words, names, slots }), u32 length + lexicon lines "word\tclass",
 * u32 length + gazetteer lines "name\tclasses", zero padding to a multiple of 4, then the
 * open-addressing table (slots × 2 u32: hash A of the feature, row + 1; 0 = empty slot), hash B
 * of each row's feature (features u32), then features × tags int16 weights (value × scale).
 *
 * Features are pairs of 32-bit hashes (`tagger-features.ts`); the decoder finds a feature's
 * weight row by probing the open-addressing table, read straight from the file with the weights,
 * so loading builds nothing per feature. Two features share a row only if both hashes collide.
 * Hash A sits in the slot itself and the table is at most 60% full, so a miss (most pair
 * features are not in the model) reads a few adjacent slots and nothing else.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../api/root.js';
import {
  allowed,
  contextKeys,
  type DocContext,
  docContext,
  FeatureKeys,
  GAZ_BEGIN_BIT,
  GAZ_INSIDE_BIT,
  GAZ_UNIT_BIT,
  type Gazetteer,
  gazClassesOf,
  gazetteerTags,
  gazHas,
  gazMaskOf,
  infosShout,
  recase,
  TAG_COUNT,
  TAGS,
  type TaggerResources,
  tagAndShapeKey,
  tagAndWordKey,
  tagPairKeys,
  UNIGRAM_COUNT,
  type WordInfo,
  WordTable,
} from './tagger-features.js';

export const MODEL_MAGIC = 'SLNER4\n';
export const MODEL_FILE = 'data/ner/model.bin';

export interface NerModel {
  /** Number of weight rows (features). */
  features: number;
  /** Hash B of each row's feature. */
  hashesB: Uint32Array;
  /** Open-addressing table, two u32 per slot: hash A, row + 1 (0 when empty); probed from hash A. */
  table: Uint32Array;
  /** slots - 1 (slots is a power of two). */
  mask: number;
  /** rows × TAG_COUNT weights, times `scale`. */
  weights: Int16Array;
  scale: number;
  resources: TaggerResources;
  /** Distinct words seen by this model's decoder, with their cached feature keys. */
  words: WordTable;
}

/** A tagged span over token indices [start, end) of one sentence. */
export interface TaggedSpan {
  start: number;
  end: number;
  type: 'PER' | 'ORG' | 'LOC' | 'MISC';
}

/** Table slot count for `features` rows: a power of two, at most 60% full (short probes on a miss). */
function slotCount(features: number): number {
  let slots = 8;
  while (slots * 0.6 < features) slots *= 2;
  return slots;
}

/** Row of the feature with hashes `a`, `b`, or -1. */
export function lookup(model: NerModel, a: number, b: number): number {
  const { table, hashesB, mask } = model;
  let slot = a & mask;
  for (;;) {
    const row = table[2 * slot + 1] as number;
    if (row === 0) return -1;
    if (table[2 * slot] === a && hashesB[row - 1] === b) return row - 1;
    slot = (slot + 1) & mask;
  }
}

/**
 * `lookup` behind a small direct-mapped cache: the features of shapes, classes, tags and
 * gazetteer tags take few values and recur on every other token, and the cache keeps them in
 * fast memory instead of a probe into the multi-megabyte table.
 */
const RECENT_SIZE = 4096;
const recentA = new Uint32Array(RECENT_SIZE);
const recentB = new Uint32Array(RECENT_SIZE);
const recentRow = new Int32Array(RECENT_SIZE);
let recentModel: NerModel | null = null;

function cachedLookup(model: NerModel, a: number, b: number): number {
  if (recentModel !== model) {
    // Slot 0 of an empty cache holds hashes 0/0, which no feature has in practice; rows -2 never match.
    recentRow.fill(-2);
    recentModel = model;
  }
  const k = (a ^ (b >>> 7)) & (RECENT_SIZE - 1);
  if (recentA[k] === a && recentB[k] === b && recentRow[k] !== -2) return recentRow[k] as number;
  const row = lookup(model, a, b);
  recentA[k] = a;
  recentB[k] = b;
  recentRow[k] = row;
  return row;
}

/** Write a model file's bytes: feature keys (hash pairs) and their weights, lexicon and gazetteer. */
export function encodeModel(
  keysA: Uint32Array,
  keysB: Uint32Array,
  weights: Int16Array,
  scale: number,
  wordClass: ReadonlyMap<string, string>,
  gazetteer: Gazetteer,
): Buffer {
  const features = keysA.length;
  const slots = slotCount(features);
  const table = new Uint32Array(slots * 2);
  const hashesB = new Uint32Array(features);
  for (let row = 0; row < features; row++) {
    const a = keysA[row] as number;
    const b = keysB[row] as number;
    let slot = a & (slots - 1);
    while (table[2 * slot + 1] !== 0) {
      const other = (table[2 * slot + 1] as number) - 1;
      if (table[2 * slot] === a && hashesB[other] === b) throw new Error(`NER feature ${a}:${b} twice`);
      slot = (slot + 1) & (slots - 1);
    }
    table[2 * slot] = a;
    table[2 * slot + 1] = row + 1;
    hashesB[row] = b;
  }
  const gazText = Buffer.from(
    [...gazetteer].map(([name, mask]) => `${name}\t${gazClassesOf(mask)}`).join('\n'),
    'utf8',
  );
  const lexText = Buffer.from([...wordClass].map(([w, c]) => `${w}\t${c}`).join('\n'), 'utf8');
  const header = Buffer.from(
    JSON.stringify({ tags: TAGS, scale, features, words: wordClass.size, names: gazetteer.size, slots }),
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
    Buffer.from(table.buffer, table.byteOffset, table.byteLength),
    Buffer.from(hashesB.buffer, hashesB.byteOffset, hashesB.byteLength),
    Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength),
  ]);
}

/** "key\tvalue" lines → map, values converted by `value`. */
function tabMap<V>(text: string, value: (v: string) => V): Map<string, V> {
  const map = new Map<string, V>();
  let from = 0;
  while (from < text.length) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    const tab = text.indexOf('\t', from);
    if (tab > from && tab < to) map.set(text.slice(from, tab), value(text.slice(tab + 1, to)));
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
  const wordClass = tabMap(chunk().toString('utf8'), (v) => v);
  const gazetteer = tabMap(chunk().toString('utf8'), gazMaskOf);
  at += (4 - (at % 4)) % 4;
  const count = header.features * TAG_COUNT;
  const need = at + header.slots * 8 + header.features * 4 + count * 2;
  if (bytes.length < need) throw new Error(`NER model is truncated: ${bytes.length} bytes, expected ${need}`);
  const table = view(bytes, at, header.slots * 2, 4, (b, o, n) => new Uint32Array(b, o, n));
  at += header.slots * 8;
  const hashesB = view(bytes, at, header.features, 4, (b, o, n) => new Uint32Array(b, o, n));
  at += header.features * 4;
  const weights = view(bytes, at, count, 2, (b, o, n) => new Int16Array(b, o, n));
  const resources = { wordClass, gazetteer };
  return {
    features: header.features,
    hashesB,
    table,
    mask: header.slots - 1,
    weights,
    scale: header.scale,
    resources,
    words: new WordTable(resources),
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

/** Add the weights of row `row` (if any) to `scores`. */
function addRow(weights: Int16Array, row: number, scores: Int32Array, at = 0): void {
  if (row < 0) return;
  const base = row * TAG_COUNT;
  for (let t = 0; t < TAG_COUNT; t++) scores[at + t] = (scores[at + t] as number) + (weights[base + t] as number);
}

/**
 * Per-word scores, cached on the word's info (one per model): the summed weights of the word's
 * own features, then its weights in each neighbour role (prev2, prev, next, next2), then the
 * weights of "previous tag + this word" for each previous tag, TAG_COUNT each.
 */
const WORD_VECTOR = TAG_COUNT * (5 + TAG_COUNT);
const TAG_WORD_AT = TAG_COUNT * 5;
function wordScores(model: NerModel, w: WordInfo): Int32Array {
  let v = w.scores;
  if (v === null) {
    v = new Int32Array(WORD_VECTOR);
    for (let k = 0; k < UNIGRAM_COUNT; k++)
      addRow(model.weights, lookup(model, w.keysA[k] as number, w.keysB[k] as number), v);
    for (let r = 0; r < 4; r++) {
      const k = UNIGRAM_COUNT + r;
      addRow(model.weights, lookup(model, w.keysA[k] as number, w.keysB[k] as number), v, (r + 1) * TAG_COUNT);
    }
    const keys = new FeatureKeys();
    for (let prev = 0; prev < TAG_COUNT; prev++) {
      keys.reset();
      tagAndWordKey(prev, w, keys);
      addRow(model.weights, lookup(model, keys.a[0] as number, keys.b[0] as number), v, TAG_WORD_AT + prev * TAG_COUNT);
    }
    w.scores = v;
  }
  return v;
}

/** prev2 * TAG_COUNT + prev → summed weights of the tag-pair features, per model. */
const PAIR_SCORES = new WeakMap<NerModel, Int32Array[]>();

function pairScores(model: NerModel): Int32Array[] {
  let pairs = PAIR_SCORES.get(model);
  if (!pairs) {
    pairs = [];
    const keys = new FeatureKeys();
    for (let p2 = 0; p2 < TAG_COUNT; p2++) {
      for (let p = 0; p < TAG_COUNT; p++) {
        const v = new Int32Array(TAG_COUNT);
        keys.reset();
        tagPairKeys(p, p2, keys);
        for (let k = 0; k < keys.n; k++)
          addRow(model.weights, lookup(model, keys.a[k] as number, keys.b[k] as number), v);
        pairs.push(v);
      }
    }
    PAIR_SCORES.set(model, pairs);
  }
  return pairs;
}

/** Longest sentence the tagger looks at in one piece: longer runs are cut (no punctuation to split on). */
export const MAX_SENTENCE_TOKENS = 200;

/**
 * Tag the sentences of one document (each a list of token texts); returns tag indices per token.
 * Sentences longer than MAX_SENTENCE_TOKENS are tagged in consecutive pieces. The greedy tags
 * are then made consistent across the document (see `refine`).
 */
export function tagDocument(model: NerModel, sentences: readonly (readonly string[])[]): number[][] {
  const table = model.words;
  const infos = sentences.map((s) => s.map((w) => table.info(w)));
  const gaz: Int32Array[] = [];
  const greedy = tagGreedy(model, sentences, infos, gaz);
  return refine(model, sentences, infos, gaz, greedy.map(spansOf)).map((spans, i) =>
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

const KEYS = new FeatureKeys();
const SCORES = new Int32Array(TAG_COUNT);
let GAZ_SCRATCH = new Int32Array(256);

/**
 * Greedy tags of one sentence piece (already re-cased if it shouts), appended to `out`; its
 * gazetteer tags are written to `gazOut` from `at`.
 */
function tagPiece(
  model: NerModel,
  infos: readonly WordInfo[],
  doc: DocContext,
  shouting: boolean,
  out: number[],
  gazOut: Int32Array,
  at: number,
): void {
  const table = model.words;
  const { weights } = model;
  const n = infos.length;
  if (GAZ_SCRATCH.length < n) GAZ_SCRATCH = new Int32Array(n * 2);
  const gaz = gazetteerTags(infos, model.resources.gazetteer, GAZ_SCRATCH);
  gazOut.set(gaz.subarray(0, n), at);
  const pairs = pairScores(model);
  const start = wordScores(model, table.start);
  const end = wordScores(model, table.end);
  const scores = SCORES;
  const keys = KEYS;
  let prev = 0;
  let prev2 = 0;
  let mPrev2 = start;
  let mPrev = start;
  let mCur = n > 0 ? wordScores(model, infos[0] as WordInfo) : end;
  let mNext = n > 1 ? wordScores(model, infos[1] as WordInfo) : end;
  for (let i = 0; i < n; i++) {
    const mNext2 = i + 2 < n ? wordScores(model, infos[i + 2] as WordInfo) : end;
    const pair = pairs[prev2 * TAG_COUNT + prev] as Int32Array;
    // Own features, tag pair, previous tag with this word, then the neighbours' weights in their roles.
    const tagWord = TAG_WORD_AT + prev * TAG_COUNT;
    for (let t = 0; t < TAG_COUNT; t++) {
      scores[t] =
        (mCur[t] as number) +
        (mCur[tagWord + t] as number) +
        (pair[t] as number) +
        (mPrev2[TAG_COUNT + t] as number) +
        (mPrev[2 * TAG_COUNT + t] as number) +
        (mNext[3 * TAG_COUNT + t] as number) +
        (mNext2[4 * TAG_COUNT + t] as number);
    }
    keys.reset();
    contextKeys(infos, gaz, i, doc, shouting, table, keys);
    tagAndShapeKey(prev, infos[i] as WordInfo, keys);
    for (let k = 0; k < keys.n; k++)
      addRow(weights, cachedLookup(model, keys.a[k] as number, keys.b[k] as number), scores);
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
    mPrev2 = mPrev;
    mPrev = mCur;
    mCur = mNext;
    mNext = mNext2;
  }
}

function tagGreedy(
  model: NerModel,
  sentences: readonly (readonly string[])[],
  infos: readonly (readonly WordInfo[])[],
  gaz: Int32Array[],
): number[][] {
  const doc = docContext(infos);
  const table = model.words;
  return sentences.map((original, si) => {
    const out: number[] = [];
    const all = infos[si] as WordInfo[];
    const sentenceGaz = new Int32Array(original.length);
    gaz.push(sentenceGaz);
    for (let from = 0; from < original.length; from += MAX_SENTENCE_TOKENS) {
      const long = original.length > MAX_SENTENCE_TOKENS;
      let piece = long ? all.slice(from, from + MAX_SENTENCE_TOKENS) : all;
      const shouting = infosShout(piece);
      if (shouting) {
        const words = long ? original.slice(from, from + MAX_SENTENCE_TOKENS) : original;
        piece = recase(words, doc, model.resources).map((w) => table.info(w));
      }
      tagPiece(model, piece, doc, shouting, out, sentenceGaz, from);
    }
    return out;
  });
}

/** A score after a team name: "4", "108-3". */
const SCORE_RE = /^\d{1,4}(-\d{1,3})?$/;
/** Gazetteer classes of names that are not teams before a score (national sides are LOC in CoNLL). */
const NOT_TEAM_CLASSES = ['country', 'demonym', 'person', 'first', 'last'] as const;
/** Sporting nations the country list lacks (national sides are LOC in CoNLL). */
const HOME_NATIONS = new Set(['england', 'scotland', 'wales', 'northern ireland', 'faroes']);
const ISO_DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DEMONYM_UNIT = GAZ_UNIT_BIT('demonym');
const DEMONYM_BEGIN = GAZ_BEGIN_BIT('demonym');
const DEMONYM_INSIDE = GAZ_INSIDE_BIT('demonym');

/** Is this lower-case name a country, nationality or person rather than a team? */
function notTeam(gazetteer: Gazetteer, name: string): boolean {
  if (HOME_NATIONS.has(name)) return true;
  return gazHas(gazetteer.get(name), ...NOT_TEAM_CLASSES);
}

/**
 * Document-level rules over the greedy spans, each fixing a mistake the sentence-level model
 * cannot see:
 * - a demonym the gazetteer knows ("Panamanian", "South Korean") left untagged is MISC (the
 *   training sets that lack MISC taught the model to leave them out);
 * - a dateline ("BONN 1996-08-30") is a place;
 * - in a results line ("Somerset 4 Essex 2", "Durham 114"), a non-country place or MISC name
 *   right before a score is a team, so ORG;
 * - one text, one type: every mention of the same text takes the type most of its mentions have;
 * - a one-word span, or an untagged capitalised word, that is the last word of a person named
 *   in the document is that person.
 */
function refine(
  model: NerModel,
  sentences: readonly (readonly string[])[],
  infos: readonly (readonly WordInfo[])[],
  gazTags: readonly Int32Array[],
  spans: TaggedSpan[][],
): TaggedSpan[][] {
  const { gazetteer } = model.resources;
  const cued = new Set<TaggedSpan>();
  const textOf = (si: number, s: TaggedSpan) =>
    (sentences[si] as string[]).slice(s.start, s.end).join(' ').toLowerCase();
  sentences.forEach((words, si) => {
    const own = cleanSpans(words, spans[si] as TaggedSpan[]);
    spans[si] = own;
    const gaz = gazTags[si] as Int32Array;
    const taken = new Set<number>();
    for (const s of own) for (let k = s.start; k < s.end; k++) taken.add(k);
    for (let i = 0; i < words.length; i++) {
      const tags = gaz[i] as number;
      if (!((infos[si] as WordInfo[])[i] as WordInfo).capitalised || taken.has(i)) continue;
      if (tags & DEMONYM_UNIT || pluralDemonym(words[i] as string, gazetteer))
        own.push({ start: i, end: i + 1, type: 'MISC' });
      else if (tags & DEMONYM_BEGIN) {
        let end = i + 1;
        while (end < words.length && (gaz[end] as number) & DEMONYM_INSIDE && !taken.has(end)) end++;
        own.push({ start: i, end, type: 'MISC' });
        i = end - 1;
      }
    }
    own.sort((a, b) => a.start - b.start);
    // A dateline ("BONN 1996-08-30", "NEW YORK 1996-08-30"): capitalised words then a date name a place.
    const last = words.length - 1;
    if (last >= 1 && last <= 4 && ISO_DATE_RE.test(words[last] as string)) {
      const place = (infos[si] as WordInfo[]).slice(0, last);
      if (place.every((w) => w.capitalised)) {
        spans[si] = [{ start: 0, end: last, type: 'LOC' }];
        return;
      }
    }
    let numbers = 0;
    for (const w of infos[si] as WordInfo[]) if (w.integer) numbers++;
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
    (infos[si] as WordInfo[]).forEach((w, k) => {
      if (!w.capitalised || taken.has(k) || !surnames.has(w.lower)) return;
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
const NOT_ORG_CLASSES = ['person', 'first', 'last', 'country', 'demonym', 'capital'] as const;

/**
 * Organisation cues a sentence-level model trained on other domains misses: a legal form at the
 * end of a name (an untagged "Ltd" after a span joins it), two names joined by "&", a club word
 * at the end of a multi-word name, and a one-word name right before a role noun that only
 * organisations have ("Acme spokesman"), unless the gazetteer knows it as a person or country.
 */
function organisationCues(
  words: readonly string[],
  spans: TaggedSpan[],
  gazetteer: Gazetteer,
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
    const classes = () => gazetteer.get(words.slice(span.start, span.end).join(' ').toLowerCase());
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
    // "West Bank": a name the gazetteer knows as a place keeps its head noun.
    if (cue && gazHas(classes(), 'region', 'city', 'country', 'capital')) cue = false;
    for (let k = span.start + 1; k < span.end; k++) if (LEGAL_FORMS.has(lower(k))) cue = true;
    if (span.end - span.start > 1 && CLUB_WORDS.has(lower(span.end - 1))) cue = true;
    if (!cue && span.end - span.start === 1 && span.type !== 'ORG' && ORG_ROLES.has(lower(span.end))) {
      cue = !gazHas(classes(), ...NOT_ORG_CLASSES);
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
      cue = !gazHas(classes(), ...NOT_ORG_CLASSES);
    }
    // A name followed by "(" is a player with a country ("beat Jane Roe ( France )").
    const side = MATCH_WORDS.has(lower(span.start - 1)) || MATCH_WORDS.has(lower(span.end));
    if (!cue && span.type !== 'PER' && side && words[span.end] !== '(') {
      cue =
        !notTeam(gazetteer, words.slice(span.start, span.end).join(' ').toLowerCase()) && !gazHas(classes(), 'capital');
    }
    if (cue) {
      span.type = 'ORG';
      cued.add(span);
    }
  }
  return out;
}

/** "Iraqis", "Palestinians": a capitalised plural of a known demonym names the people (MISC). */
function pluralDemonym(word: string, gazetteer: Gazetteer): boolean {
  if (word.length < 4 || !word.endsWith('s') || !/^\p{Lu}\p{Ll}/u.test(word)) return false;
  return gazHas(gazetteer.get(word.slice(0, -1).toLowerCase()), 'demonym');
}

const NUMBER_RE = /^[\d.,:/-]+$/;
/** Scorecard words between two names ("Vaas b Chandana": bowled, caught, stumped). */
const SPLITTERS = new Set(['b', 'c', 'st', 'lbw', 'c&b']);
/** Months and weekdays: CoNLL never tags them alone, though "June" is a given name too ("May" is left out: a surname). */
const CALENDAR_WORDS = new Set(
  'january february march april june july august september october november december monday tuesday wednesday thursday friday saturday sunday'.split(
    ' ',
  ),
);
const EDGE_WORDS = new Set(['the', 'a', 'an', 'of', 'and', 'or', 'in', 'for', 'at', 'on', 'to', 'de']);

/**
 * Spans cut where the greedy tagger ran over a number ("Somerset 4", "DETROIT 4 Kansas City") or
 * a scorecard word ("Vaas b Chandana"), without function words at their edges ("Duke of"), and
 * without spans made only of single letters (table headers "W D L") or of a month or weekday.
 */
function cleanSpans(words: readonly string[], spans: readonly TaggedSpan[]): TaggedSpan[] {
  const out: TaggedSpan[] = [];
  for (const span of spans) {
    let start = span.start;
    for (let k = span.start; k <= span.end; k++) {
      if (k < span.end && !NUMBER_RE.test(words[k] as string) && !SPLITTERS.has(words[k] as string)) continue;
      const a = start;
      let b = k;
      while (b > a && EDGE_WORDS.has((words[b - 1] as string).toLowerCase())) b--;
      const onlyLetters = words.slice(a, b).every((w) => /^\p{Lu}$/u.test(w));
      const lone = b - a === 1 && EDGE_WORDS.has((words[a] as string).toLowerCase());
      const calendar = b - a === 1 && CALENDAR_WORDS.has((words[a] as string).toLowerCase());
      if (b > a && !onlyLetters && !lone && !calendar) out.push({ start: a, end: b, type: span.type });
      start = k + 1;
    }
  }
  return out;
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
