/**
 * `npm run bench:quotes`: quote attribution on PolNeAR (../shared/bench/polnear, read in place,
 * internal evaluation only: no text of it is copied or printed) and numeric claims on our own
 * claims set (bench/claims/claims.jsonl, fictional sentences written for this project).
 *
 * PolNeAR (see its SOURCE.md): one annotator per article, the alphabetically first `.ann`. Every
 * `E` relation is one gold attribution (content, cue, source). Our pipeline runs the real stages
 * (sentences → tokens → entities → quotes) on each `.txt` as is, so offsets compare directly.
 * - our quotes sharing one cue span (a quotation continued after its cue: “A,” he said. “B.”) are
 *   one predicted attribution with several content spans, as PolNeAR annotates them.
 * - content overlap: a predicted content and a gold content share a word token (citron's and
 *   GenderGapTracker's loose match); one-to-one, greedy by shared tokens.
 * - content exact: the same word tokens, after dropping a leading "that" (PolNeAR includes it in
 *   indirect content, we start after it) and the quote marks and punctuation at either end.
 * - cue: exact (same word tokens) and overlap, over quotes that have a cue span.
 * - speaker accuracy: over overlap-matched quotes whose gold has a source: right when our speaker
 *   words overlap the gold source span, or our speaker's name shares a capitalised word with it.
 * - bytes/s: text bytes over the CPU time of the quotes stage alone (best of three passes over the
 *   annotated documents), and over the wall-clock time of the whole prefix of the pipeline it
 *   needs (sentences, tokens, entities, quotes), one core.
 * The peer, side by side: a quote-marks-only finder (every double-quoted passage of three words or
 * more), the shape of direct-quote extractors; it shows what indirect speech is worth on PolNeAR.
 * The published anchors (GenderGapTracker, citron) run on other data and cannot run here (Python,
 * spaCy models); they are quoted, not measured.
 *
 * Claims: every sentence of the set runs through the same pipeline with the claims stage; a
 * predicted claim matches a gold claim with the same value and unit whose text it overlaps.
 * Claimant and hedging accuracy are over matched claims.
 *
 *   npm run bench:quotes -- --split dev     # tune (default: test)
 *   npm run bench:quotes -- --data <dir>    # another copy of PolNeAR
 *
 * Last line: {"contentOverlapF1","contentExactF1","cueF1","speakerAccuracy","bytesPerSecond","claimsPrecision","claimsRecall"}.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { doubledApostrophesAsQuotes } from '../src/core/attribution.js';
import type { Article, ClaimItem, LayerName, QuoteItem } from '../src/core/doc.js';
import { createPipeline } from '../src/core/pipeline.js';
import type { Span } from '../src/core/span.js';
import type { Stage } from '../src/core/stage.js';
import { matchView } from '../src/core/text.js';
import { intersectionSize } from '../src/corpus/dedupe/minhash.js';
import { ANNOTATE_STAGES } from '../src/pipeline/configuration.js';
import { findDoubleQuotes } from '../src/stages/quotes/find-quote-marks.js';
import { quotesStage } from '../src/stages/quotes/index.js';
import { arg, markdownTable, peakRssMb, ROOT, writeBenchSection } from './report.js';

const DATA = arg('data', path.join(ROOT, '../shared/bench/polnear'));
const SPLIT = arg('split', 'test');
const CLAIMS_FILE = arg('claims', path.join(ROOT, 'bench/claims/claims.jsonl'));

interface GoldAttribution {
  content: Span[];
  cue: Span[];
  source: Span[];
}

interface PredictedQuote {
  /** One span, or several when a quotation continues after its cue (“A,” he said. “B.”). */
  content: Span[];
  cue: Span | null;
  speaker: Span | null;
  speakerName: string | null;
}

// ---------------------------------------------------------------------------------------------
// PolNeAR

/** Brat standoff → attributions. `E` lines may name `T` ids defined later, so read all first. */
function parseAnn(ann: string): GoldAttribution[] {
  const spans = new Map<string, Span[]>();
  const relations: string[] = [];
  for (const line of ann.split('\n')) {
    if (line.startsWith('T')) {
      const [id, info] = line.split('\t');
      if (!id || !info) continue;
      const ranges = info.slice(info.indexOf(' ') + 1);
      spans.set(
        id,
        ranges.split(';').map((r) => {
          const [s, e] = r.trim().split(' ').map(Number);
          return { start: s ?? 0, end: e ?? 0 };
        }),
      );
    } else if (line.startsWith('E')) relations.push(line.split('\t')[1] ?? '');
  }
  const out: GoldAttribution[] = [];
  for (const rel of relations) {
    const roles = new Map<string, string>();
    for (const part of rel.split(' ')) {
      const [role, id] = part.split(':');
      if (role && id) roles.set(role, id);
    }
    const content = spans.get(roles.get('Content') ?? '');
    if (!content) continue;
    out.push({
      content,
      cue: spans.get(roles.get('Cue') ?? '') ?? [],
      source: spans.get(roles.get('Source') ?? '') ?? [],
    });
  }
  return out;
}

interface PolnearArticle {
  name: string;
  text: string;
  gold: GoldAttribution[];
}

function loadSplit(dir: string): PolnearArticle[] {
  const textDir = path.join(dir, 'text');
  const annDir = path.join(dir, 'attributions');
  const anns = readdirSync(annDir)
    .filter((f) => f.endsWith('.ann'))
    .sort();
  const out: PolnearArticle[] = [];
  for (const file of readdirSync(textDir).sort()) {
    if (!file.endsWith('.txt')) continue;
    const name = file.slice(0, -4);
    // `<article>_<annotator>.ann`: the alphabetically first annotator.
    const ann = anns.find((a) => a.startsWith(`${name}_`) && /^[^_]+\.ann$/.test(a.slice(name.length + 1)));
    if (!ann) continue;
    out.push({
      name,
      text: readFileSync(path.join(textDir, file), 'utf8'),
      gold: parseAnn(readFileSync(path.join(annDir, ann), 'utf8')),
    });
  }
  return out;
}

const WORD_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** Word tokens of `spans` as `start` offsets (a token is identified by where it starts). */
function tokensOf(text: string, spans: readonly Span[], dropThat = false): number[] {
  const out: number[] = [];
  for (const s of spans) {
    for (const m of text.slice(s.start, s.end).matchAll(WORD_RE)) out.push(s.start + (m.index ?? 0));
  }
  out.sort((a, b) => a - b);
  if (dropThat && out.length > 1) {
    const first = out[0] as number;
    if (/^that$/i.test(/^[\p{L}]+/u.exec(text.slice(first))?.[0] ?? '')) out.shift();
  }
  return out;
}

function sameTokens(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.length > 0 && intersectionSize(a, b) === a.length;
}

/** One-to-one greedy matching by shared tokens: pairs [gold index, predicted index]. */
function matchByOverlap(gold: readonly number[][], pred: readonly number[][]): Array<[number, number]> {
  const candidates: Array<[number, number, number]> = [];
  for (let g = 0; g < gold.length; g++) {
    const gt = gold[g] as number[];
    if (gt.length === 0) continue;
    const lo = gt[0] as number;
    const hi = gt[gt.length - 1] as number;
    for (let p = 0; p < pred.length; p++) {
      const pt = pred[p] as number[];
      if (pt.length === 0 || (pt[pt.length - 1] as number) < lo || (pt[0] as number) > hi) continue;
      const n = intersectionSize(gt, pt);
      if (n > 0) candidates.push([n, g, p]);
    }
  }
  candidates.sort((x, y) => y[0] - x[0]);
  const usedG = new Set<number>();
  const usedP = new Set<number>();
  const out: Array<[number, number]> = [];
  for (const [, g, p] of candidates) {
    if (usedG.has(g) || usedP.has(p)) continue;
    usedG.add(g);
    usedP.add(p);
    out.push([g, p]);
  }
  return out;
}

interface Counts {
  tp: number;
  pred: number;
  gold: number;
}

const counts = (): Counts => ({ tp: 0, pred: 0, gold: 0 });

function prf(c: Counts): { p: number; r: number; f: number } {
  const p = c.pred ? c.tp / c.pred : 0;
  const r = c.gold ? c.tp / c.gold : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}

interface SystemScore {
  contentOverlap: Counts;
  contentExact: Counts;
  cueExact: Counts;
  cueOverlap: Counts;
  speakerRight: number;
  speakerTotal: number;
  /** Recall of overlap matching split by gold content with and without quotation marks. */
  direct: Counts;
  indirect: Counts;
}

const emptyScore = (): SystemScore => ({
  contentOverlap: counts(),
  contentExact: counts(),
  cueExact: counts(),
  cueOverlap: counts(),
  speakerRight: 0,
  speakerTotal: 0,
  direct: counts(),
  indirect: counts(),
});

const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you', 'him', 'her', 'them']);

function speakerIsRight(text: string, gold: GoldAttribution, pred: PredictedQuote): boolean {
  if (!pred.speaker && !pred.speakerName) return false;
  if (
    pred.speaker &&
    gold.source.some((s) => s.start < (pred.speaker as Span).end && (pred.speaker as Span).start < s.end)
  )
    return true;
  const goldWords = gold.source.flatMap((s) => text.slice(s.start, s.end).match(WORD_RE) ?? []);
  if (goldWords.every((w) => PRONOUNS.has(w.toLowerCase()))) return false;
  const names = new Set((pred.speakerName?.match(WORD_RE) ?? []).filter((w) => /^\p{Lu}/u.test(w) && w.length > 2));
  return goldWords.some((w) => names.has(w));
}

function scoreArticle(score: SystemScore, article: PolnearArticle, predicted: PredictedQuote[], verbose = false): void {
  const show = verbose && SHOW_MISSES > 0;
  const { text, gold } = article;
  const goldTokens = gold.map((g) => tokensOf(text, g.content));
  const predTokens = predicted.map((p) => tokensOf(text, p.content));
  const pairs = matchByOverlap(goldTokens, predTokens);
  if (show) showMisses(text, gold, pairs);
  score.contentOverlap.tp += pairs.length;
  score.contentOverlap.pred += predicted.length;
  score.contentOverlap.gold += gold.length;
  const view = doubledApostrophesAsQuotes(matchView(text), text);
  const matchedGold = new Set(pairs.map(([g]) => g));
  gold.forEach((g, i) => {
    const isDirect = g.content.some((s) => view.slice(s.start, s.end).includes('"'));
    const bucket = isDirect ? score.direct : score.indirect;
    bucket.gold++;
    if (matchedGold.has(i)) bucket.tp++;
  });
  // Exact content: same tokens once a leading "that" is dropped (matched one-to-one by overlap).
  score.contentExact.pred += predicted.length;
  score.contentExact.gold += gold.length;
  for (const [g, p] of pairs) {
    const gt = tokensOf(text, (gold[g] as GoldAttribution).content, true);
    const pt = tokensOf(text, (predicted[p] as PredictedQuote).content, true);
    if (sameTokens(gt, pt)) score.contentExact.tp++;
  }
  // Cues, as their own spans.
  const goldCues = gold.filter((g) => g.cue.length > 0).map((g) => tokensOf(text, g.cue));
  const predCues = predicted.flatMap((p) => (p.cue ? [tokensOf(text, [p.cue])] : []));
  const cuePairs = matchByOverlap(goldCues, predCues);
  score.cueOverlap.tp += cuePairs.length;
  score.cueOverlap.pred += predCues.length;
  score.cueOverlap.gold += goldCues.length;
  score.cueExact.pred += predCues.length;
  score.cueExact.gold += goldCues.length;
  for (const [g, p] of cuePairs) if (sameTokens(goldCues[g] as number[], predCues[p] as number[])) score.cueExact.tp++;
  // Speakers on matched quotes.
  for (const [g, p] of pairs) {
    const ga = gold[g] as GoldAttribution;
    if (ga.source.length === 0) continue;
    score.speakerTotal++;
    if (speakerIsRight(text, ga, predicted[p] as PredictedQuote)) score.speakerRight++;
    else if (show && shownMisses++ < SHOW_MISSES) {
      const pq = predicted[p] as PredictedQuote;
      const src = ga.source.map((x) => text.slice(x.start, x.end)).join(' … ');
      const first = pq.content[0] as Span;
      const at = ga.source[0]?.start ?? first.start;
      const ctxText = text
        .slice(Math.max(0, Math.min(at, first.start) - 40), Math.max(at, first.end) + 30)
        .replace(/\s+/g, ' ');
      const ours = text.slice(first.start, first.end).replace(/\s+/g, ' ');
      process.stdout.write(
        `SPEAKER gold=[${src}] ours=[${pq.speakerName ?? 'null'}] :: ${ctxText.slice(0, 260)}\n   OURS=[${ours.slice(0, 80)}…${ours.slice(-40)}]\n`,
      );
    }
  }
}

/** `--misses N`: print up to N missed gold attributions (cue, source, content start) to the terminal, for tuning on dev. */
const SHOW_MISSES = Number(arg('misses', '0'));
let shownMisses = 0;

function showMisses(text: string, gold: readonly GoldAttribution[], pairs: ReadonlyArray<[number, number]>): void {
  const matched = new Set(pairs.map(([g]) => g));
  const show = (spans: readonly Span[]) => spans.map((x) => text.slice(x.start, x.end)).join(' … ');
  gold.forEach((g, i) => {
    if (matched.has(i) || shownMisses >= SHOW_MISSES) return;
    shownMisses++;
    process.stdout.write(
      `MISS cue=[${show(g.cue)}] source=[${show(g.source)}] content=[${show(g.content).slice(0, 90)}]\n`,
    );
  });
}

function articleOf(name: string, text: string): Article {
  return {
    id: `a_${name.slice(0, 12)}`,
    origin: name,
    contentHash: name,
    site: null,
    title: null,
    published: { date: null, from: null, to: null, how: 'unknown' },
    language: 'en',
    wire: [],
    author: null,
    text,
    removed: [],
  };
}

/** The annotate stages up to `last`, in pipeline order. */
function stagesThrough(last: LayerName): Stage<LayerName>[] {
  const i = ANNOTATE_STAGES.findIndex((s) => s.name === last);
  return ANNOTATE_STAGES.slice(0, i + 1);
}

/**
 * Our quotes as PolNeAR attributions. PolNeAR gives a quotation that continues after its cue
 * (“A,” he said. “B.”) one attribution with a discontinuous content; our stage gives the pieces
 * one cue span: quotes sharing a cue span are scored as one attribution.
 */
function asAttributions(quotes: readonly QuoteItem[]): PredictedQuote[] {
  const byCue = new Map<number, PredictedQuote>();
  const out: PredictedQuote[] = [];
  for (const q of quotes) {
    const content = { start: q.start, end: q.end };
    const cue = q.cueSpan ?? null;
    const same = cue ? byCue.get(cue.start) : undefined;
    if (same) {
      same.content.push(content);
      continue;
    }
    const attribution = {
      content: [content],
      cue,
      speaker: q.speakerSpan ?? null,
      speakerName: q.speaker?.name ?? null,
    };
    out.push(attribution);
    if (cue) byCue.set(cue.start, attribution);
  }
  return out;
}

function quoteMarksBaseline(text: string): PredictedQuote[] {
  return findDoubleQuotes(text, doubledApostrophesAsQuotes(matchView(text), text))
    .filter((q) => (text.slice(q.start, q.end).match(WORD_RE) ?? []).length >= 3)
    .map((q) => ({ content: [{ start: q.start, end: q.end }], cue: null, speaker: null, speakerName: null }));
}

function runPolnear(): {
  ours: SystemScore;
  baseline: SystemScore;
  articles: number;
  bytes: number;
  quotesMs: number;
  prefixMs: number;
} | null {
  const dir = path.join(DATA, SPLIT);
  if (!existsSync(dir)) {
    process.stderr.write(`PolNeAR split not found at ${dir}; skipping the attribution part\n`);
    return null;
  }
  const articles = loadSplit(dir);
  const pipeline = createPipeline(stagesThrough('quotes'), { errorPolicy: 'throw' });
  const ours = emptyScore();
  const baseline = emptyScore();
  let bytes = 0;
  // Warm up the JIT on a few articles so the timing reflects steady state.
  for (const a of articles.slice(0, 5)) pipeline.annotate(articleOf(a.name, a.text));
  const before = pipeline.timings();
  for (const a of articles) {
    bytes += Buffer.byteLength(a.text);
    const doc = pipeline.annotate(articleOf(a.name, a.text));
    // A partial quote inside a reported clause is part of that one attribution (PolNeAR marks the
    // clause): score the clause only.
    const all = (doc.layers.quotes ?? []) as QuoteItem[];
    const quotes = all.filter(
      (q) => q.prov.rule !== 'quotes/partial' || !all.some((o) => o !== q && o.start <= q.start && q.end <= o.end),
    );
    scoreArticle(ours, a, asAttributions(quotes), true);
    scoreArticle(baseline, a, quoteMarksBaseline(a.text));
  }
  const after = pipeline.timings();
  const spent = (name: string) => (after[name] ?? 0) - (before[name] ?? 0);
  const prefixMs = Object.keys(after).reduce((sum, k) => sum + spent(k), 0);
  // The quotes stage alone, on the annotated documents: best of three passes.
  const docs = articles.map((a) => pipeline.annotate(articleOf(a.name, a.text)));
  const ctx = {
    warn: () => {},
    info: () => {},
    debug: () => {},
    fail: (): never => {
      throw new Error('unreachable');
    },
  };
  // CPU time of this process, not wall-clock time: the machine is shared, and a busy neighbour must
  // not read as a slow stage.
  let quotesMs = Number.POSITIVE_INFINITY;
  for (let pass = 0; pass < 3; pass++) {
    const before = process.cpuUsage();
    for (const doc of docs) quotesStage.run(doc, ctx);
    const used = process.cpuUsage(before);
    quotesMs = Math.min(quotesMs, (used.user + used.system) / 1000);
  }
  return { ours, baseline, articles: articles.length, bytes, quotesMs, prefixMs };
}

// ---------------------------------------------------------------------------------------------
// Claims

interface GoldClaim {
  /** The claim's words as they appear in the sentence (first occurrence). */
  text: string;
  value: number;
  valueMax?: number;
  unit: string;
  /** Claimant name words, or null when the sentence names none. */
  claimant?: string | null;
  hedged?: boolean;
}

interface ClaimCase {
  id: string;
  /** What the case covers: digits, words, range, approx, percent, money, hedge, not-a-claim… */
  covers: string;
  text: string;
  claims: GoldClaim[];
}

function loadClaims(file: string): ClaimCase[] {
  const out: ClaimCase[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      try {
        out.push(JSON.parse(line) as ClaimCase);
      } catch (error) {
        throw new Error(`${file}:${i + 1}: Unexpected line, expected one JSON object (${(error as Error).message})`);
      }
    });
  return out;
}

interface ClaimsScore {
  counts: Counts;
  claimantRight: number;
  claimantTotal: number;
  hedgeRight: number;
  hedgeTotal: number;
  misses: string[];
  extras: string[];
  cases: number;
  sentencesWithoutClaims: number;
}

function sameValue(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.abs(b) * 1e-9;
}

function runClaims(): ClaimsScore | null {
  if (!existsSync(CLAIMS_FILE)) {
    process.stderr.write(`claims set not found at ${CLAIMS_FILE}; skipping the claims part\n`);
    return null;
  }
  const cases = loadClaims(CLAIMS_FILE);
  const pipeline = createPipeline(stagesThrough('claims'), { errorPolicy: 'throw' });
  const score: ClaimsScore = {
    counts: counts(),
    claimantRight: 0,
    claimantTotal: 0,
    hedgeRight: 0,
    hedgeTotal: 0,
    misses: [],
    extras: [],
    cases: cases.length,
    sentencesWithoutClaims: cases.filter((c) => c.claims.length === 0).length,
  };
  for (const c of cases) {
    const doc = pipeline.annotate(articleOf(c.id, c.text));
    const predicted = (doc.layers.claims ?? []) as ClaimItem[];
    score.counts.pred += predicted.length;
    score.counts.gold += c.claims.length;
    const used = new Set<number>();
    for (const g of c.claims) {
      const at = c.text.indexOf(g.text);
      if (at < 0) throw new Error(`${CLAIMS_FILE}: case ${c.id}: claim text \`${g.text}\` is not in the sentence`);
      const span = { start: at, end: at + g.text.length };
      const k = predicted.findIndex(
        (p, i) =>
          !used.has(i) &&
          p.start < span.end &&
          span.start < p.end &&
          sameValue(p.value, g.value) &&
          (g.valueMax === undefined || sameValue(p.valueMax ?? p.value, g.valueMax)) &&
          p.unit === g.unit,
      );
      if (k < 0) {
        const near = predicted.find((p) => p.start < span.end && span.start < p.end);
        score.misses.push(
          `${c.id}: ${g.text} → ${g.value} ${g.unit}${near ? ` (got ${near.value} ${near.unit})` : ' (none)'}`,
        );
        continue;
      }
      used.add(k);
      score.counts.tp++;
      const p = predicted[k] as ClaimItem;
      if (g.claimant !== undefined) {
        score.claimantTotal++;
        const right =
          g.claimant === null
            ? p.claimant === null
            : p.claimant?.name.toLowerCase().includes(g.claimant.toLowerCase()) === true;
        if (right) score.claimantRight++;
        else score.misses.push(`${c.id}: claimant of ${g.text}: want ${g.claimant}, got ${p.claimant?.name ?? 'null'}`);
      }
      if (g.hedged !== undefined) {
        score.hedgeTotal++;
        if (p.hedged === g.hedged) score.hedgeRight++;
        else score.misses.push(`${c.id}: hedged of ${g.text}: want ${g.hedged}`);
      }
    }
    predicted.forEach((p, i) => {
      if (!used.has(i)) score.extras.push(`${c.id}: ${p.text} → ${p.value} ${p.unit}`);
    });
  }
  return score;
}

// ---------------------------------------------------------------------------------------------
// Hostile input: the issue's cases at 1× and 4× size; linear time shows as a ratio near 4.

const FILLER = ['the', 'port', 'talks', 'would', 'resume', 'on', 'Tuesday', 'Morrow', 'said'];
const fillerWords = (n: number) => Array.from({ length: n }, (_, i) => FILLER[i % FILLER.length]).join(' ');
const HOSTILE: Array<[string, (k: number) => string]> = [
  ['10 000 unclosed marks', (k) => Array.from({ length: 10_000 * k }, (_, i) => `“word${i} and more`).join(' ')],
  ['200 KB quote', (k) => `Lena Morrow said: “${fillerWords(36_000 * k)}.” She left.`],
  [
    'nested three deep',
    (k) => 'Lena Morrow said: “Ivo told me ‘Ana said “we will go” to him’ today.” '.repeat(500 * k),
  ],
  [
    'a mark in every word',
    (k) =>
      fillerWords(20_000 * k)
        .split(' ')
        .map((w) => `"${w}"`)
        .join(' '),
  ],
  [
    'numbers and cues in every sentence',
    (k) =>
      Array.from({ length: 2_000 * k }, (_, i) => `Officials said ${i + 20} people were killed, Morrow said.`).join(
        ' ',
      ),
  ],
];

function runHostile(): string[][] {
  const pipeline = createPipeline(stagesThrough('claims'), { errorPolicy: 'throw' });
  const rows: string[][] = [];
  for (const [name, make] of HOSTILE) {
    const ms: number[] = [];
    let kb = 0;
    for (const k of [1, 4]) {
      const text = make(k);
      if (k === 1) kb = Math.round(text.length / 1000);
      const before = pipeline.timings();
      pipeline.annotate(articleOf('hostile', text));
      const after = pipeline.timings();
      ms.push((after.quotes ?? 0) - (before.quotes ?? 0) + (after.claims ?? 0) - (before.claims ?? 0));
    }
    const [one, four] = ms as [number, number];
    rows.push([
      name,
      `${kb} KB`,
      `${one.toFixed(0)} ms`,
      `${four.toFixed(0)} ms`,
      (four / Math.max(one, 1)).toFixed(1),
    ]);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Report

const pct = (x: number) => (x * 100).toFixed(1);
const round3 = (x: number) => Math.round(x * 1000) / 1000;

function main(): void {
  const pol = runPolnear();
  const claims = runClaims();
  const parts: string[] = [];

  let headline = {
    contentOverlapF1: 0,
    contentExactF1: 0,
    cueF1: 0,
    speakerAccuracy: 0,
    bytesPerSecond: 0,
    claimsPrecision: 0,
    claimsRecall: 0,
  };

  if (pol) {
    const row = (name: string, s: SystemScore, bytesPerSecond: string) => {
      const o = prf(s.contentOverlap);
      const e = prf(s.contentExact);
      const ce = prf(s.cueExact);
      const co = prf(s.cueOverlap);
      return [
        name,
        `${pct(o.p)} / ${pct(o.r)} / **${pct(o.f)}**`,
        `${pct(e.p)} / ${pct(e.r)} / ${pct(e.f)}`,
        s.cueExact.pred ? `${pct(ce.f)} (overlap ${pct(co.f)})` : '—',
        s.speakerTotal && s.speakerRight ? `${pct(s.speakerRight / s.speakerTotal)}% of ${s.speakerTotal}` : '—',
        `${pct(prf(s.direct).r)} / ${pct(prf(s.indirect).r)}`,
        bytesPerSecond,
      ];
    };
    const mbps = (ms: number) => (ms > 0 ? `${(pol.bytes / (ms / 1000) / 1e6).toFixed(2)} MB/s` : '—');
    const table = markdownTable(
      [
        'system',
        'content overlap P / R / F1',
        'content exact P / R / F1',
        'cue F1 exact',
        'speaker accuracy',
        'recall direct / indirect',
        'speed (one core)',
      ],
      [
        row(
          'Storyline quotes stage',
          pol.ours,
          `${mbps(pol.quotesMs)} CPU (whole prefix sentences → quotes, one pass, wall clock: ${mbps(pol.prefixMs)})`,
        ),
        row('peer: quote marks only', pol.baseline, '—'),
      ],
    );
    parts.push(
      `PolNeAR ${SPLIT} split: ${pol.articles} articles, ${(pol.bytes / 1e6).toFixed(2)} MB, ${pol.ours.contentOverlap.gold} gold attributions (first annotator per article). Peak RSS ${peakRssMb()} MB.`,
      '',
      table,
      '',
      'Published anchors (other data, not run here): GenderGapTracker quotes F1 83.7 at 0.3 overlap with 86.5% of speakers right (98 Canadian articles); citron content overlap F1 83.3, exact 59.3, cue exact F1 82.3 (PARC 3.0).',
    );
    const o = prf(pol.ours.contentOverlap);
    headline = {
      ...headline,
      contentOverlapF1: round3(o.f),
      contentExactF1: round3(prf(pol.ours.contentExact).f),
      cueF1: round3(prf(pol.ours.cueExact).f),
      speakerAccuracy: round3(pol.ours.speakerTotal ? pol.ours.speakerRight / pol.ours.speakerTotal : 0),
      bytesPerSecond: Math.round(pol.bytes / (pol.quotesMs / 1000)),
    };
  }

  if (claims) {
    const c = prf(claims.counts);
    parts.push(
      '',
      `Claims set (\`bench/claims/claims.jsonl\`, ${claims.cases} fictional sentences, ${claims.sentencesWithoutClaims} of them with no claim, ${claims.counts.gold} gold claims):`,
      '',
      markdownTable(
        ['precision', 'recall', 'F1', 'claimant accuracy (matched)', 'hedging accuracy (matched)'],
        [
          [
            pct(c.p),
            pct(c.r),
            pct(c.f),
            claims.claimantTotal
              ? `${pct(claims.claimantRight / claims.claimantTotal)}% of ${claims.claimantTotal}`
              : '—',
            claims.hedgeTotal ? `${pct(claims.hedgeRight / claims.hedgeTotal)}% of ${claims.hedgeTotal}` : '—',
          ],
        ],
      ),
    );
    headline = { ...headline, claimsPrecision: round3(c.p), claimsRecall: round3(c.r) };
    if (process.argv.includes('--verbose')) {
      for (const m of claims.misses) process.stdout.write(`miss  ${m}\n`);
      for (const m of claims.extras) process.stdout.write(`extra ${m}\n`);
    }
  }

  const hostile = runHostile();
  parts.push(
    '',
    'Hostile input (quotes + claims stages, time at 1× and 4× size; linear time gives a ratio near 4):',
    '',
    markdownTable(['input', 'size at 1×', '1×', '4×', 'ratio'], hostile),
  );

  const body = parts.join('\n');
  process.stdout.write(`${body}\n\n`);
  if (SPLIT === 'test' && pol && claims && !process.argv.includes('--no-write')) {
    writeBenchSection('quotes', 'Quotes and claims', 'npm run bench:quotes', body);
  }
  process.stdout.write(`${JSON.stringify(headline)}\n`);
}

main();
