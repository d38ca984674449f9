/**
 * bench:scale: the `--corpus-only` stream (copies + stories + events, no per-article annotation)
 * over 10 000, 100 000 and 1 000 000 generated articles (`scale-generator.ts`: ~400 words each,
 * 20% syndicated copies with edits, stories over 60 days), each size in its own child process
 * so peak RSS is per size. Side by side, the npm `minhash` package (MinHash + LshIndex) doing the
 * near-duplicate part alone on the same stream.
 *
 * The articles are generated in memory one at a time (no files, no store) and fed, as they come, to
 * `streamCopiesAndStories` (src/corpus/stream.ts): the copies + stories step that
 * `analyze --corpus-only` runs over the stored articles, with the same settings. Throughput with
 * generation is a lower bound; the CPU spent generating is also subtracted for the stages alone.
 *
 *   npm run bench:scale [-- --sizes 10000,100000,1000000 --peer-max 100000]
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { LshIndex, Minhash } from 'minhash';
import { normalizedWords } from '../src/corpus/dedupe/minhash.js';
import { type StreamArticle, streamCopiesAndStories } from '../src/corpus/stream.js';
import { nmi } from './cluster-metrics.js';
import { arg, markdownTable, peakRssMb, writeBenchSection } from './report.js';
import { generateArticles } from './scale-generator.js';

/**
 * CPU seconds (user + system) of this process since `from`. The rate is per CPU second: the
 * target is per core, and the benchmark machine is shared (wall time there measures the other
 * jobs too). Wall seconds are reported beside it.
 */
function cpuSince(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1e6;
}

interface SizeResult {
  system: string;
  articles: number;
  seconds: number;
  cpuSeconds: number;
  articlesPerSecond: number;
  /** Articles per CPU second spent inside the corpus stages alone (generation left out). */
  stageArticlesPerSecond?: number;
  peakRssMb: number;
  copyRecall?: number;
  copyPrecision?: number;
  storyNmi?: number;
  stories?: number;
}

function runOurs(count: number): SizeResult {
  const gold: number[] = [];
  const predicted: string[] = [];
  const truth = new Map<string, { story: number; copyOf: string | null }>();
  let copies = 0;
  let found = 0;
  let flagged = 0;
  let correct = 0;
  let done = 0;
  let generationCpu = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  // --stop-after N: measure the first N articles of the `count`-article stream (its density).
  const stopAfter = Number(arg('stop-after', String(count)));
  // The generator yields in day order, which is stream order: no sort needed (the CLI sorts).
  // Generated a chunk at a time, so the CPU spent generating is measured with two clock reads
  // per chunk, not per article (reading the clock was 7% of a profile).
  const CHUNK = 1000;
  function* arriving(): Generator<StreamArticle> {
    const articles = generateArticles(count);
    for (;;) {
      const before = process.cpuUsage();
      const chunk: StreamArticle[] = [];
      for (let k = 0; k < CHUNK && done + chunk.length < stopAfter; k++) {
        const next = articles.next();
        if (next.done) break;
        const a = next.value;
        truth.set(a.id, { story: a.story, copyOf: a.copyOf });
        chunk.push({ id: a.id, title: a.title, text: a.text, day: a.day, wire: a.wire });
      }
      const spent = process.cpuUsage(before);
      generationCpu += (spent.user + spent.system) / 1e6;
      if (chunk.length === 0) return;
      yield* chunk;
    }
  }
  // The same step `analyze --corpus-only` runs (`analyzeCorpusStream` → `streamCopiesAndStories`),
  // with the same (default) settings; the stored-article loading and the batch steps over
  // annotation are left out (generated articles carry none).
  const { stories } = streamCopiesAndStories(arriving(), {}, (article, r, stream) => {
    const a = truth.get(article.id) as { story: number; copyOf: string | null };
    truth.delete(article.id);
    if (a.copyOf) copies++;
    if (r.copy) {
      flagged++;
      if (a.copyOf) found++;
      if (a.copyOf || r.copy.kind === 'exact') correct++;
    }
    // Checkpoints on stderr: growth is visible while a long run goes on.
    if (++done % 100_000 === 0 || done === 10_000) {
      const cpu = cpuSince(cpu0);
      console.error(
        `  ${done} articles: ${Math.round(done / cpu)} per CPU s with generation, ${Math.round(done / (cpu - generationCpu))} per CPU s in the corpus stages, ${Math.round((performance.now() - t0) / 1000)} s wall, peak RSS ${peakRssMb()} MB, ${stream.stories.size} live stories, ${stream.copies.size} copy-index entries`,
      );
    }
    if (count <= 100_000) {
      gold.push(a.story);
      predicted.push(article.id);
    }
  });
  // Stories as the step returns them (a settle may move an article after its placement).
  const storyOfArticle = new Map<string, string>();
  for (const story of stories) for (const id of story.articles) storyOfArticle.set(id, story.storyId);
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = cpuSince(cpu0);
  return {
    system: 'Storyline --corpus-only stream step (copies + stories + events)',
    articles: done,
    seconds,
    cpuSeconds,
    articlesPerSecond: Math.round(done / cpuSeconds),
    stageArticlesPerSecond: Math.round(done / (cpuSeconds - generationCpu)),
    peakRssMb: peakRssMb(),
    copyRecall: copies ? found / copies : 1,
    copyPrecision: flagged ? correct / flagged : 1,
    ...(gold.length
      ? {
          storyNmi: nmi(
            gold,
            predicted.map((id) => storyOfArticle.get(id) as string),
          ),
        }
      : {}),
    stories: stories.length,
  };
}

/** The peer: npm `minhash` (128 permutations) with its LshIndex, word 5-shingles, query then insert. */
function runPeer(count: number): SizeResult {
  const index = new LshIndex();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (const a of generateArticles(count)) {
    const words = normalizedWords(a.text);
    const m = new Minhash();
    for (let i = 0; i + 5 <= words.length; i++) m.update(words.slice(i, i + 5).join(' '));
    // The package's query fails on a band it has never seen, so insert first (the article finds itself).
    index.insert(a.id, m);
    index.query(m);
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = cpuSince(cpu0);
  return {
    system: 'npm minhash 0.0.9 (MinHash + LshIndex, near duplicates only)',
    articles: count,
    seconds,
    cpuSeconds,
    articlesPerSecond: Math.round(count / cpuSeconds),
    peakRssMb: peakRssMb(),
  };
}

const child = arg('child', '');
if (child) {
  const count = Number(arg('count', '10000'));
  console.log(JSON.stringify(child === 'peer' ? runPeer(count) : runOurs(count)));
} else {
  const sizes = arg('sizes', '10000,100000,1000000').split(',').map(Number);
  const peerMax = Number(arg('peer-max', '1000000'));
  const self = fileURLToPath(import.meta.url);
  const results: SizeResult[] = [];
  const runChild = (which: string, count: number): SizeResult => {
    const out = execFileSync(
      process.execPath,
      ['--max-old-space-size=4096', self, '--child', which, '--count', String(count)],
      {
        encoding: 'utf8',
        maxBuffer: 1 << 24,
      },
    );
    const r = JSON.parse(out.trim().split('\n').pop() as string) as SizeResult;
    console.error(
      `${r.system}: ${r.articles} articles in ${r.seconds.toFixed(1)} s (${r.cpuSeconds.toFixed(1)} CPU s)`,
    );
    return r;
  };
  for (const n of sizes) {
    results.push(runChild('ours', n));
    if (n <= peerMax) results.push(runChild('peer', n));
  }
  const f3 = (x: number | undefined) => (x === undefined ? '' : x.toFixed(3));
  const table = markdownTable(
    [
      'system',
      'articles',
      'wall s',
      'CPU s',
      'articles per CPU s',
      'same, corpus stages only',
      'peak RSS MB',
      'copy recall',
      'copy precision',
      'story NMI',
      'stories',
    ],
    results.map((r) => [
      r.system,
      String(r.articles),
      r.seconds.toFixed(1),
      r.cpuSeconds.toFixed(1),
      String(r.articlesPerSecond),
      r.stageArticlesPerSecond === undefined ? '' : String(r.stageArticlesPerSecond),
      String(r.peakRssMb),
      f3(r.copyRecall),
      f3(r.copyPrecision),
      f3(r.storyNmi),
      r.stories === undefined ? '' : String(r.stories),
    ]),
  );
  console.log(table);
  const largest = Math.max(...sizes);
  const ours = results.find((r) => r.articles === largest && !r.system.startsWith('npm'));
  const peer = [...results].reverse().find((r) => r.system.startsWith('npm'));
  if (sizes.includes(1_000_000)) {
    writeBenchSection(
      'scale',
      'Corpus stream at scale (bench:scale)',
      'npm run bench:scale',
      `${table}\n\nEach size is its own 60-day stream in its own process (one thread), articles generated in memory (no files, no store) and fed to \`streamCopiesAndStories\`, the copies + stories step \`analyze --corpus-only\` runs over stored articles, with the flag's settings (copies, online stories and events, the settle of each day, the 30-day window). Throughput is articles per CPU second (user + system) of the process, with the generator's own cost and without it: the machine was shared by other jobs, so wall time is shown but is not the measure. A denser stream (1M over the same 60 days) holds 10 times more articles in the window than the 100k one, so flat per-article cost across sizes means the cost does not grow with the window. Copy recall/precision against the generator's copies (exact copies of a copy also count as correct); story NMI against the generator's stories (10k and 100k only) from the stories the step returns. The peer does near-duplicate detection alone${peer && peer.articles < largest ? ` and was run up to ${peer.articles} articles (it is about 10× slower)` : ''}.\n`,
    );
  }
  console.log(
    JSON.stringify({
      articlesPerSecond: ours?.articlesPerSecond ?? null,
      peakRssMb: ours?.peakRssMb ?? null,
      articles: ours?.articles ?? null,
      peerArticlesPerSecond: peer?.articlesPerSecond ?? null,
    }),
  );
}
