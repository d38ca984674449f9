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
import { bandKeys, fmix32, hashString, minhash, NUM_HASHES, normalizedWords, shinglesOfWordHashes } from './minhash.js';

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
   * the MinHash signature (`NUM_HASHES` values kept to their low 16 bits, two to a word: a false
   * agreement of one position in 65 536 does not move a Jaccard estimate, and it halves the
   * entry), then the paragraph hashes, then their word counts.
   */
  data: Uint32Array;
  /** Where the entry's words start in `data` (entries of a partition share chunks of one buffer). */
  offset: number;
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
  bands: KeyTable;
  /** Paragraph hash → entries (up to `MAX_PARAGRAPH_POSTING` each). */
  paragraphs: KeyTable;
  /** Entries of the partition, numbered for the tables. */
  entries: Entry[];
  /** The chunk entries' words are appended to, and its fill. */
  chunk: Uint32Array;
  chunkUsed: number;
  size: number;
}

/** Words per shared chunk of entry data (one typed array per entry cost ~250 bytes of bookkeeping each). */
const CHUNK_WORDS = 1 << 16;

/** What `CopyIndex.add` reads of a text, computed once (the stream also clusters on `words`). */
export interface PreparedText {
  /** Normalised words (as `normalizedWords`). */
  words: string[];
  /** `hashString` of each word. */
  wordHashes: Uint32Array;
  /** Hash of each paragraph of at least `MIN_PARAGRAPH_WORDS` words, and its word count. */
  hashes: Uint32Array;
  paragraphWords: Uint16Array;
}

const NON_ASCII_RE = /\P{ASCII}/u;

/**
 * Normalised words of a text, their hashes and the hashes of its paragraphs, in one pass.
 * ASCII text (most English news) is read by a char-code loop that hashes each word as it goes:
 * the regex tokeniser and a second hashing pass were the top costs of the stream. Other text
 * goes through `normalizedWords` line by line (accent folding, any script).
 */
export function wordsAndParagraphs(text: string): PreparedText {
  const words: string[] = [];
  const wordHashes: number[] = [];
  const hashes: number[] = [];
  const counts: number[] = [];
  const endParagraph = (first: number) => {
    const n = words.length - first;
    if (n < MIN_PARAGRAPH_WORDS) return;
    let h = 0x811c9dc5;
    for (let i = first; i < words.length; i++) h = fmix32(Math.imul(h, 31) + (wordHashes[i] as number));
    hashes.push(h & SMI_MASK_PARAGRAPH);
    counts.push(Math.min(n, 65535));
  };
  if (NON_ASCII_RE.test(text)) {
    for (const line of text.split('\n')) {
      const first = words.length;
      for (const w of normalizedWords(line)) {
        words.push(w);
        wordHashes.push(hashString(w));
      }
      endParagraph(first);
    }
  } else {
    const lower = text.toLowerCase();
    let first = 0;
    let start = -1;
    let h = 0;
    for (let i = 0; i <= lower.length; i++) {
      const c = i < lower.length ? lower.charCodeAt(i) : 10;
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
        if (start < 0) {
          start = i;
          h = 0x811c9dc5;
        }
        h = Math.imul(h ^ c, 0x01000193);
        continue;
      }
      if (start >= 0) {
        words.push(lower.slice(start, i));
        wordHashes.push(h >>> 0);
        start = -1;
      }
      if (c === 10) {
        endParagraph(first);
        first = words.length;
      }
    }
  }
  return {
    words,
    wordHashes: Uint32Array.from(wordHashes),
    hashes: Uint32Array.from(hashes),
    paragraphWords: Uint16Array.from(counts),
  };
}

/**
 * Key → entry numbers, as open addressing over two typed arrays (key + 1, entry number): with 16
 * bands and a few paragraphs per article these tables are most of the index, and a `Map` costs
 * about three times as much per key. A key may hold up to `max` entries (1 for bands: copies of
 * one text are alike, the first one stands for them). Keys are below 2^30, so key + 1 is never 0.
 */
class KeyTable {
  private keys = new Int32Array(1024);
  private values = new Int32Array(1024);
  private used = 0;

  forEach(key: number, visit: (entry: number) => void): void {
    const mask = this.keys.length - 1;
    for (let i = fmix32(key) & mask; ; i = (i + 1) & mask) {
      const k = this.keys[i] as number;
      if (k === 0) return;
      if (k === key + 1) visit(this.values[i] as number);
    }
  }

  add(key: number, entry: number, max: number): void {
    if (2 * (this.used + 1) > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let held = 0;
    for (let i = fmix32(key) & mask; ; i = (i + 1) & mask) {
      const k = this.keys[i] as number;
      if (k === key + 1) {
        if (++held >= max || this.values[i] === entry) return;
        continue;
      }
      if (k !== 0) continue;
      this.keys[i] = key + 1;
      this.values[i] = entry;
      this.used++;
      return;
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = new Int32Array(oldKeys.length * 2);
    this.values = new Int32Array(oldKeys.length * 2);
    const mask = this.keys.length - 1;
    for (let j = 0; j < oldKeys.length; j++) {
      const k = oldKeys[j] as number;
      if (k === 0) continue;
      let i = fmix32(k - 1) & mask;
      while (this.keys[i] !== 0) i = (i + 1) & mask;
      this.keys[i] = k;
      this.values[i] = oldValues[j] as number;
    }
  }
}

/** Words of a packed signature in an entry's buffer. */
const SIG_WORDS = NUM_HASHES / 2;

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
  add(doc: CopyDoc, prepared: PreparedText = wordsAndParagraphs(doc.text)): CopyMatch | null {
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
    const { words, wordHashes, hashes, paragraphWords } = prepared;
    const exactKey = words.length >= MIN_WORDS_EXACT ? exactHash(wordHashes) : null;
    // An exact copy adds nothing the first one does not already find: no shingles, no signature.
    if (exactKey !== null) {
      for (const partition of this.days.values()) {
        const same = partition.exact.get(exactKey);
        if (!same) continue;
        this.remember(day);
        return { of: same.id, kind: 'exact', similarity: 1, containment: 1 };
      }
    }
    const shingles = shinglesOfWordHashes(wordHashes);
    const signature = minhash(shingles);
    const data = new Uint32Array(SIG_WORDS + 2 * hashes.length);
    for (let k = 0; k < SIG_WORDS; k++) {
      data[k] = ((signature[2 * k] as number) & 0xffff) | (((signature[2 * k + 1] as number) & 0xffff) << 16);
    }
    data.set(hashes, SIG_WORDS);
    data.set(paragraphWords, SIG_WORDS + hashes.length);
    const entry: Entry = {
      id: doc.id,
      data,
      offset: 0,
      paragraphCount: hashes.length,
      shingles: shingles.length,
      words: words.length,
      wire: doc.wire,
    };
    const keys = shingles.length >= MIN_SHINGLES ? bandKeys(signature) : null;
    const match = this.find(entry, keys);
    const partition = this.remember(day);
    // Move the entry's words into the partition's current chunk.
    if (partition.chunkUsed + data.length > partition.chunk.length) {
      partition.chunk = new Uint32Array(Math.max(CHUNK_WORDS, data.length));
      partition.chunkUsed = 0;
    }
    partition.chunk.set(data, partition.chunkUsed);
    entry.data = partition.chunk;
    entry.offset = partition.chunkUsed;
    partition.chunkUsed += data.length;
    const number = partition.entries.length;
    partition.entries.push(entry);
    if (exactKey !== null && !partition.exact.has(exactKey)) partition.exact.set(exactKey, entry);
    if (keys) {
      for (let b = 0; b < this.options.bands; b++) partition.bands.add(bandSlot(keys, b), number, 1);
    }
    for (const h of hashes) partition.paragraphs.add(h, number, MAX_PARAGRAPH_POSTING);
    return match;
  }

  /** Count one more article in the partition of `day`, created if need be. */
  private remember(day: number): DayPartition {
    let partition = this.days.get(day);
    if (!partition) {
      partition = {
        day,
        exact: new Map(),
        bands: new KeyTable(),
        paragraphs: new KeyTable(),
        entries: [],
        chunk: new Uint32Array(CHUNK_WORDS),
        chunkUsed: 0,
        size: 0,
      };
      this.days.set(day, partition);
    }
    partition.size++;
    this.size++;
    return partition;
  }

  private find(entry: Entry, keys: Uint32Array | null): CopyMatch | null {
    const candidates = new Map<Entry, number>();
    for (const partition of this.days.values()) {
      const entries = partition.entries;
      if (keys) {
        for (let b = 0; b < this.options.bands; b++) {
          partition.bands.forEach(bandSlot(keys, b), (n) => {
            const hit = entries[n] as Entry;
            candidates.set(hit, (candidates.get(hit) ?? 0) + 1);
          });
        }
      }
      for (let p = 0; p < entry.paragraphCount; p++) {
        // A shared paragraph weighs as much as several shared bands.
        partition.paragraphs.forEach(entry.data[entry.offset + SIG_WORDS + p] as number, (n) => {
          const e = entries[n] as Entry;
          candidates.set(e, (candidates.get(e) ?? 0) + 4);
        });
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
function exactHash(wordHashes: Uint32Array): number {
  let hi = 0x811c9dc5;
  let lo = 0x01000193;
  for (let i = 0; i < wordHashes.length; i++) {
    const h = wordHashes[i] as number;
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
  for (let i = 0; i < SIG_WORDS; i++) {
    const d = (x.data[x.offset + i] as number) ^ (y.data[y.offset + i] as number);
    if ((d & 0xffff) === 0) same++;
    if (d >>> 16 === 0) same++;
  }
  return same / NUM_HASHES;
}

/** Word share of the smaller text found in paragraphs of the other (both in text order). */
function paragraphContainment(x: Entry, y: Entry): number {
  const [small, large] = x.words <= y.words ? [x, y] : [y, x];
  if (small.words === 0) return 0;
  let shared = 0;
  // Articles have a few dozen paragraphs at most: a nested loop beats building a set.
  const largeStart = large.offset + SIG_WORDS;
  const largeEnd = largeStart + large.paragraphCount;
  const smallStart = small.offset + SIG_WORDS;
  for (let i = 0; i < small.paragraphCount; i++) {
    const h = small.data[smallStart + i] as number;
    for (let j = largeStart; j < largeEnd; j++) {
      if (large.data[j] !== h) continue;
      shared += small.data[smallStart + small.paragraphCount + i] as number;
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
