/**
 * Online copy detection with a memory window: each arriving article is compared with the
 * articles of the last `windowDays` days of publication through three indexes, then remembered.
 *
 * - exact: a 52-bit hash of the normalised word sequence;
 * - near: MinHash (`minhash.ts`, 128 bins) with LSH banding over the first `bands` bands;
 * - partial reuse: a hash per paragraph (normalised words, at least `MIN_PARAGRAPH_WORDS`):
 *   an article that reuses most paragraphs of another and adds its own has a low Jaccard but a
 *   high containment, which the shared paragraphs measure directly.
 * Candidates are verified with the MinHash Jaccard estimate and the word share of the shared
 * paragraphs (containment of the smaller text), with the thresholds of the batch `findDuplicates`.
 *
 * Memory: the indexes are partitioned by spans of publication days (a sixth of the window each,
 * so a lookup reads about seven partitions); a whole span is dropped once its last day falls out
 * of the window, so an endless stream keeps `windowDays` of entries, and a candidate lookup
 * reads one map per band per day kept. An LSH bucket keeps its first member only: copies of one
 * text are alike, and linking each copy to the first one joins them into one copy group (10 000
 * reposts of one story cost 10 000 lookups, not 10 000² pairs).
 */
import type { DuplicateKind } from '../../core/corpus.js';
import {
  MIN_CONTAINMENT_SHINGLES,
  MIN_SHINGLES,
  MIN_WORDS_EXACT,
  NEAR_JACCARD,
  SYNDICATED_CONTAINMENT,
  SYNDICATED_JACCARD,
  WIRE_CONTAINMENT,
  WIRE_JACCARD,
} from './index.js';
import { bandKeys, fmix32, hashString, minhash, NUM_HASHES, normalizedWords, shingleSet } from './minhash.js';

/** Paragraphs shorter than this many words are not indexed (datelines, "Read more", credits). */
export const MIN_PARAGRAPH_WORDS = 8;
/** Paragraph hashes shared by more articles than this are boilerplate, not reuse. */
const MAX_PARAGRAPH_POSTING = 64;

export interface CopyDoc {
  id: string;
  /** Day number of publication, or null (undated articles join the newest day's partition). */
  day: number | null;
  text: string;
  wire: readonly string[];
}

export interface CopyMatch {
  /** The earlier article this one copies. */
  of: string;
  kind: DuplicateKind;
  /** Jaccard estimate, or containment for partial reuse. */
  similarity: number;
  /** Share of the smaller text found in the larger (paragraph words). */
  containment: number;
}

export interface CopyIndexOptions {
  windowDays: number;
  /** LSH bands used (each of `ROWS` signature positions); fewer bands, less memory, lower recall. */
  bands: number;
}

export const DEFAULT_COPY_OPTIONS: CopyIndexOptions = { windowDays: 30, bands: 16 };

interface Entry {
  id: string;
  /**
   * One buffer per entry (a typed array costs ~200 bytes of bookkeeping, three would triple it):
   * the MinHash signature (`NUM_HASHES` values), then the paragraph hashes, then their word counts.
   */
  data: Uint32Array;
  /** Number of indexed paragraphs. */
  paragraphCount: number;
  shingles: number;
  words: number;
  /** Paragraph hash → words, in text order. */
  wire: readonly string[];
}

interface DayPartition {
  day: number;
  exact: Map<number, Entry>;
  bands: Map<number, Entry>;
  /** A single entry, or a list once a paragraph is shared (most are not). */
  paragraphs: Map<number, Entry | Entry[]>;
  size: number;
}

/** Normalised words of a text and hashes of its paragraphs (one pass over its lines). */
export function wordsAndParagraphs(text: string): {
  words: string[];
  hashes: Uint32Array;
  paragraphWords: Uint16Array;
} {
  const words: string[] = [];
  const hashes: number[] = [];
  const counts: number[] = [];
  for (const line of text.split('\n')) {
    const w = normalizedWords(line);
    for (const x of w) words.push(x);
    if (w.length < MIN_PARAGRAPH_WORDS) continue;
    hashes.push(hashString(w.join(' ')) & SMI_MASK_PARAGRAPH);
    counts.push(Math.min(w.length, 65535));
  }
  return { words, hashes: Uint32Array.from(hashes), paragraphWords: Uint16Array.from(counts) };
}

/** Paragraph hashes are kept to 30 bits: small-integer map keys (see `bandSlot`). */
const SMI_MASK_PARAGRAPH = 0x3fffffff;

/** Candidates verified per article (the ones sharing the most bands and paragraphs). */
const MAX_VERIFIED = 8;

export class CopyIndex {
  readonly options: CopyIndexOptions;
  private readonly days = new Map<number, DayPartition>();
  private newestDay: number | null = null;
  /** Entries remembered (for tests and the benchmark's memory table). */
  size = 0;

  constructor(options: Partial<CopyIndexOptions> = {}) {
    this.options = { ...DEFAULT_COPY_OPTIONS, ...options };
    this.span = Math.max(1, Math.floor(this.options.windowDays / 6));
  }

  /** Days per partition. */
  private readonly span: number;

  /**
   * Find the best earlier copy of `doc` in the window, then remember `doc`. `prepared`: its
   * `wordsAndParagraphs`, when the caller has them already.
   */
  add(doc: CopyDoc, prepared: ReturnType<typeof wordsAndParagraphs> = wordsAndParagraphs(doc.text)): CopyMatch | null {
    if (doc.day !== null && (this.newestDay === null || doc.day > this.newestDay)) {
      this.newestDay = doc.day;
      for (const day of this.days.keys()) {
        if (day + this.span - 1 < doc.day - this.options.windowDays) {
          this.size -= (this.days.get(day) as DayPartition).size;
          this.days.delete(day);
        }
      }
    }
    const dayOfDoc = doc.day ?? this.newestDay ?? 0;
    const day = dayOfDoc - (((dayOfDoc % this.span) + this.span) % this.span);
    const { words, hashes, paragraphWords } = prepared;
    const exactKey = words.length >= MIN_WORDS_EXACT ? exactHash(words) : null;
    // An exact copy adds nothing the first one does not already find: no shingles, no signature.
    if (exactKey !== null) {
      for (const partition of this.days.values()) {
        const same = partition.exact.get(exactKey);
        if (!same) continue;
        this.remember(day);
        return { of: same.id, kind: 'exact', similarity: 1, containment: 1 };
      }
    }
    const shingles = shingleSet(words);
    const signature = minhash(shingles);
    const data = new Uint32Array(NUM_HASHES + 2 * hashes.length);
    data.set(signature, 0);
    data.set(hashes, NUM_HASHES);
    data.set(paragraphWords, NUM_HASHES + hashes.length);
    const entry: Entry = {
      id: doc.id,
      data,
      paragraphCount: hashes.length,
      shingles: shingles.length,
      words: words.length,
      wire: doc.wire,
    };
    const keys = shingles.length >= MIN_SHINGLES ? bandKeys(signature) : null;
    const match = this.find(entry, keys);
    const partition = this.remember(day);
    if (exactKey !== null && !partition.exact.has(exactKey)) partition.exact.set(exactKey, entry);
    if (keys) {
      for (let b = 0; b < this.options.bands; b++) {
        const k = bandSlot(keys, b);
        if (!partition.bands.has(k)) partition.bands.set(k, entry);
      }
    }
    for (const h of hashes) {
      const list = partition.paragraphs.get(h);
      if (!list) partition.paragraphs.set(h, entry);
      else if (!Array.isArray(list)) partition.paragraphs.set(h, [list, entry]);
      else if (list.length < MAX_PARAGRAPH_POSTING) list.push(entry);
    }
    return match;
  }

  /** Count one more article in the partition of `day`, created if need be. */
  private remember(day: number): DayPartition {
    let partition = this.days.get(day);
    if (!partition) {
      partition = { day, exact: new Map(), bands: new Map(), paragraphs: new Map(), size: 0 };
      this.days.set(day, partition);
    }
    partition.size++;
    this.size++;
    return partition;
  }

  private find(entry: Entry, keys: Uint32Array | null): CopyMatch | null {
    const candidates = new Map<Entry, number>();
    for (const partition of this.days.values()) {
      if (keys) {
        for (let b = 0; b < this.options.bands; b++) {
          const hit = partition.bands.get(bandSlot(keys, b));
          if (hit) candidates.set(hit, (candidates.get(hit) ?? 0) + 1);
        }
      }
      for (let p = 0; p < entry.paragraphCount; p++) {
        const list = partition.paragraphs.get(entry.data[NUM_HASHES + p] as number);
        if (list && !Array.isArray(list)) {
          candidates.set(list, (candidates.get(list) ?? 0) + 4);
          continue;
        }
        // A shared paragraph weighs as much as several shared bands.
        if (list) for (const e of list) candidates.set(e, (candidates.get(e) ?? 0) + 4);
      }
    }
    let best: CopyMatch | null = null;
    const ranked =
      candidates.size <= MAX_VERIFIED
        ? [...candidates.keys()]
        : [...candidates]
            .sort((x, y) => y[1] - x[1])
            .slice(0, MAX_VERIFIED)
            .map(([e]) => e);
    for (const other of ranked) {
      const verdict = verify(entry, other);
      if (verdict && (!best || verdict.similarity > best.similarity)) best = verdict;
    }
    return best;
  }
}

/** A 52-bit hash of the word sequence (two 32-bit FNV/murmur mixes): collisions are negligible. */
function exactHash(words: readonly string[]): number {
  let hi = 0x811c9dc5;
  let lo = 0x01000193;
  for (const w of words) {
    const h = hashString(w);
    hi = fmix32(Math.imul(hi, 31) + h);
    lo = fmix32((lo ^ h) + 0x9e3779b1);
  }
  return (hi & 0xfffff) * 0x100000000 + (lo >>> 0);
}

/**
 * The band key with the band number mixed in, so one map serves every band, cut to 30 bits so
 * V8 keeps it a small integer (a heap-number key made the lookups the hottest loop of the
 * stream). Collisions only add candidates, which verification removes.
 */
function bandSlot(keys: Uint32Array, band: number): number {
  return (((keys[band] as number) ^ Math.imul(band + 1, 0x9e3779b1)) >>> 0) & SMI_MASK;
}

const SMI_MASK = 0x3fffffff;

/** Share of equal signature positions: the MinHash estimate of the shingle Jaccard. */
function signatureAgreement(x: Entry, y: Entry): number {
  let same = 0;
  for (let i = 0; i < NUM_HASHES; i++) if (x.data[i] === y.data[i]) same++;
  return same / NUM_HASHES;
}

/** Word share of the smaller text found in paragraphs of the other (both in text order). */
function paragraphContainment(x: Entry, y: Entry): number {
  const [small, large] = x.words <= y.words ? [x, y] : [y, x];
  if (small.words === 0) return 0;
  let shared = 0;
  // Articles have a few dozen paragraphs at most: a nested loop beats building a set.
  const largeEnd = NUM_HASHES + large.paragraphCount;
  for (let i = 0; i < small.paragraphCount; i++) {
    const h = small.data[NUM_HASHES + i] as number;
    for (let j = NUM_HASHES; j < largeEnd; j++) {
      if (large.data[j] !== h) continue;
      shared += small.data[NUM_HASHES + small.paragraphCount + i] as number;
      break;
    }
  }
  return shared / small.words;
}

function verify(x: Entry, y: Entry): CopyMatch | null {
  const jaccard = x.shingles >= MIN_SHINGLES && y.shingles >= MIN_SHINGLES ? signatureAgreement(x, y) : 0;
  const containment = paragraphContainment(x, y);
  const sameWire = x.wire.some((w) => y.wire.includes(w));
  const contained = Math.min(x.shingles, y.shingles) >= MIN_CONTAINMENT_SHINGLES;
  const of = y.id;
  if (jaccard >= NEAR_JACCARD) return { of, kind: sameWire ? 'syndicated' : 'near', similarity: jaccard, containment };
  if (jaccard >= SYNDICATED_JACCARD) return { of, kind: 'syndicated', similarity: jaccard, containment };
  if (contained && containment >= SYNDICATED_CONTAINMENT) {
    return { of, kind: 'syndicated', similarity: containment, containment };
  }
  if (sameWire && (jaccard >= WIRE_JACCARD || (contained && containment >= WIRE_CONTAINMENT))) {
    return { of, kind: 'syndicated', similarity: Math.max(jaccard, containment), containment };
  }
  return null;
}
