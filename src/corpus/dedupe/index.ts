/**
 * dedupe: exact copies, near duplicates and syndicated (wire) copies across a corpus.
 *
 * 1. Exact: same hash of the accent-folded word sequence → `exact`, similarity 1.
 * 2. Candidates without an all-pairs loop, from two indexes over one text per exact group:
 *    - MinHash (128 one-permutation bins over word 5-shingles, see `minhash.ts`) with LSH banding
 *      (32 bands × 4 rows) finds pairs with high Jaccard;
 *    - a content-defined sample of shingles (hash % 8 = 0) in an inverted index finds partial
 *      reuse (a short rewrite contained in a longer wire story), which has a low Jaccard.
 * 3. Verification on the hashed shingle sets: Jaccard and containment of the smaller text.
 *    Copies crediting the same wire agency are `syndicated` even above `NEAR_JACCARD`: the
 *    agency's story republished by another outlet, not one article edited.
 * 4. Rewrites (machine translations, heavy copy-editing of one report) share few 5-word shingles
 *    but most content words: a second MinHash/LSH pass over the sets of content-word stems of the
 *    first `REWRITE_WORDS` words finds pairs whose word Jaccard reaches `REWRITE_JACCARD`,
 *    published at most `REWRITE_MAX_DAYS` apart. They are `syndicated`, with the word Jaccard
 *    as similarity. Articles of one story that share quotes and facts stay far below (0.27 at
 *    most on examples/corpus, against 0.65 for its translated copy).
 *
 * Limits: body text only (titles are ignored, syndicated copies often re-headline); texts under
 * `MIN_SHINGLES` shingles are only matched exactly; a translation is only found when it keeps
 * names and content words in the corpus language (a real translation into another language is
 * not).
 */
import { createHash } from 'node:crypto';
import type { Duplicate, DuplicateKind } from '../../core/corpus.js';
import type { Article, Published } from '../../core/doc.js';
import { takesCopyDate } from '../../stages/times/published.js';
import { contentWord } from '../cluster/features.js';
import { BANDS, bandKeys, hashString, intersectionSize, minhash, normalizedWords, shingleSet } from './minhash.js';

/** Jaccard at or above which two texts are the same article with small edits. */
export const NEAR_JACCARD = 0.8;
/** Jaccard at or above which two texts are the same story republished with edits. */
export const SYNDICATED_JACCARD = 0.3;
/** Share of the smaller text's shingles found in the larger: partial reuse (dropped paragraphs). */
export const SYNDICATED_CONTAINMENT = 0.6;
/** Looser bounds when both texts credit the same wire agency: the credit is itself evidence. */
export const WIRE_JACCARD = 0.15;
/** Containment bound when both texts credit the same wire agency. */
export const WIRE_CONTAINMENT = 0.4;
/** Texts shorter than this many words are never exact copies (paywall stubs, "Read more"). */
export const MIN_WORDS_EXACT = 8;
/** Texts with fewer shingles are too short to judge near/syndicated reuse. */
export const MIN_SHINGLES = 12;
/** The smaller text needs this many shingles before containment counts. */
export const MIN_CONTAINMENT_SHINGLES = 30;
/**
 * Content-word Jaccard at or above which two texts are one report rewritten (translation, heavy
 * edit). On examples/corpus: 0.65 for the machine-translated copy, at most 0.27 for different
 * articles of one story (shared quotes, numbers and names).
 */
export const REWRITE_JACCARD = 0.5;
/** Rewrites must be published this close (days), when both are dated. */
export const REWRITE_MAX_DAYS = 1;
/** Words read for the rewrite test (a translation keeps the order of paragraphs). */
export const REWRITE_WORDS = 400;
/** Texts with fewer distinct content words are too short for the rewrite test. */
export const MIN_REWRITE_TERMS = 40;
/**
 * A new text is compared with at most this many earlier members of an LSH bucket. A wire story
 * reposted 500 times fills one bucket; pairing every copy with every other is O(n²) pairs
 * (a 20 000-article run spent minutes and gigabytes on it). Copies of one text are alike, so
 * links to the bucket's first members already join them into one copy group.
 */
export const MAX_BUCKET_FANOUT = 8;
/** Shingles with hash % SAMPLE_MOD === 0 are indexed for containment candidates. */
const SAMPLE_MOD = 8;
/** Pairs must share this many sampled shingles to be verified. */
const MIN_SHARED_SAMPLES = 3;
/** Sampled shingles seen in more texts than this are boilerplate ("said in a statement on"). */
const MAX_SAMPLE_POSTING = 200;

/** The sortable day (or range start) of a publication, or null. */
export function publishedKey(p: Published): string | null {
  return p.date ?? p.from ?? null;
}

interface Prepared {
  index: number;
  article: Article;
  shingles: Uint32Array;
  /** Content-word set of the first `REWRITE_WORDS` words, for the rewrite pass. */
  terms: Uint32Array;
  words: number;
}

/** Order two copies: earlier publication first, else the fuller text, else the smaller id. */
function compareCopies(x: Prepared, y: Prepared): number {
  const dx = publishedKey(x.article.published);
  const dy = publishedKey(y.article.published);
  if (dx && dy && dx !== dy) return dx < dy ? -1 : 1;
  if (x.words !== y.words) return y.words - x.words;
  return x.article.id < y.article.id ? -1 : x.article.id > y.article.id ? 1 : 0;
}

/**
 * All duplicate pairs of the corpus, sorted by `a` then `b`. Exact groups are reported as a star
 * from their earliest/fullest member; near and syndicated pairs link one member of each group.
 */
export function findDuplicates(articles: readonly Article[]): Duplicate[] {
  const out: Duplicate[] = [];
  // Sort by id first so the result does not depend on input order.
  const sorted = [...articles].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const byText = new Map<string, Prepared[]>();
  const reps: Prepared[] = [];
  for (const article of sorted) {
    const words = normalizedWords(article.text);
    const prepared: Prepared = {
      index: 0,
      article,
      shingles: new Uint32Array(0),
      terms: new Uint32Array(0),
      words: words.length,
    };
    if (words.length >= MIN_WORDS_EXACT) {
      // A digest, not the text itself, as the key: 20 000 full texts would double the memory.
      const key = createHash('sha1').update(words.join(' ')).digest('base64');
      const group = byText.get(key);
      if (group) {
        group.push(prepared);
        continue;
      }
      byText.set(key, [prepared]);
    }
    prepared.shingles = shingleSet(words);
    prepared.terms = contentWordSet(words);
    prepared.index = reps.length;
    reps.push(prepared);
  }

  // Exact groups: star from the earliest/fullest member; that member represents the group below.
  for (const group of byText.values()) {
    if (group.length < 2) continue;
    const first = group[0] as Prepared;
    const ordered = [...group].sort(compareCopies);
    const head = ordered[0] as Prepared;
    for (const other of ordered.slice(1))
      out.push({ a: head.article.id, b: other.article.id, kind: 'exact', similarity: 1 });
    // Keep the shingles on the representative but let it stand for the head's date and id.
    if (head !== first) {
      head.shingles = first.shingles;
      head.terms = first.terms;
      head.index = first.index;
      reps[first.index] = head;
    }
  }

  const linked = new Set<number>();
  for (const [i, j] of candidatePairs(reps)) {
    const x = reps[i] as Prepared;
    const y = reps[j] as Prepared;
    const verdict = verify(x, y);
    if (!verdict) continue;
    linked.add(i * reps.length + j);
    const [a, b] = compareCopies(x, y) <= 0 ? [x, y] : [y, x];
    out.push({ a: a.article.id, b: b.article.id, kind: verdict.kind, similarity: round3(verdict.similarity) });
  }
  for (const [i, j, similarity] of rewritePairs(reps)) {
    if (linked.has(i * reps.length + j)) continue;
    const x = reps[i] as Prepared;
    const y = reps[j] as Prepared;
    const [a, b] = compareCopies(x, y) <= 0 ? [x, y] : [y, x];
    out.push({ a: a.article.id, b: b.article.id, kind: 'syndicated', similarity: round3(similarity) });
  }
  return out.sort((p, q) => (p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : p.b > q.b ? 1 : 0));
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Candidate pairs (i < j) from LSH buckets and from shared sampled shingles. */
function candidatePairs(reps: readonly Prepared[]): Array<[number, number]> {
  const n = reps.length;
  const seen = new Set<number>();
  const pairs: Array<[number, number]> = [];
  const add = (i: number, j: number) => {
    const lo = Math.min(i, j);
    const hi = Math.max(i, j);
    const key = lo * n + hi;
    if (seen.has(key)) return;
    seen.add(key);
    pairs.push([lo, hi]);
  };

  const buckets: Array<Map<number, number[]>> = Array.from({ length: BANDS }, () => new Map());
  const samples = new Map<number, number[]>();
  for (const rep of reps) {
    if (rep.shingles.length < MIN_SHINGLES) continue;
    const keys = bandKeys(minhash(rep.shingles));
    for (let b = 0; b < BANDS; b++) {
      const bucket = buckets[b] as Map<number, number[]>;
      const key = keys[b] as number;
      const members = bucket.get(key);
      if (members) {
        for (const m of members.slice(0, MAX_BUCKET_FANOUT)) add(m, rep.index);
        members.push(rep.index);
      } else bucket.set(key, [rep.index]);
    }

    const shared = new Map<number, number>();
    for (const h of rep.shingles) {
      if (h % SAMPLE_MOD !== 0) continue;
      const posting = samples.get(h);
      if (!posting) {
        samples.set(h, [rep.index]);
        continue;
      }
      if (posting.length > MAX_SAMPLE_POSTING) continue;
      // The first members stand for the rest, as in the LSH buckets (see MAX_BUCKET_FANOUT).
      for (const m of posting.slice(0, MAX_BUCKET_FANOUT * 4)) shared.set(m, (shared.get(m) ?? 0) + 1);
      posting.push(rep.index);
    }
    for (const [m, count] of shared) if (count >= MIN_SHARED_SAMPLES) add(m, rep.index);
  }
  return pairs;
}

/** Sorted, unique hashes of the content-word stems among the first `REWRITE_WORDS` words. */
export function contentWordSet(words: readonly string[]): Uint32Array {
  const hashes: number[] = [];
  for (let i = 0; i < Math.min(words.length, REWRITE_WORDS); i++) {
    const term = contentWord(words[i] as string);
    if (term) hashes.push(hashString(term));
  }
  const out = Uint32Array.from(hashes).sort();
  let u = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[u - 1]) out[u++] = out[i] as number;
  return out.slice(0, u);
}

/** Day number of a publication, or null. */
function dayNumber(p: Published): number | null {
  const key = publishedKey(p);
  const t = key ? Date.parse(key.slice(0, 10)) : Number.NaN;
  return Number.isNaN(t) ? null : Math.floor(t / 86_400_000);
}

/**
 * Rewritten copies (i < j, word Jaccard): LSH over content-word sets finds the candidates, the
 * exact Jaccard and the publication gap decide.
 */
function rewritePairs(reps: readonly Prepared[]): Array<[number, number, number]> {
  const sets = reps.map((r) => r.terms);
  const buckets: Array<Map<number, number[]>> = Array.from({ length: BANDS }, () => new Map());
  const seen = new Set<number>();
  const out: Array<[number, number, number]> = [];
  for (const rep of reps) {
    const set = sets[rep.index] as Uint32Array;
    if (set.length < MIN_REWRITE_TERMS) continue;
    const keys = bandKeys(minhash(set));
    const day = dayNumber(rep.article.published);
    for (let b = 0; b < BANDS; b++) {
      const bucket = buckets[b] as Map<number, number[]>;
      const key = keys[b] as number;
      const members = bucket.get(key);
      if (!members) {
        bucket.set(key, [rep.index]);
        continue;
      }
      for (const m of members.slice(0, MAX_BUCKET_FANOUT)) {
        const pairKey = m * reps.length + rep.index;
        if (seen.has(pairKey)) continue;
        seen.add(pairKey);
        const other = sets[m] as Uint32Array;
        const inter = intersectionSize(set, other);
        const jaccard = inter / (set.length + other.length - inter);
        if (jaccard < REWRITE_JACCARD) continue;
        const otherDay = dayNumber((reps[m] as Prepared).article.published);
        if (day !== null && otherDay !== null && Math.abs(day - otherDay) > REWRITE_MAX_DAYS) continue;
        out.push([m, rep.index, jaccard]);
      }
      members.push(rep.index);
    }
  }
  return out;
}

function verify(x: Prepared, y: Prepared): { kind: DuplicateKind; similarity: number } | null {
  const inter = intersectionSize(x.shingles, y.shingles);
  if (inter === 0) return null;
  const small = Math.min(x.shingles.length, y.shingles.length);
  const jaccard = inter / (x.shingles.length + y.shingles.length - inter);
  const containment = inter / small;
  // Both crediting one wire agency: the agency's story republished, however lightly edited.
  const sameWire = x.article.wire.some((w) => y.article.wire.includes(w));
  if (jaccard >= NEAR_JACCARD) return { kind: sameWire ? 'syndicated' : 'near', similarity: jaccard };
  if (jaccard >= SYNDICATED_JACCARD) return { kind: 'syndicated', similarity: jaccard };
  const contained = small >= MIN_CONTAINMENT_SHINGLES;
  if (contained && containment >= SYNDICATED_CONTAINMENT) return { kind: 'syndicated', similarity: containment };
  if (sameWire && (jaccard >= WIRE_JACCARD || (contained && containment >= WIRE_CONTAINMENT))) {
    return { kind: 'syndicated', similarity: Math.max(jaccard, containment) };
  }
  return null;
}

/**
 * Connected components of the duplicate graph: every article appears in exactly one group
 * (singletons included), ids sorted inside a group, groups sorted by their first id.
 * A group of copies counts once as a source.
 */
export function copyGroups(articles: readonly Article[], duplicates: readonly Duplicate[]): string[][] {
  const parent = new Map<string, string>();
  for (const a of articles) parent.set(a.id, a.id);
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    let cur = id;
    while (cur !== root) {
      const next = parent.get(cur) as string;
      parent.set(cur, root);
      cur = next;
    }
    return root;
  };
  for (const d of duplicates) {
    if (!parent.has(d.a) || !parent.has(d.b)) continue;
    const ra = find(d.a);
    const rb = find(d.b);
    if (ra === rb) continue;
    // The smaller id becomes the root (string order, so results do not depend on input order).
    if (ra < rb) parent.set(rb, ra);
    else parent.set(ra, rb);
  }
  const groups = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const root = find(id);
    const g = groups.get(root);
    if (g) g.push(id);
    else groups.set(root, [id]);
  }
  return [...groups.values()].map((g) => g.sort()).sort((x, y) => ((x[0] as string) < (y[0] as string) ? -1 : 1));
}

/** What an article can borrow from its copies. */
export interface CopyInference {
  published?: Published;
  wire?: string[];
}

/**
 * Fill what an article lacks from its copies: a publication date (`how: 'duplicate'`) when it has
 * none and its copies have one, and wire credits when it credits none and a copy does. When the
 * dated copies disagree, the answer is the honest range `from`..`to` with `date` null.
 * Only articles with something to fill are in the map.
 */
export function inferFromCopies(
  articles: readonly Article[],
  duplicates: readonly Duplicate[],
): Map<string, CopyInference> {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const out = new Map<string, CopyInference>();
  for (const group of copyGroups(articles, duplicates)) {
    if (group.length < 2) continue;
    const members = group.map((id) => byId.get(id) as Article);
    const dated = members.filter((a) => a.published.date !== null && a.published.how !== 'duplicate');
    const dates = [...new Set(dated.map((a) => a.published.date as string))].sort();
    const wire = [...new Set(members.flatMap((a) => a.wire))].sort();
    for (const a of members) {
      const fill: CopyInference = {};
      // One copy date fills an unknown date or an inferred range it falls in (a text range is
      // evidence too: a copy dated outside it is not taken); disagreeing copies fill only unknowns.
      const takes = dates.length === 1 ? takesCopyDate(a.published, dates[0] as string) : a.published.how === 'unknown';
      if (takes && dates.length > 0) {
        const source = dated.find((d) => d.published.date === dates[0]) as Article;
        fill.published =
          dates.length === 1
            ? { date: dates[0] as string, from: null, to: null, how: 'duplicate', evidence: `copy ${source.id}` }
            : {
                date: null,
                from: dates[0] as string,
                to: dates[dates.length - 1] as string,
                how: 'duplicate',
                evidence: `copies ${dated.map((d) => d.id).join(',')}`,
              };
      }
      if (a.wire.length === 0 && wire.length > 0) fill.wire = wire;
      if (fill.published || fill.wire) out.set(a.id, fill);
    }
  }
  return out;
}
