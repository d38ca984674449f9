/**
 * bench:similarity: our article similarity (`articleSimilarity`, the TF-IDF cosine the story
 * clusterer uses) against the human "Overall" score of SemEval-2022 Task 8 on the English–English
 * pairs that come with text (the HFL team's two training-data samples, deduplicated by pair id;
 * title + ~1 000 characters of body each). Overall runs 1 (same) to 4 (unrelated), so the
 * Pearson correlation is taken with -Overall. "Same story" (Overall ≤ 1.5) against "different"
 * (≥ 3): precision and recall of cosine ≥ the story join threshold. A sanity check on training
 * excerpts, not comparable to the task leaderboard (full texts, official eval set).
 *
 *   npm run bench:similarity [-- --threshold 0.2]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_ONLINE_OPTIONS } from '../src/corpus/cluster/online.js';
import { articleSimilarity, type SimilarityText, TermStatistics } from '../src/corpus/cluster/similarity.js';
import { arg, markdownTable, writeBenchSection } from './report.js';

/** RFC 4180 CSV (quoted fields with commas, doubled quotes and newlines). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function pearson(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Split "Title  Body…" (the samples separate the title with two spaces) into title and text. */
function toArticle(raw: string): SimilarityText {
  const cut = raw.indexOf('  ');
  return cut > 0 && cut < 300
    ? { title: raw.slice(0, cut).trim(), text: raw.slice(cut).trim() }
    : { title: null, text: raw };
}

const dir = arg('dir', path.resolve('..', 'shared', 'bench', 'semeval2022-task8-news-similarity'));
const threshold = Number(arg('threshold', String(DEFAULT_ONLINE_OPTIONS.joinThreshold)));
const pairs = new Map<string, { x: SimilarityText; y: SimilarityText; overall: number }>();
for (const file of ['hfl_sample_a_with_text.csv', 'hfl_sample_b_with_text.csv']) {
  const [header, ...rows] = parseCsv(readFileSync(path.join(dir, file), 'utf8'));
  const col = (name: string) => (header as string[]).indexOf(name);
  for (const r of rows) {
    if (r[col('lang1')] !== 'en' || r[col('lang2')] !== 'en') continue;
    const id = r[col('pair_id')] as string;
    const t1 = r[col('text1')] ?? '';
    const t2 = r[col('text2')] ?? '';
    if (!t1.trim() || !t2.trim() || pairs.has(id)) continue;
    pairs.set(id, { x: toArticle(t1), y: toArticle(t2), overall: Number(r[col('Overall')]) });
  }
}
// IDF from every article of the pairs (each text once).
const stats = new TermStatistics();
const seen = new Set<string>();
for (const p of pairs.values()) {
  for (const a of [p.x, p.y]) {
    if (seen.has(a.text)) continue;
    seen.add(a.text);
    stats.add(a);
  }
}
const sims: number[] = [];
const gold: number[] = [];
let tp = 0;
let fp = 0;
let fn = 0;
let same = 0;
let different = 0;
for (const p of pairs.values()) {
  const s = articleSimilarity(p.x, p.y, stats);
  sims.push(s);
  gold.push(-p.overall);
  const predictedSame = s >= threshold;
  if (p.overall <= 1.5) {
    same++;
    if (predictedSame) tp++;
    else fn++;
  } else if (p.overall >= 3) {
    different++;
    if (predictedSame) fp++;
  }
}
const r = pearson(sims, gold);
const precision = tp + fp ? tp / (tp + fp) : 0;
const recall = tp + fn ? tp / (tp + fn) : 0;
const f3 = (x: number) => x.toFixed(3);
const table = markdownTable(
  ['system', 'en-en pairs', 'Pearson r (vs -Overall)', 'same-story P', 'same-story R', 'threshold'],
  [
    ['HFL (1st, official eval set, full text; published, not comparable)', '236', '0.872', '', '', ''],
    [
      'Storyline articleSimilarity (TF-IDF cosine)',
      String(pairs.size),
      f3(r),
      f3(precision),
      f3(recall),
      String(threshold),
    ],
  ],
);
console.log(table);
console.log(`same-story pairs (Overall ≤ 1.5): ${same}; different (≥ 3): ${different}; middle pairs dropped from P/R`);
if (!arg('threshold', '')) {
  writeBenchSection(
    'similarity',
    'Article similarity (bench:similarity)',
    'npm run bench:similarity',
    `${table}\n\nTraining-data excerpts (HFL samples A and B, en–en, deduplicated): a sanity check, not the task's leaderboard. "Same story" = cosine ≥ the story join threshold; ${same} same-story and ${different} different pairs.\n`,
  );
}
console.log(
  JSON.stringify({
    pearson: Number(f3(r)),
    sameStoryPrecision: Number(f3(precision)),
    sameStoryRecall: Number(f3(recall)),
  }),
);
