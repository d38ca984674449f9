/**
 * compare: conflicts between sources.
 *
 * - `quantity` (a dispute, `evolution: false`): inside one story, two claims about the same
 *   quantity whose values disagree.
 *   - Same quantity = same unit class and same frame (`quantities.ts`): the cue words next to
 *     the number say what it counts ("killed" → deaths, "on strike" → strikers, "fine",
 *     "a day" → cost per day, "offered" / "demanded" / "deal" → three different pay figures).
 *     Numbers without a frame, changes ("fell 9%"), retrospective values ("initially offered")
 *     and vague magnitudes ("tens of thousands") are never compared.
 *   - Same moment: from different copy groups (copies of one wire story are one source) dated
 *     at most `MAX_CLAIM_DAY_GAP` apart, or two different named claimants side by side in one
 *     article. A figure is dated by its article, or by its own sentence when that names an
 *     earlier day (a recap). One claimant on two different days is an update, not a conflict;
 *     undated articles are compared only inside themselves.
 *   - Disagree: each claim is an interval (a range stays a range, "more than"/"at least" open
 *     the top, "up to"/"fewer than" open the bottom), widened by `APPROX_TOLERANCE` when hedged
 *     ("about", "nearly") or by the precision of its digits otherwise (`EXACT_TOLERANCE` at
 *     most); two claims agree when the widened intervals overlap.
 *   The summary names the quantity, both values, their outlets and claimants:
 *   "fine: €240 million (Global Ledger) vs €260 million (The Meridian Post)".
 * - `quantity` (an update, `evolution: true`): one per quantity and story whose dated figures
 *   change from one day to a later one; items in time order, each with its day, so 12 → 19 → 41
 *   dead reads as a toll being updated, not as sources contradicting each other.
 * - `attribution`: the same quote (fold-normalised, or ≥ `QUOTE_OVERLAP` token overlap for quotes of
 *   ≥ `FUZZY_QUOTE_WORDS` words) attributed to different named speakers in different articles.
 *   An unnamed source ("a senior official") versus a named one is not a conflict: it may be the
 *   same person.
 *
 * - `headline`: a headline whose polarity contradicts its own body ("X warns against Y" over a
 *   body where X may do Y; "X denies Y" over one where X confirmed Y): see `headline.ts`.
 *
 * Limits: claims are compared within a story only; no unit conversion (km vs miles, € vs $);
 * a quantity the frame lists do not cover is not compared; "at least 31" never contradicts 34.
 */
import { createHash } from 'node:crypto';
import type { Conflict, CorpusArticle, Duplicate, Evidence, QuoteRecord, Story } from '../../core/corpus.js';
import type { ClaimItem, QuoteItem } from '../../core/doc.js';
import { foldKey } from '../../core/text.js';
import { copyGroups } from '../dedupe/index.js';
import { headlineConflicts } from './headline.js';
import { type Quantity, quantityOf, skipReason, unitClass } from './quantities.js';

/** Relative slack of an approximate value ("about 40,000", "some 10,000", "nearly 35,000"). */
export const APPROX_TOLERANCE = 0.125;
/**
 * Largest relative slack of an exact value. An exact value is read to half a unit of its last
 * non-zero digit ("41,500" ± 50, "7%" ± 0.5), but never more than this share: "40,000" is not
 * "44,000", and "7%" is not "6.5%".
 */
export const EXACT_TOLERANCE = 0.05;
/** Token overlap (shared / larger set) at or above which two quotes are the same quote. */
export const QUOTE_OVERLAP = 0.8;
/** Quotes at least this long may match fuzzily; shorter ones must match exactly. */
export const FUZZY_QUOTE_WORDS = 6;
/** Quotes shorter than this are stock phrases ("no comment") and never compared. */
export const MIN_QUOTE_WORDS = 4;
/** At most this many claims per quantity and story are compared (pairwise inside the bucket). */
const MAX_CLAIMS_PER_BUCKET = 200;
/**
 * Claims of different articles dated further apart than this many days are not compared: a
 * death toll that rises from Wednesday to Thursday is an update, not a conflict. One day, because
 * every disputed figure of examples/corpus is reported on the same or the next day, while tolls,
 * offers and queues move within two or three.
 */
export const MAX_CLAIM_DAY_GAP = 1;
/** Evidence items kept per conflict. */
const MAX_EVIDENCE = 10;

/** A claim's point value with its rounding tolerance, ignoring open ends ("at least"). */
function pointRange(c: Claim): [number, number] {
  const mid = c.item.valueMax != null ? (c.item.value + c.item.valueMax) / 2 : c.item.value;
  const t = claimTolerance(c.item);
  return [mid - t, mid + t];
}

const AT_LEAST_RE =
  /\b(more than|over|at least|upwards of|in excess of|no fewer than|no less than|exceeded|higher than)\b/i;
const AT_MOST_RE = /\b(up to|fewer than|less than|under|at most|no more than|below)\b/i;
const APPROX_RE =
  /\b(about|around|some|nearly|almost|roughly|approximately|close to|closer to|an estimated|estimated|as many as|as much as)\b/i;

/**
 * Conflicts of the corpus: quantity conflicts story by story (disputes, then evolutions), then
 * attribution conflicts, then headline conflicts.
 */
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
  const out: Conflict[] = [];
  for (const story of stories) out.push(...numberConflicts(story, byId, groupOf));
  const storyOf = storyMap(stories);
  out.push(...attributionConflicts(groupQuotes(articles), storyOf));
  out.push(...headlineConflicts(articles, storyOf, groupOf));
  return out;
}

function storyMap(stories: readonly Story[]): Map<string, string> {
  const storyOf = new Map<string, string>();
  for (const s of stories) for (const id of s.articles) storyOf.set(id, s.storyId);
  return storyOf;
}

/**
 * Quotes reported by more than one article, verbatim or as another translation (fuzzy token
 * match, see `groupQuotes`): one record each, with every occurrence and the speaker each article
 * gives. Ordered by first occurrence (article id, offset).
 */
export function findQuoteRecords(articles: readonly CorpusArticle[], stories: readonly Story[]): QuoteRecord[] {
  const storyOf = storyMap(stories);
  const out: QuoteRecord[] = [];
  for (const quotes of groupQuotes(articles)) {
    if (new Set(quotes.map((q) => q.article.id)).size < 2) continue;
    const sorted = [...quotes].sort(byOccurrence);
    const first = sorted[0] as Quote;
    const speakers = new Map<string, NonNullable<QuoteItem['speaker']>>();
    for (const q of sorted) {
      if (q.item.speaker)
        speakers.set(q.item.speaker.entityId ?? `name:${foldKey(q.item.speaker.name)}`, q.item.speaker);
    }
    out.push({
      quoteId: `q_${createHash('sha256').update(`${first.article.id}:${first.item.start}`).digest('hex').slice(0, 12)}`,
      text: first.item.text,
      storyId: storyOf.get(first.article.id) ?? null,
      speakers: [...speakers.values()],
      occurrences: sorted.map((q) => ({
        ...evidenceOf({ article: q.article, item: q.item }),
        date: q.article.published.date?.slice(0, 10) ?? null,
        by: q.item.speaker,
      })),
    });
  }
  return out;
}

function byOccurrence(x: Quote, y: Quote): number {
  return x.article.id < y.article.id ? -1 : x.article.id > y.article.id ? 1 : x.item.start - y.item.start;
}

// ---------------------------------------------------------------------------------------------
// Numbers

interface Claim {
  article: CorpusArticle;
  item: ClaimItem;
  group: number;
  quantity: Quantity;
  /** Position in story order (article, then offset): picks the earliest claims for the summary. */
  order: number;
  /** Day the figure refers to (publication day, or the stated day of a recap), or null. */
  day: number | null;
  lo: number;
  hi: number;
}

/** The interval a claim asserts, before rounding slack. */
export function claimInterval(c: Pick<ClaimItem, 'value' | 'valueMax' | 'approx'>): [number, number] {
  let lo = Math.min(c.value, c.valueMax ?? c.value);
  let hi = Math.max(c.value, c.valueMax ?? c.value);
  const approx = c.approx ?? '';
  if (AT_LEAST_RE.test(approx)) hi = Number.POSITIVE_INFINITY;
  else if (AT_MOST_RE.test(approx)) lo = Math.min(0, lo);
  return [lo, hi];
}

/** Half a unit of the last non-zero digit: the precision a written value claims. */
function precisionOf(v: number): number {
  const x = Math.abs(v);
  if (x === 0) return 0.5;
  if (Number.isInteger(x)) {
    let p = 1;
    while (x % (p * 10) === 0) p *= 10;
    return p / 2;
  }
  const decimals = (String(x).split('.')[1] ?? '').length;
  return 0.5 * 10 ** -decimals;
}

/** Slack either side of a claim's value: `APPROX_TOLERANCE` when hedged, else its precision. */
export function claimTolerance(c: Pick<ClaimItem, 'value' | 'approx'>): number {
  const x = Math.abs(c.value);
  if (APPROX_RE.test(c.approx ?? '')) return x * APPROX_TOLERANCE;
  return Math.min(precisionOf(c.value), x * EXACT_TOLERANCE);
}

/** The interval a claim asserts, widened by its tolerance. */
export function claimRange(c: Pick<ClaimItem, 'value' | 'valueMax' | 'approx'>): [number, number] {
  const [lo, hi] = claimInterval(c);
  const t = claimTolerance(c);
  return [lo - t, hi + t];
}

/** True when two widened intervals overlap (touching ends do not: "6.5%" vs "7%" disagree). */
export function claimsAgree(x: [number, number], y: [number, number]): boolean {
  return x[0] < y[1] && y[0] < x[1];
}

function dayNumber(iso: string | null | undefined): number | null {
  if (!iso || !/^\d{4}-\d{2}-\d{2}/.test(iso)) return null;
  const t = Date.parse(iso.slice(0, 10));
  return Number.isNaN(t) ? null : Math.floor(t / 86_400_000);
}

/** Copies or other articles: the same claimant, folded ("the port authority" = "Port Authority"). */
function claimantKey(item: ClaimItem): string | null {
  if (!item.claimant) return null;
  if (item.claimant.entityId) return item.claimant.entityId;
  return foldKey(item.claimant.name).replace(/^(?:the|a|an) /, '');
}

/** Claims of one article that may be compared, with their quantity and reference day. */
export function quantifiedClaims(
  article: CorpusArticle,
): Array<{ item: ClaimItem; quantity: Quantity; day: number | null }> {
  if (article.claims.length === 0) return [];
  const text = article.text;
  const published = dayNumber(article.published.date ?? article.published.from);
  const claims = [...article.claims].sort((x, y) => x.start - y.start);
  const seen: Array<{ cls: string; at: number; quantity: Quantity }> = [];
  const out: Array<{ item: ClaimItem; quantity: Quantity; day: number | null }> = [];
  for (const item of claims) {
    if (!Number.isFinite(item.value) || skipReason(text, item)) continue;
    const sentence = sentenceAround(text, item.start, item.end);
    const previous = (cls: string, after: number) => {
      for (let i = seen.length - 1; i >= 0; i--) {
        const p = seen[i] as (typeof seen)[number];
        if (p.at < after) break;
        if (p.cls === cls) return p.quantity;
      }
      return null;
    };
    const quantity = quantityOf(text, item, sentence, claims, previous);
    if (!quantity) continue;
    seen.push({ cls: unitClass(item), at: item.start, quantity });
    out.push({ item, quantity, day: referenceDay(article, sentence, published) });
  }
  return out;
}

/** Longest stretch searched either side of a claim for its sentence's ends. */
const MAX_SENTENCE_CHARS = 600;
const SENTENCE_END_RE = /[.!?]["'”’)]*\s|\n/g;

/**
 * The sentence around a span: from after the last `.`/`!`/`?` + space (or line break) before it
 * to the next one after it. Cheaper than splitting the whole text; a decimal point ("6.5%") is
 * not followed by a space, so it never ends a sentence.
 */
export function sentenceAround(text: string, start: number, end: number): { start: number; end: number } {
  const from = Math.max(0, start - MAX_SENTENCE_CHARS);
  let s = from;
  SENTENCE_END_RE.lastIndex = 0;
  for (const m of text.slice(from, start).matchAll(SENTENCE_END_RE)) s = from + (m.index ?? 0) + m[0].length;
  const after = text.slice(end, end + MAX_SENTENCE_CHARS);
  SENTENCE_END_RE.lastIndex = 0;
  const m = SENTENCE_END_RE.exec(after);
  const e = m ? end + m.index + 1 : Math.min(text.length, end + MAX_SENTENCE_CHARS);
  return { start: s, end: e };
}

/**
 * The day a claim's figure refers to: its publication day, unless its sentence states a day more
 * than `MAX_CLAIM_DAY_GAP` earlier ("spoke of about 40,000 troops on March 9" in a later article),
 * which then dates the figure.
 */
function referenceDay(
  article: CorpusArticle,
  sentence: { start: number; end: number },
  published: number | null,
): number | null {
  if (published === null) return null;
  let day = published;
  for (const t of article.times) {
    if (t.start < sentence.start || t.end > sentence.end) continue;
    const d = dayNumber(t.value);
    if (d !== null && published - d > MAX_CLAIM_DAY_GAP && d < day) day = d;
  }
  return day;
}

function numberConflicts(story: Story, byId: Map<string, CorpusArticle>, groupOf: Map<string, number>): Conflict[] {
  const buckets = new Map<string, Claim[]>();
  let order = 0;
  for (const id of story.articles) {
    const article = byId.get(id);
    if (!article) continue;
    for (const { item, quantity, day } of quantifiedClaims(article)) {
      const list = buckets.get(quantity.key) ?? [];
      if (list.length >= MAX_CLAIMS_PER_BUCKET) continue;
      const [lo, hi] = claimRange(item);
      list.push({ article, item, group: groupOf.get(id) ?? -1, quantity, order: order++, day, lo, hi });
      buckets.set(quantity.key, list);
    }
  }
  const out: Conflict[] = [];
  for (const claims of buckets.values()) {
    // Value clusters: claims whose point values agree with the cluster's first (lowest) claim.
    // Points, not intervals: an open-ended "at least 12" agrees with every higher figure and
    // would swallow 27 and 41 into one cluster.
    const sorted = [...claims].sort((x, y) => x.item.value - y.item.value || x.order - y.order);
    const clusters: Claim[][] = [];
    for (const c of sorted) {
      const last = clusters[clusters.length - 1];
      const head = last?.[0];
      // Two lower bounds ("exceeded 50,000", "more than 55,000") never contradict each other.
      const bothLowerBounds =
        head !== undefined && head.hi === Number.POSITIVE_INFINITY && c.hi === Number.POSITIVE_INFINITY;
      if (last && head && (bothLowerBounds || claimsAgree(pointRange(head), pointRange(c)))) last.push(c);
      else clusters.push([c]);
    }
    for (const cluster of clusters) cluster.sort((x, y) => x.order - y.order);
    // Each value cluster against the next one it disagrees with: k values give k - 1 conflicts
    // (12 vs 15 vs 31 killed → two conflicts, not three). Besides, two named claimants giving
    // different figures side by side in one article ("the government puts it at 20,000, the Red
    // Cross at 35,000") are always reported: that is the dispute itself.
    const seen = new Set<string>();
    const report = (x: Claim, y: Claim, both: Claim[]) => {
      const key = `${x.order}:${y.order}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push({
        kind: 'quantity',
        summary: `${x.quantity.label}: ${describeClaim(x)} vs ${describeClaim(y)}`,
        storyId: story.storyId,
        items: both.slice(0, MAX_EVIDENCE).map(claimEvidence),
        evolution: false,
      });
    };
    for (let i = 0; i < clusters.length; i++) {
      let foundNext = false;
      for (let j = i + 1; j < clusters.length; j++) {
        const ci = clusters[i] as Claim[];
        const cj = clusters[j] as Claim[];
        const both = [...ci, ...cj].sort((p, q) => p.order - q.order);
        if (!foundNext) {
          const pair = firstDisagreement(ci, cj);
          if (pair) {
            foundNext = true;
            const [x, y] = pair[0].order <= pair[1].order ? pair : [pair[1], pair[0]];
            report(x, y, both);
            continue;
          }
        }
        const headToHead = sideBySide(ci, cj);
        if (headToHead) report(headToHead[0], headToHead[1], both);
      }
    }
    const evolution = evolutionOf(claims, story.storyId);
    if (evolution) out.push(evolution);
  }
  return out;
}

/**
 * The figure as it moved over time: the dated claims of one quantity, day by day, when the values
 * of a later day differ from those of an earlier one (12 dead on Wednesday, 19 on Thursday, 41 on
 * Monday). Each day shows its distinct values (a same-day dispute keeps both); a day that only
 * repeats the previous values is left out. Null when the quantity never changes from one day to a
 * later one. Vague magnitudes and open bounds ("at least") count as their stated value.
 */
function evolutionOf(claims: readonly Claim[], storyId: string): Conflict | null {
  const dated = claims
    .filter((c) => c.day !== null)
    .sort((x, y) => (x.day as number) - (y.day as number) || x.order - y.order);
  const steps: Array<{ day: number; claims: Claim[] }> = [];
  for (const c of dated) {
    const last = steps[steps.length - 1];
    if (last && last.day === c.day) {
      if (!last.claims.some((k) => claimsAgree(pointRange(k), pointRange(c)))) last.claims.push(c);
    } else steps.push({ day: c.day as number, claims: [c] });
  }
  // Drop days that only repeat what the previous kept day said.
  const kept: typeof steps = [];
  for (const step of steps) {
    const prev = kept[kept.length - 1];
    const isRepeat =
      prev?.claims.length === step.claims.length &&
      step.claims.every((c) => prev.claims.some((k) => claimsAgree(pointRange(k), pointRange(c))));
    if (!isRepeat) kept.push(step);
  }
  if (kept.length < 2 || !isMonotone(kept.map((k) => k.claims))) return null;
  const label = (kept[0] as (typeof kept)[number]).claims[0]?.quantity.label ?? 'quantity';
  const days = kept.map((s) => `${isoDay(s.day)}: ${s.claims.map((c) => describeClaim(c)).join(' vs ')}`);
  return {
    kind: 'quantity',
    summary: `${label} over time: ${days.join(' → ')}`,
    storyId,
    items: kept
      .flatMap((s) => s.claims)
      .slice(0, MAX_EVIDENCE)
      .map(claimEvidence),
    evolution: true,
  };
}

/**
 * True when the figure moves one way over the days: the highest value of each day never falls
 * (a toll rising 15 → 19 → 34 → 41, even with a same-day dispute 27 vs 34), or the lowest never
 * rises. Figures that jump up and down (40,000, then 15,000, then 48,000 troops) are sources
 * disagreeing, already reported as disputes, not an update.
 */
function isMonotone(days: readonly Claim[][]): boolean {
  const highs = days.map((d) => Math.max(...d.map((c) => c.item.valueMax ?? c.item.value)));
  const lows = days.map((d) => Math.min(...d.map((c) => c.item.value)));
  const rises =
    highs.every((h, i) => i === 0 || h >= (highs[i - 1] as number)) && (highs.at(-1) as number) > (highs[0] as number);
  const falls =
    lows.every((l, i) => i === 0 || l <= (lows[i - 1] as number)) && (lows.at(-1) as number) < (lows[0] as number);
  return rises || falls;
}

function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

function claimEvidence(c: Claim): Evidence {
  return { ...evidenceOf(c), date: c.day === null ? null : isoDay(c.day), by: c.item.claimant };
}

/** Two named claimants' disagreeing figures in one article, in text order, or null. */
function sideBySide(a: Claim[], b: Claim[]): [Claim, Claim] | null {
  for (const x of a) {
    for (const y of b) {
      if (x.article.id !== y.article.id || claimsAgree([x.lo, x.hi], [y.lo, y.hi])) continue;
      const kx = claimantKey(x.item);
      const ky = claimantKey(y.item);
      if (kx === null || ky === null || kx === ky) continue;
      return x.order <= y.order ? [x, y] : [y, x];
    }
  }
  return null;
}

/**
 * The first pair (one claim per cluster) that really disagrees about one moment: from different
 * copy groups published at most `MAX_CLAIM_DAY_GAP` days apart (undated articles are compared
 * only inside themselves), or two different named claimants side by side in one article; never
 * one claimant's figure on two different days (an update).
 */
function firstDisagreement(a: Claim[], b: Claim[]): [Claim, Claim] | null {
  for (const x of a) {
    for (const y of b) {
      if (claimsAgree([x.lo, x.hi], [y.lo, y.hi])) continue;
      const kx = claimantKey(x.item);
      const ky = claimantKey(y.item);
      if (x.article.id === y.article.id) {
        if (kx === null || ky === null || kx === ky) continue;
        return [x, y];
      }
      if (x.group === y.group) continue;
      if (x.day === null || y.day === null || Math.abs(x.day - y.day) > MAX_CLAIM_DAY_GAP) continue;
      if (kx !== null && kx === ky && x.day !== y.day) continue;
      return [x, y];
    }
  }
  return null;
}

/** One formatter: `toLocaleString` builds a new one per call, which dominated the run. */
const NUMBER_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

const CURRENCY_SYMBOLS: Record<string, string> = { EUR: '€', USD: '$', GBP: '£', JPY: '¥' };

/** "40,000", "6.5%", "€240 million", "120 million valdors". */
function formatValue(value: number, unit: string): string {
  const big =
    Math.abs(value) >= 1e9
      ? `${NUMBER_FORMAT.format(value / 1e9)} billion`
      : Math.abs(value) >= 1e6
        ? `${NUMBER_FORMAT.format(value / 1e6)} million`
        : NUMBER_FORMAT.format(value);
  if (unit === 'percent') return `${NUMBER_FORMAT.format(value)}%`;
  const symbol = CURRENCY_SYMBOLS[unit];
  if (symbol) return `${symbol}${big}`;
  if (unitClass({ unit, text: '' }).startsWith('money:')) return `${big} ${unit}`;
  return big;
}

function sourceOf(a: CorpusArticle): string {
  return a.site ?? a.title ?? a.id;
}

function describeClaim(c: Claim): string {
  const { item } = c;
  const value =
    item.valueMax !== undefined && item.valueMax !== null && item.valueMax !== item.value
      ? `${formatValue(item.value, item.unit)}-${formatValue(item.valueMax, item.unit)}`
      : formatValue(item.value, item.unit);
  const who = item.claimant ? `, according to ${item.claimant.name}` : '';
  return `${item.approx ? `${item.approx.toLowerCase()} ` : ''}${value} (${sourceOf(c.article)}${who})`;
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

/**
 * Quotes grouped across the corpus: the same folded words, or for quotes of at least
 * `FUZZY_QUOTE_WORDS` words a token overlap of at least `QUOTE_OVERLAP` (another translation, a
 * word dropped by a copy editor), whether or not a speaker was found.
 */
function groupQuotes(articles: readonly CorpusArticle[]): Quote[][] {
  const cached = quoteGroups.get(articles);
  if (cached) return cached;
  const groups = groupQuotesUncached(articles);
  quoteGroups.set(articles, groups);
  return groups;
}

/** `findConflicts` and `findQuoteRecords` get the same article list: group its quotes once. */
const quoteGroups = new WeakMap<readonly CorpusArticle[], Quote[][]>();

function groupQuotesUncached(articles: readonly CorpusArticle[]): Quote[][] {
  // 1. Exact groups by folded words.
  const exact = new Map<string, Quote[]>();
  const sortedArticles = [...articles].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  for (const article of sortedArticles) {
    for (const item of article.quotes) {
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

  const groups = new Map<number, Quote[]>();
  keys.forEach((k, i) => {
    const r = find(i);
    const members = exact.get(k) as Quote[];
    const g = groups.get(r);
    if (g) g.push(...members);
    else groups.set(r, [...members]);
  });
  return [...groups.values()].sort((x, y) => (firstKey(x) < firstKey(y) ? -1 : 1));
}

/** Groups with different named speakers in different articles. */
function attributionConflicts(groups: readonly Quote[][], storyOf: Map<string, string>): Conflict[] {
  const out: Conflict[] = [];
  for (const quotes of groups) {
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
      kind: 'attribution',
      summary: `${shown} attributed to ${who.join(' and ')}`,
      storyId: storyOf.get(first.article.id) ?? null,
      items: speakers
        .flatMap((qs) => qs.map((q) => ({ ...evidenceOf({ article: q.article, item: q.item }), by: q.item.speaker })))
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
