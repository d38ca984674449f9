/**
 * The article-extraction benchmark's metric (scrapinghub/article-extraction-benchmark, described
 * in ../shared/bench/extraction/SOURCE.md), re-implemented so our scores compare with the
 * published ones:
 *
 *   1. tokens are maximal runs of Python `\w` characters (Unicode letters, numbers, underscore;
 *      combining marks and everything else separate tokens), case kept;
 *   2. shingles are the windows of 4 consecutive tokens (1–3 tokens give one shorter shingle),
 *      kept as a multiset;
 *   3. per page tp/fp/fn come from the multiset intersection;
 *   4. corpus precision is the mean of per-page tp/(tp+fp) over pages with a non-empty prediction,
 *      corpus recall the mean of tp/(tp+fn) over pages with a non-empty truth, F1 their harmonic
 *      mean (not a mean of per-page F1); accuracy is the share of pages whose token lists are equal.
 *
 * The per-page division by tp+fp+fn in the source does not change these ratios, so it is skipped.
 */
import { seededRandom } from '../src/core/random.js';

/** Python's `\w+` on str: letters (L*), numbers (Nd, Nl, No) and the underscore. */
const WORD = /[\p{L}\p{N}_]+/gu;

/** Shingle width of the benchmark. */
const SHINGLE = 4;

/** Tokens of `text` as the benchmark splits them; null or undefined is empty. */
export function tokenize(text: string | null | undefined): string[] {
  return text ? (text.match(WORD) ?? []) : [];
}

/** Multiset of 4-token shingles (one shorter shingle for 1–3 tokens, none for 0). */
export function shingles(tokens: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  // U+0001 cannot occur inside a token, so joined keys are unambiguous.
  const add = (key: string) => out.set(key, (out.get(key) ?? 0) + 1);
  if (tokens.length === 0) return out;
  if (tokens.length < SHINGLE) {
    add(tokens.join('\u0001'));
    return out;
  }
  for (let i = 0; i + SHINGLE <= tokens.length; i++) add(tokens.slice(i, i + SHINGLE).join('\u0001'));
  return out;
}

/** One page's shingle counts and token-level exact match. */
export interface PageScore {
  tp: number;
  fp: number;
  fn: number;
  /** tp/(tp+fp); null when the prediction has no shingle (it then does not count for precision). */
  precision: number | null;
  /** tp/(tp+fn); null when the truth has no shingle. */
  recall: number | null;
  /** Per-page F1 (for ranking pages only; the corpus F1 is not a mean of these). */
  f1: number;
  /** The predicted token list equals the truth's. */
  exact: boolean;
}

/** Score one prediction against its truth. */
export function scorePage(truth: string | null | undefined, prediction: string | null | undefined): PageScore {
  const t = tokenize(truth);
  const p = tokenize(prediction);
  const ts = shingles(t);
  const ps = shingles(p);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, n] of ps) {
    const m = ts.get(key) ?? 0;
    tp += Math.min(n, m);
    if (n > m) fp += n - m;
  }
  for (const [key, m] of ts) {
    const n = ps.get(key) ?? 0;
    if (m > n) fn += m - n;
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : null;
  const recall = tp + fn > 0 ? tp / (tp + fn) : null;
  const pr = precision ?? 0;
  const rc = recall ?? 0;
  const f1 = pr + rc > 0 ? (2 * pr * rc) / (pr + rc) : 0;
  const exact = t.length === p.length && t.every((tok, i) => tok === p[i]);
  return { tp, fp, fn, precision, recall, f1, exact };
}

/** Corpus figures, as the benchmark reports them. */
export interface CorpusScore {
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  pages: number;
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** Aggregate page scores: mean precision over non-empty predictions, mean recall, F1 = 2PR/(P+R). */
export function scoreCorpus(pages: readonly PageScore[]): CorpusScore {
  const precision = mean(pages.flatMap((p) => (p.precision === null ? [] : [p.precision])));
  const recall = mean(pages.flatMap((p) => (p.recall === null ? [] : [p.recall])));
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  const accuracy = mean(pages.map((p) => (p.exact ? 1 : 0)));
  return { precision, recall, f1, accuracy, pages: pages.length };
}

/**
 * Bootstrap spread as the source reports it: resample the pages with replacement `rounds` times and
 * take the sample standard deviation (n − 1) of each figure. Seeded (the source is not), so runs
 * repeat exactly; expect ±0.001 against the published spreads.
 */
export function bootstrap(
  pages: readonly PageScore[],
  rounds = 1000,
  seed = 20200124,
): Pick<CorpusScore, 'precision' | 'recall' | 'f1' | 'accuracy'> {
  const rand = seededRandom(seed);
  const samples: CorpusScore[] = [];
  for (let r = 0; r < rounds; r++) {
    const pick = Array.from({ length: pages.length }, () => pages[Math.floor(rand() * pages.length)] as PageScore);
    samples.push(scoreCorpus(pick));
  }
  const sd = (key: 'precision' | 'recall' | 'f1' | 'accuracy') => {
    const xs = samples.map((s) => s[key]);
    const m = mean(xs);
    return xs.length > 1 ? Math.sqrt(xs.reduce((acc, x) => acc + (x - m) ** 2, 0) / (xs.length - 1)) : 0;
  };
  return { precision: sd('precision'), recall: sd('recall'), f1: sd('f1'), accuracy: sd('accuracy') };
}

/** Line-level figures of a text cleaner's removals (bench/cleaning). */
export interface LineRemovalScore {
  /** Non-empty input lines. */
  lines: number;
  /** Input lines the expected clean text does not hold. */
  expectedRemovals: number;
  /** Input lines the cleaner's output does not hold. */
  removals: number;
  /** Lines removed both by the cleaner and in the expectation. */
  correctRemovals: number;
  /** Lines the cleaner removed that the expectation keeps. */
  falseRemovals: number;
  /** Lines the expectation removes that the cleaner kept. */
  missedRemovals: number;
  precision: number;
  recall: number;
}

/** Whitespace collapsed, for comparing lines with texts that rejoined or re-spaced them. */
function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Score one scraped text: a line counts as kept by a text when that text holds it whole (spaces
 * normalised), so a line the cleaner shortens (an inline "Read also:" cut out) counts as removed on
 * both sides when the expectation shortens it too. Lines of three characters or fewer that are not
 * digits are skipped: a lone "a" is found anywhere.
 */
export function scoreLineRemovals(input: string, expected: string, output: string): LineRemovalScore {
  const exp = squash(expected);
  const out = squash(output);
  const s: LineRemovalScore = {
    lines: 0,
    expectedRemovals: 0,
    removals: 0,
    correctRemovals: 0,
    falseRemovals: 0,
    missedRemovals: 0,
    precision: 1,
    recall: 1,
  };
  for (const raw of input.split('\n')) {
    const line = squash(raw);
    if (!line) continue;
    s.lines++;
    const shouldGo = !holds(exp, line);
    const went = !holds(out, line);
    if (shouldGo) s.expectedRemovals++;
    if (went) s.removals++;
    if (shouldGo && went) s.correctRemovals++;
    else if (went) s.falseRemovals++;
    else if (shouldGo) s.missedRemovals++;
  }
  return withRatios(s);
}

/** A line is held by a text when it appears there between line or word boundaries ("12" is not held by "2012"). */
function holds(text: string, line: string): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf(line, from);
    if (at < 0) return false;
    const before = at === 0 ? ' ' : text[at - 1];
    const after = at + line.length >= text.length ? ' ' : text[at + line.length];
    if (!/[\p{L}\p{N}]/u.test(before ?? ' ') && !/[\p{L}\p{N}]/u.test(after ?? ' ')) return true;
    from = at + 1;
  }
}

/** Pooled over files (micro-averaged: every line weighs the same). */
export function sumLineRemovals(scores: readonly LineRemovalScore[]): LineRemovalScore {
  const s: LineRemovalScore = {
    lines: 0,
    expectedRemovals: 0,
    removals: 0,
    correctRemovals: 0,
    falseRemovals: 0,
    missedRemovals: 0,
    precision: 1,
    recall: 1,
  };
  for (const x of scores) {
    s.lines += x.lines;
    s.expectedRemovals += x.expectedRemovals;
    s.removals += x.removals;
    s.correctRemovals += x.correctRemovals;
    s.falseRemovals += x.falseRemovals;
    s.missedRemovals += x.missedRemovals;
  }
  return withRatios(s);
}

function withRatios(s: LineRemovalScore): LineRemovalScore {
  s.precision = s.removals > 0 ? s.correctRemovals / s.removals : 1;
  s.recall = s.expectedRemovals > 0 ? s.correctRemovals / s.expectedRemovals : 1;
  return s;
}
