/**
 * compare: conflicts between sources.
 *
 * - `number`: inside one story, claims of the same unit from different copy groups (copies of one
 *   wire story are one source), or from two different named claimants in one article, published
 *   within `MAX_CLAIM_DAY_GAP` days, sharing a context word (what is counted: "fine", "border",
 *   "killed"), whose values disagree beyond rounding. Each claim is an interval:
 *   a range stays a range, "more than"/"at least" open the
 *   top, "up to"/"fewer than" open the bottom, "about" stays a point. Two claims agree when their
 *   intervals, widened by `ROUNDING_TOLERANCE`, overlap. Claims counting different things under one unit ("killed" vs
 *   "injured" people) are kept apart by the qualifier word nearest to them.
 * - `speaker`: the same quote (fold-normalised, or ≥ `QUOTE_OVERLAP` token overlap for quotes of
 *   ≥ `FUZZY_QUOTE_WORDS` words) attributed to different named speakers in different articles.
 *   An unnamed source ("a senior official") versus a named one is not a conflict: it may be the
 *   same person.
 *
 * Limits: claims are compared within a story only; no unit conversion (km vs miles).
 */
import type { Conflict, CorpusArticle, Duplicate, Evidence, Story } from '../../core/corpus.js';
import type { ClaimItem, QuoteItem } from '../../core/doc.js';
import { foldKey } from '../../core/text.js';
import { contentTerms } from '../cluster/features.js';
import { copyGroups } from '../dedupe/index.js';

/** Relative slack for rounding ("40,000" vs "41,500" agree). */
export const ROUNDING_TOLERANCE = 0.1;
/** Token overlap (shared / larger set) at or above which two quotes are the same quote. */
export const QUOTE_OVERLAP = 0.8;
/** Quotes at least this long may match fuzzily; shorter ones must match exactly. */
export const FUZZY_QUOTE_WORDS = 6;
/** Quotes shorter than this are stock phrases ("no comment") and never compared. */
export const MIN_QUOTE_WORDS = 4;
/** At most this many claims per unit and story are compared (pairwise inside the bucket). */
const MAX_CLAIMS_PER_BUCKET = 200;
/**
 * Claims published further apart than this many days are not compared: a death toll that rises
 * from Monday to Wednesday is an update, not a conflict.
 */
export const MAX_CLAIM_DAY_GAP = 2;
/** Evidence items kept per conflict. */
const MAX_EVIDENCE = 10;

const AT_LEAST_RE = /\b(more than|over|at least|upwards of|in excess of|no fewer than|no less than)\b/i;
const AT_MOST_RE = /\b(up to|fewer than|less than|under|at most|no more than|below)\b/i;

/** Words that tell what a count of people counts; the nearest one classifies a claim. */
const QUALIFIERS: Array<[string, RegExp]> = [
  ['dead', /\b(killed|dead|died|deaths?|death toll|fatalities|lives)\b/gi],
  ['injured', /\b(injured|wounded|hurt|injuries)\b/gi],
  ['missing', /\b(missing|unaccounted)\b/gi],
  ['arrested', /\b(arrested|detained|arrests|detentions)\b/gi],
  ['displaced', /\b(displaced|evacuated|homeless|fled|refugees)\b/gi],
];
const CONTEXT_CHARS = 80;

/** Conflicts of the corpus: number conflicts story by story, then speaker conflicts. */
export function findConflicts(
  articles: readonly CorpusArticle[],
  stories: readonly Story[],
  duplicates: readonly Duplicate[],
): Conflict[] {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const groupOf = new Map<string, number>();
  copyGroups(articles, duplicates).forEach((g, i) => {
    for (const id of g) groupOf.set(id, i);
  });
  const storyOf = new Map<string, string>();
  for (const s of stories) for (const id of s.articles) storyOf.set(id, s.storyId);
  const out: Conflict[] = [];
  for (const story of stories) out.push(...numberConflicts(story, byId, groupOf));
  out.push(...speakerConflicts(articles, storyOf));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Numbers

interface Claim {
  article: CorpusArticle;
  item: ClaimItem;
  group: number;
  /** Position in story order (article, then offset): picks the earliest claims for the summary. */
  order: number;
  /** Publication day number, or null. */
  day: number | null;
  context: Set<string>;
  lo: number;
  hi: number;
}

/** The interval a claim asserts. */
export function claimInterval(c: Pick<ClaimItem, 'value' | 'valueMax' | 'approx'>): [number, number] {
  let lo = Math.min(c.value, c.valueMax ?? c.value);
  let hi = Math.max(c.value, c.valueMax ?? c.value);
  const approx = c.approx ?? '';
  if (AT_LEAST_RE.test(approx)) hi = Number.POSITIVE_INFINITY;
  else if (AT_MOST_RE.test(approx)) lo = Math.min(0, lo);
  // "about", "some", "nearly": a point; the rounding slack of `claimsAgree` covers them (widening
  // here too would let "about 40,000" and "as many as 55,000" agree).
  return [lo, hi];
}

/** True when two claimed intervals overlap once widened for rounding. */
export function claimsAgree(x: [number, number], y: [number, number]): boolean {
  const widen = (v: number, dir: 1 | -1) => v + dir * Math.abs(v) * ROUNDING_TOLERANCE;
  return widen(x[0], -1) <= widen(y[1], 1) && widen(y[0], -1) <= widen(x[1], 1);
}

function dayOf(a: CorpusArticle): number | null {
  const iso = a.published.date ?? a.published.from;
  const t = iso ? Date.parse(iso.slice(0, 10)) : Number.NaN;
  return Number.isNaN(t) ? null : Math.floor(t / 86_400_000);
}

/** Words that sit next to any number and say nothing about what it counts. */
const MAGNITUDE_WORDS = [
  'million',
  'billion',
  'thousand',
  'hundred',
  'dozen',
  'euro',
  'dollar',
  'pound',
  'total',
  'number',
];

/** Content words around a claim (its sentence, `CONTEXT_CHARS` each side), minus the unit,
 * the claimant's name and the claim's own words: what the number is about. */
function contextWords(article: CorpusArticle, item: ClaimItem): Set<string> {
  const [from, to] = claimWindow(article.text, item);
  const terms = new Map<string, number>();
  contentTerms(article.text.slice(from, item.start), terms);
  contentTerms(article.text.slice(item.end, to), terms);
  const drop = new Map<string, number>();
  contentTerms(`${item.text} ${item.unit} ${item.claimant?.name ?? ''} ${item.approx ?? ''}`, drop);
  for (const w of drop.keys()) terms.delete(w);
  for (const w of MAGNITUDE_WORDS) terms.delete(w);
  return new Set(terms.keys());
}

/** True when the two contexts share a word (or one word is a 4+ letter prefix of the other:
 * "fine"/"fined", "deploy"/"deployment"). */
function shareContext(a: Set<string>, b: Set<string>): boolean {
  for (const x of a) {
    if (b.has(x)) return true;
    if (x.length < 4) continue;
    for (const y of b) if (y.length >= 4 && (x.startsWith(y) || y.startsWith(x))) return true;
  }
  return false;
}

/** The claim's sentence, at most `CONTEXT_CHARS` each side. */
function claimWindow(text: string, item: ClaimItem): [number, number] {
  let from = Math.max(0, item.start - CONTEXT_CHARS);
  let to = Math.min(text.length, item.end + CONTEXT_CHARS);
  const before = text.slice(from, item.start);
  const stop = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n'));
  if (stop >= 0) from += stop + 1;
  const after = text.slice(item.end, to);
  const end = after.search(/\.\s|\n/);
  if (end >= 0) to = item.end + end;
  return [from, to];
}

function qualifierOf(article: CorpusArticle, item: ClaimItem): string {
  const text = article.text;
  const [from, to] = claimWindow(text, item);
  const window = text.slice(from, to);
  let best = '';
  let bestDistance = Number.POSITIVE_INFINITY;
  const claimAt = item.start - from;
  const claimEnd = item.end - from;
  for (const [name, re] of QUALIFIERS) {
    for (const m of window.matchAll(re)) {
      const at = m.index ?? 0;
      const d = at >= claimEnd ? at - claimEnd : at + m[0].length <= claimAt ? claimAt - at - m[0].length : 0;
      if (d < bestDistance) [best, bestDistance] = [name, d];
    }
  }
  return best;
}

function numberConflicts(story: Story, byId: Map<string, CorpusArticle>, groupOf: Map<string, number>): Conflict[] {
  const buckets = new Map<string, Claim[]>();
  for (const id of story.articles) {
    const article = byId.get(id);
    if (!article) continue;
    for (const item of article.claims) {
      const unit = item.unit.trim().toLowerCase();
      if (!unit || !Number.isFinite(item.value)) continue;
      const key = `${unit}|${qualifierOf(article, item)}`;
      const list = buckets.get(key) ?? [];
      if (list.length >= MAX_CLAIMS_PER_BUCKET) continue;
      const [lo, hi] = claimInterval(item);
      list.push({
        article,
        item,
        group: groupOf.get(id) ?? -1,
        order: list.length,
        day: dayOf(article),
        context: contextWords(article, item),
        lo,
        hi,
      });
      buckets.set(key, list);
    }
  }
  const out: Conflict[] = [];
  for (const claims of buckets.values()) {
    // Value clusters: claims that agree with the cluster's first (lowest) claim.
    const sorted = [...claims].sort((x, y) => x.lo - y.lo || x.hi - y.hi);
    const clusters: Claim[][] = [];
    for (const c of sorted) {
      const last = clusters[clusters.length - 1];
      if (last && claimsAgree([last[0]?.lo as number, last[0]?.hi as number], [c.lo, c.hi])) last.push(c);
      else clusters.push([c]);
    }
    for (const cluster of clusters) cluster.sort((x, y) => x.order - y.order);
    // Each value cluster against the next one it disagrees with: k values give at most k - 1
    // conflicts (12 vs 15 vs 31 killed → two conflicts, not three).
    for (let i = 0; i < clusters.length; i++) {
      for (let j = i + 1; j < clusters.length; j++) {
        const pair = firstDisagreement(clusters[i] as Claim[], clusters[j] as Claim[]);
        if (!pair) continue;
        const [x, y] = pair[0].order <= pair[1].order ? pair : [pair[1], pair[0]];
        const both = [...(clusters[i] as Claim[]), ...(clusters[j] as Claim[])].sort((p, q) => p.order - q.order);
        const items = both.slice(0, MAX_EVIDENCE).map(evidenceOf);
        out.push({
          kind: 'number',
          summary: `${x.item.unit}: ${describeClaim(x)} vs ${describeClaim(y)}`,
          storyId: story.storyId,
          items,
        });
        break;
      }
    }
  }
  return out;
}

/**
 * The first pair (one claim per cluster) from different copy groups, published close enough to
 * speak of the same moment, that really disagrees.
 */
function firstDisagreement(a: Claim[], b: Claim[]): [Claim, Claim] | null {
  for (const x of a) {
    for (const y of b) {
      if (x.group === y.group && !(x.article.id === y.article.id && differentClaimants(x.item, y.item))) continue;
      if (x.day !== null && y.day !== null && Math.abs(x.day - y.day) > MAX_CLAIM_DAY_GAP) continue;
      if (claimsAgree([x.lo, x.hi], [y.lo, y.hi]) || !shareContext(x.context, y.context)) continue;
      return [x, y];
    }
  }
  return null;
}

/** Two named claimants who are not the same: one article reporting both sides of a dispute. */
function differentClaimants(a: ClaimItem, b: ClaimItem): boolean {
  if (!a.claimant || !b.claimant) return false;
  if (a.claimant.entityId && b.claimant.entityId) return a.claimant.entityId !== b.claimant.entityId;
  return foldKey(a.claimant.name) !== foldKey(b.claimant.name);
}

/** One formatter: `toLocaleString` builds a new one per call, which dominated the run. */
const NUMBER_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

function formatNumber(n: number): string {
  return NUMBER_FORMAT.format(n);
}

function sourceOf(a: CorpusArticle): string {
  return a.site ?? a.title ?? a.id;
}

function describeClaim(c: Claim): string {
  const { item } = c;
  const value =
    item.valueMax !== undefined && item.valueMax !== item.value
      ? `${formatNumber(item.value)}-${formatNumber(item.valueMax)}`
      : formatNumber(item.value);
  const parts = [sourceOf(c.article)];
  if (item.claimant) parts.push(`${item.hedged ? 'according to' : 'claimed by'} ${item.claimant.name}`);
  else if (item.hedged) parts.push('unattributed, hedged');
  return `${item.approx ? `${item.approx} ` : ''}${value} (${parts.join(', ')})`;
}

function evidenceOf(c: { article: CorpusArticle; item: { start: number; end: number; text: string } }): Evidence {
  return { article: c.article.id, start: c.item.start, end: c.item.end, text: c.item.text };
}

// ---------------------------------------------------------------------------------------------
// Speakers

interface Quote {
  article: CorpusArticle;
  item: QuoteItem;
  tokens: string[];
}

const QUOTE_WORD_RE = /[\p{L}\p{N}]+/gu;

function speakerConflicts(articles: readonly CorpusArticle[], storyOf: Map<string, string>): Conflict[] {
  // 1. Exact groups by folded words.
  const exact = new Map<string, Quote[]>();
  const sortedArticles = [...articles].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  for (const article of sortedArticles) {
    for (const item of article.quotes) {
      if (!item.speaker) continue;
      const tokens = foldKey(item.text).match(QUOTE_WORD_RE) ?? [];
      if (tokens.length < MIN_QUOTE_WORDS) continue;
      const key = tokens.join(' ');
      const list = exact.get(key) ?? [];
      list.push({ article, item, tokens });
      exact.set(key, list);
    }
  }
  const keys = [...exact.keys()].sort();

  // 2. Fuzzy join of long quotes by prefix filtering: order each token set by global rarity; two
  //    sets sharing ≥ t·|A| tokens must share a token among A's first |A| - ⌈t·|A|⌉ + 1.
  const sets = keys.map((k) => [...new Set(k.split(' '))]);
  const df = new Map<string, number>();
  for (const s of sets) for (const t of s) df.set(t, (df.get(t) ?? 0) + 1);
  const parent = keys.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] as number;
    parent[i] = r;
    return r;
  };
  const prefixIndex = new Map<string, number[]>();
  sets.forEach((set, i) => {
    if (set.length < FUZZY_QUOTE_WORDS) return;
    const ordered = [...set].sort((x, y) => (df.get(x) as number) - (df.get(y) as number) || (x < y ? -1 : 1));
    const prefix = ordered.slice(0, set.length - Math.ceil(QUOTE_OVERLAP * set.length) + 1);
    const seen = new Set<number>();
    for (const t of prefix) {
      const posting = prefixIndex.get(t) ?? [];
      for (const j of posting) {
        if (seen.has(j)) continue;
        seen.add(j);
        if (find(i) !== find(j) && overlap(set, sets[j] as string[]) >= QUOTE_OVERLAP) parent[find(i)] = find(j);
      }
      posting.push(i);
      prefixIndex.set(t, posting);
    }
  });

  // 3. Groups with different named speakers in different articles.
  const groups = new Map<number, Quote[]>();
  keys.forEach((k, i) => {
    const r = find(i);
    const members = exact.get(k) as Quote[];
    const g = groups.get(r);
    if (g) g.push(...members);
    else groups.set(r, [...members]);
  });
  const out: Conflict[] = [];
  for (const quotes of [...groups.values()].sort((x, y) => (firstKey(x) < firstKey(y) ? -1 : 1))) {
    const bySpeaker = new Map<string, Quote[]>();
    for (const q of quotes) {
      const id = q.item.speaker?.entityId;
      if (!id) continue;
      const list = bySpeaker.get(id);
      if (list) list.push(q);
      else bySpeaker.set(id, [q]);
    }
    if (bySpeaker.size < 2) continue;
    const speakers = [...bySpeaker.values()].sort((x, y) => (firstKey(x) < firstKey(y) ? -1 : 1));
    // With two or more speakers, quotes spread over two or more articles always include a pair
    // with different speakers in different articles.
    if (new Set(speakers.flatMap((qs) => qs.map((q) => q.article.id))).size < 2) continue;
    const first = speakers[0]?.[0] as Quote;
    const shown = first.item.text.length > 80 ? `${first.item.text.slice(0, 79).trimEnd()}…` : first.item.text;
    const who = speakers.map(
      (qs) => `${qs[0]?.item.speaker?.name} (${[...new Set(qs.map((q) => sourceOf(q.article)))].join(', ')})`,
    );
    out.push({
      kind: 'speaker',
      summary: `${shown} attributed to ${who.join(' and ')}`,
      storyId: storyOf.get(first.article.id) ?? null,
      items: speakers
        .flatMap((qs) => qs.map((q) => evidenceOf({ article: q.article, item: q.item })))
        .sort((x, y) => (x.article < y.article ? -1 : x.article > y.article ? 1 : x.start - y.start))
        .slice(0, MAX_EVIDENCE),
    });
  }
  return out;
}

function firstKey(quotes: Quote[]): string {
  const q = quotes[0] as Quote;
  return `${q.article.id}|${String(q.item.start).padStart(9, '0')}`;
}

/** Shared tokens over the larger set. */
function overlap(a: readonly string[], b: readonly string[]): number {
  const sb = new Set(b);
  let n = 0;
  for (const t of a) if (sb.has(t)) n++;
  return n / Math.max(a.length, b.length);
}
