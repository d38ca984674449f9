/**
 * Word shingles, a 32-bit hash and MinHash signatures for near-duplicate detection.
 *
 * Written here rather than taken from a library: it is ~100 lines, it is the hottest loop of the
 * corpus stages (every shingle of 20 000 articles), and the maintained TypeScript options either
 * hash with SHA/MD5 per shingle (far too slow) or pull in big-integer arithmetic.
 * `Math.imul` keeps everything in 32-bit integers, which V8 compiles to plain machine code.
 */
import { foldKey } from '../../core/text.js';

/** Signature length: 128 bins → standard error of the Jaccard estimate ≈ 0.044 at J = 0.5. */
export const NUM_HASHES = 128;
/** LSH banding: 32 bands × 4 rows. A pair with Jaccard s becomes a candidate with
 * probability 1 - (1 - s^4)^32: ≈ 0.87 at 0.5, 0.56 at 0.4, > 0.999 at 0.8. */
export const BANDS = 32;
/** Rows (signature positions) per band. */
export const ROWS = NUM_HASHES / BANDS;
/** Words per shingle. */
export const SHINGLE_WORDS = 5;

const WORD_RE = /[\p{L}\p{N}]+/gu;

/** Words of `text`, accent-folded and lower-cased (so a copy with curly vs straight quotes or
 * a dropped accent still matches). */
export function normalizedWords(text: string): string[] {
  return foldWords(text).match(WORD_RE) ?? [];
}

const NON_ASCII_RE = /\P{ASCII}/u;

/**
 * `foldKey` as far as word matching is concerned. ASCII text (most English news) only needs
 * lower-casing: the NFKD pass of `foldKey` was the top cost of a 20 000-article run.
 */
export function foldWords(text: string): string {
  return NON_ASCII_RE.test(text) ? foldKey(text) : text.toLowerCase();
}

/** FNV-1a over UTF-16 code units. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3 finaliser: spreads every input bit over the output (FNV alone has weak low bits). */
export function fmix32(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Sorted, unique hashes of the word `SHINGLE_WORDS`-shingles. Short texts give one shingle. */
export function shingleSet(words: readonly string[]): Uint32Array {
  return shinglesOfWordHashes(Uint32Array.from(words, hashString));
}

/** `shingleSet` from the words' `hashString` values (for callers that hashed them already). */
export function shinglesOfWordHashes(wh: ArrayLike<number>): Uint32Array {
  if (wh.length === 0) return new Uint32Array(0);
  const n = Math.max(1, wh.length - SHINGLE_WORDS + 1);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = 0x9e3779b1;
    const end = Math.min(i + SHINGLE_WORDS, wh.length);
    for (let k = i; k < end; k++) h = fmix32(Math.imul(h, 31) + (wh[k] as number));
    out[i] = h;
  }
  out.sort();
  let u = 0;
  for (let i = 0; i < n; i++) if (i === 0 || out[i] !== out[u - 1]) out[u++] = out[i] as number;
  return out.slice(0, u);
}

/**
 * MinHash signature by one-permutation hashing (Li, Owen & Zhang 2012): one hash per shingle, its
 * top 7 bits choose one of the 128 bins, the rest is min-ed inside the bin. Same estimator as 128
 * independent hash functions for sets larger than the signature, at 1/128 of the cost (the
 * classic scheme was the hottest loop of the corpus run). Empty bins (short texts) borrow from the
 * next non-empty bin plus an offset per step ("rotation" densification, Shrivastava & Li 2014),
 * so two identical sets still get identical signatures.
 */
export function minhash(shingles: Uint32Array): Uint32Array {
  const sig = new Uint32Array(NUM_HASHES).fill(EMPTY);
  for (let s = 0; s < shingles.length; s++) {
    const h = fmix32((shingles[s] as number) ^ 0x5bd1e995);
    const bin = h >>> BIN_SHIFT;
    const v = h & VALUE_MASK;
    if (v < (sig[bin] as number)) sig[bin] = v;
  }
  if (shingles.length === 0) return sig;
  for (let i = 0; i < NUM_HASHES; i++) {
    if (sig[i] !== EMPTY) continue;
    let j = i;
    let step = 0;
    do {
      j = (j + 1) % NUM_HASHES;
      step++;
    } while (sig[j] === EMPTY || (sig[j] as number) > VALUE_MASK);
    sig[i] = (((sig[j] as number) + step * ROTATION) & VALUE_MASK) | DENSIFIED;
  }
  return sig;
}

const BIN_SHIFT = 32 - Math.log2(NUM_HASHES);
const VALUE_MASK = (1 << BIN_SHIFT) - 1;
/** Marks a borrowed value so it never equals a real one of another bin by accident. */
const DENSIFIED = 1 << BIN_SHIFT;
const EMPTY = 0xffffffff;
const ROTATION = 0x9e3779b1 & VALUE_MASK;

/** One 32-bit key per LSH band (collisions only add candidates; verification removes them). */
export function bandKeys(sig: Uint32Array): Uint32Array {
  const keys = new Uint32Array(BANDS);
  for (let b = 0; b < BANDS; b++) {
    let h = b + 1;
    for (let r = 0; r < ROWS; r++) h = fmix32(Math.imul(h, 31) + (sig[b * ROWS + r] as number));
    keys[b] = h;
  }
  return keys;
}

/** Fraction of equal positions: the MinHash estimate of Jaccard similarity. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return a.length === 0 ? 0 : same / a.length;
}

/** Size of the intersection of two sorted unique arrays. */
export function intersectionSize(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}
