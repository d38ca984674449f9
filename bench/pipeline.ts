/**
 * `npm run bench:pipeline`: articles per second and peak memory of `analyze` on a corpus made by
 * repeating and perturbing the bundled examples (default 20 000 articles).
 *
 * The parent generates the corpus, then runs `analyze` in a child process so the child's peak RSS
 * is the pipeline's alone. Prints a table, writes docs/benchmarks.md's pipeline section, and ends
 * with one JSON line: {"articles", "articlesPerSecond", "peakRssMb"}.
 *
 *   npm run bench:pipeline -- --articles 2000     # quicker run
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom as random } from '../src/core/random.js';
import { analyze } from '../src/pipeline/analyze.js';
import { openStore } from '../src/store/open.js';
import { arg, ROOT, writeBenchSection } from './report.js';

const EXAMPLES = path.join(ROOT, 'examples/corpus');

const FILLER = [
  'Local officials said further details would be released in the coming days.',
  'Residents told reporters that the situation remained tense overnight.',
  'The agency said it was monitoring the situation closely.',
  'Analysts said the figures could change as more information emerged.',
  'A spokesperson declined to comment further on Thursday.',
  'Aid groups said more than 300 families needed shelter.',
];

/** One perturbed copy of `text`: numbers nudged, a paragraph dropped or added, a marker line. */
function perturb(text: string, n: number, rand: () => number): string {
  let out = text.replace(/\b(\d{2,3})(,\d{3})?\b/g, (m) =>
    rand() < 0.3 ? String(Number(m.replace(/,/g, '')) + Math.floor(rand() * 9) + 1) : m,
  );
  const paragraphs = out.split(/\n\s*\n/);
  if (paragraphs.length > 4 && rand() < 0.4) paragraphs.splice(2 + Math.floor(rand() * (paragraphs.length - 3)), 1);
  if (rand() < 0.5) paragraphs.splice(paragraphs.length - 1, 0, FILLER[Math.floor(rand() * FILLER.length)] as string);
  out = paragraphs.join('\n\n');
  // The copy number keeps every file's bytes distinct, so none is skipped as already stored.
  return out.includes('</body>') ? out.replace('</body>', `<!-- copy ${n} --></body>`) : `${out}\n\nRef ${n}\n`;
}

function generate(count: number, dir: string): void {
  const files = readdirSync(EXAMPLES)
    .filter((f) => /\.(txt|html?)$/.test(f))
    .sort();
  const sources = files.map((f) => ({ ext: path.extname(f), text: readFileSync(path.join(EXAMPLES, f), 'utf8') }));
  const rand = random(20261123);
  for (let i = 0; i < count; i++) {
    const src = sources[i % sources.length]!;
    const sub = path.join(dir, String(Math.floor(i / 1000)).padStart(3, '0'));
    if (i % 1000 === 0) mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, `${String(i).padStart(6, '0')}${src.ext}`), perturb(src.text, i, rand));
  }
}

async function runChild(dir: string, db: string): Promise<void> {
  const store = await openStore(db);
  const started = performance.now();
  const report = await analyze(store, [dir]);
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    `${JSON.stringify({ stored: report.stored.length, failed: report.failures.length, inputs: report.inputs, seconds, peakRssMb, timings: report.timings })}\n`,
  );
}

async function main(): Promise<void> {
  if (process.argv.includes('--child')) {
    await runChild(arg('dir', ''), arg('db', ''));
    return;
  }
  const count = Number(arg('articles', '20000'));
  const work = mkdtempSync(path.join(tmpdir(), 'storyline-bench-'));
  const dir = path.join(work, 'corpus');
  const db = path.join(work, 'bench.db');
  try {
    const g0 = performance.now();
    generate(count, dir);
    process.stderr.write(`generated ${count} articles in ${((performance.now() - g0) / 1000).toFixed(1)}s\n`);
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', '--dir', dir, '--db', db], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 26,
    });
    if (child.status !== 0) throw new Error(`analyze child failed with status ${child.status}`);
    const r = JSON.parse(child.stdout.trim().split('\n').at(-1) as string) as {
      stored: number;
      failed: number;
      inputs: number;
      seconds: number;
      peakRssMb: number;
      timings: Record<string, number>;
    };
    const figures = {
      articles: r.stored,
      articlesPerSecond: Math.round((r.stored / r.seconds) * 10) / 10,
      peakRssMb: Math.round(r.peakRssMb),
    };
    const rows = [
      ['inputs', String(r.inputs)],
      ['stored', String(r.stored)],
      ['failed', String(r.failed)],
      ['seconds', r.seconds.toFixed(1)],
      ['articles/s', String(figures.articlesPerSecond)],
      ['peak RSS (MB)', String(figures.peakRssMb)],
    ];
    const perStage = Object.entries(r.timings).map(([step, ms]) => [
      `${step}, ms per input`,
      (ms / Math.max(1, r.inputs)).toFixed(2),
    ]);
    const table = [
      '| measure | storyline analyze |',
      '|---|---|',
      ...[...rows, ...perStage].map(([k, v]) => `| ${k} | ${v} |`),
    ].join('\n');
    process.stdout.write(`\n${table}\n\n`);
    writeResults(count, table);
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    if (!process.argv.includes('--keep')) rmSync(work, { recursive: true, force: true });
  }
}

/** Replace the pipeline section of docs/benchmarks.md with this run's figures. */
function writeResults(count: number, table: string): void {
  const command = `npm run bench:pipeline${count === 20000 ? '' : ` -- --articles ${count}`}`;
  writeBenchSection('pipeline', 'Pipeline (`analyze`)', command, table);
}

await main();
