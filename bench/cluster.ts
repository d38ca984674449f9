/**
 * bench:cluster: online story clustering on the MStream "News-T" stream (11,109 Google News
 * headlines, 152 gold stories, already stemmed), clustered one headline at a time in file order
 * by the same `StoryIndex` that clusters articles. Reports NMI and pairwise F1 against the gold
 * stories, next to the published MStream/MStreamF anchors. The end of the stream is the end of a
 * batch: `StoryIndex.settle` (the library's settle step, the one `analyze` runs) reassigns the
 * headlines placed since the last settle (`--passes 0` for the online result alone). The
 * thresholds were tuned on the other ordering of the same headlines (News.jsonl, shuffled), then
 * applied to News-T unchanged.
 *
 *   npm run bench:cluster [-- --data News-T.jsonl --join 0.3]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_ONLINE_OPTIONS, StoryIndex } from '../src/corpus/cluster/online.js';
import { nmi, pairwiseF1 } from './cluster-metrics.js';
import { arg, markdownTable, writeBenchSection } from './report.js';

/** Headline clustering settings (short texts: no entities, no dates, every term indexed). */
export const HEADLINE_OPTIONS = {
  joinThreshold: Number(arg('join', '0.2')),
  mergeThreshold: Number(arg('merge', '0.6')),
  entityWeight: 0,
  indexTerms: 20,
  maxCandidates: Number(arg('candidates', '32')),
  maxPostingScan: Number(arg('scan', '64')),
  normPower: Number(arg('power', '0.5')),
  sizePrior: Number(arg('prior', '0.05')),
  // The settle after the stream (as MStream iterates over a batch): 0 passes is the online pass alone.
  settlePasses: Number(arg('passes', '3')),
  settlePower: Number(arg('settle-power', '0.325')),
};

const BIGRAM_WEIGHT = Number(arg('bigram', '0'));
const PASSES = HEADLINE_OPTIONS.settlePasses;
const REASSIGN_POWER = 2 * HEADLINE_OPTIONS.settlePower;

interface Row {
  Id: string;
  clusterNo: number;
  textCleaned: string;
}

function run(file: string): {
  nmi: number;
  pairF1: number;
  precision: number;
  recall: number;
  stories: number;
  ms: number;
} {
  const rows = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Row);
  const index = new StoryIndex(HEADLINE_OPTIONS);
  const t0 = performance.now();
  for (const r of rows) {
    const terms = new Map<string, number>();
    const tokens = r.textCleaned.split(/\s+/).filter(Boolean);
    for (const t of tokens) terms.set(t, (terms.get(t) ?? 0) + 1);
    // Adjacent pairs ("raheel sharif"): a name or phrase says more than its words apart.
    for (let i = 1; i < tokens.length && BIGRAM_WEIGHT > 0; i++)
      terms.set(`${tokens[i - 1]}_${tokens[i]}`, BIGRAM_WEIGHT);
    index.add({ id: r.Id, day: null, terms, label: r.textCleaned });
  }
  // The end of the batch: the library's settle step, as `analyze` runs it.
  index.settle();
  const storyOf = new Map<string, string>();
  for (const story of index.liveStories()) for (const id of story.documents) storyOf.set(id, story.storyId);
  const predicted = rows.map((r) => storyOf.get(r.Id) as string);
  const ms = performance.now() - t0;
  const gold = rows.map((r) => r.clusterNo);
  const pair = pairwiseF1(gold, predicted);
  return {
    nmi: nmi(gold, predicted),
    pairF1: pair.f1,
    precision: pair.precision,
    recall: pair.recall,
    stories: new Set(predicted).size,
    ms,
  };
}

const dir = arg('dir', path.resolve('..', 'shared', 'bench', 'mstream-news'));
const data = arg('data', 'News-T.jsonl');
const main = run(path.join(dir, data));
const other = data === 'News-T.jsonl' ? run(path.join(dir, 'News.jsonl')) : null;
const r3 = (x: number) => x.toFixed(3);
const table = markdownTable(
  ['system', 'set', 'NMI', 'pair P', 'pair R', 'pair F1', 'stories', 'headlines/s'],
  [
    ['MStream (Yin et al. 2018, published)', 'News-T', '0.850', '', '', '', '', ''],
    ['MStreamF (published)', 'News-T', '0.873', '', '', '', '', ''],
    [
      `Storyline StoryIndex (online${PASSES > 0 ? ` + settle, ${PASSES} passes` : ' only'})`,
      data.replace('.jsonl', ''),
      r3(main.nmi),
      r3(main.precision),
      r3(main.recall),
      r3(main.pairF1),
      String(main.stories),
      String(Math.round(11109 / (main.ms / 1000))),
    ],
    ...(other
      ? [
          [
            'Storyline StoryIndex, same settings (tuning order)',
            'News',
            r3(other.nmi),
            r3(other.precision),
            r3(other.recall),
            r3(other.pairF1),
            String(other.stories),
            String(Math.round(11109 / (other.ms / 1000))),
          ],
        ]
      : []),
  ],
);
console.log(table);
console.log(
  `settings: join ${HEADLINE_OPTIONS.joinThreshold}, merge ${HEADLINE_OPTIONS.mergeThreshold}, size prior ` +
    `${HEADLINE_OPTIONS.sizePrior}, candidates ${HEADLINE_OPTIONS.maxCandidates}, pairs of adjacent tokens ${BIGRAM_WEIGHT} ` +
    `, settle passes ${PASSES} at exponent ${REASSIGN_POWER} (tuned on News.jsonl; other options as DEFAULT_ONLINE_OPTIONS, maxTerms ${DEFAULT_ONLINE_OPTIONS.maxTerms})`,
);
if (data === 'News-T.jsonl' && !arg('join', '')) {
  writeBenchSection(
    'cluster',
    'Story clustering (bench:cluster)',
    'npm run bench:cluster',
    `${table}\n\nOne headline at a time in file order through \`StoryIndex.add\`, then \`StoryIndex.settle()\` at the end of the batch (the library's settle step, which \`analyze\` runs after every publication day and at the end of a batch): up to ${PASSES} passes in which each headline placed since the last settle (except those that joined at the merge threshold or above) moves to the candidate story whose centroid without it scores best, dot / |centroid|^${REASSIGN_POWER} with the IDF known at the end (an exponent below 1 favours bigger stories; plain cosine splits them); every move of a pass is decided against the same centroids, so a pass does not depend on the order inside the batch. \`--passes 0\` gives the purely online result. Settings: join ${HEADLINE_OPTIONS.joinThreshold}, merge ${HEADLINE_OPTIONS.mergeThreshold}, size prior ${HEADLINE_OPTIONS.sizePrior}, passes ${PASSES}, settle exponent ${REASSIGN_POWER}, all tuned on News.jsonl (the shuffled order of the same headlines), not on News-T.\n`,
  );
}
console.log(JSON.stringify({ nmi: Number(r3(main.nmi)), pairF1: Number(r3(main.pairF1)) }));
