/**
 * `npm run bench:workers`: articles per second of `storyline worker` processes sharing one
 * PostgreSQL queue (1, 2 and 4 workers) against one `storyline analyze` process on SQLite, on the
 * same generated corpus (the bundled examples repeated with perturbed numbers and paragraphs),
 * in the same run. Each figure is wall time from starting the process(es) to the last exit, so
 * start-up (models) and the final corpus update are in all of them. The machine's load average
 * is printed beside each run: on a shared machine it moves the figures more than anything else.
 *
 *   npm run bench:workers -- --articles 600 --pg postgres://user:pw@127.0.0.1/postgres
 *
 * The PostgreSQL URL (`--pg`, else $STORYLINE_TEST_PG) must name a role that may create
 * databases: each run gets a fresh one, dropped afterwards. Ends with one JSON line:
 * {"sqliteArticlesPerSecond", "pg1ArticlesPerSecond", "pg2ArticlesPerSecond", "pg4ArticlesPerSecond"}.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { seededRandom as random } from '../src/core/random.js';
import { openStore } from '../src/store/open.js';
import { arg, markdownTable, ROOT, writeBenchSection } from './report.js';

const EXAMPLES = path.join(ROOT, 'examples/corpus');
const CLI = path.join(ROOT, 'bin/storyline.js');

/** `count` distinct articles: the examples with numbers nudged and a reference line each. */
function generate(count: number, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const sources = readdirSync(EXAMPLES)
    .filter((f) => /\.(txt|html?)$/.test(f))
    .sort()
    .map((f) => ({ ext: path.extname(f), text: readFileSync(path.join(EXAMPLES, f), 'utf8') }));
  const rand = random(20261123);
  for (let i = 0; i < count; i++) {
    const src = sources[i % sources.length] as (typeof sources)[number];
    const text = src.text.replace(/\b(\d{2,3})\b/g, (m) =>
      rand() < 0.3 ? String(Number(m) + 1 + Math.floor(rand() * 9)) : m,
    );
    const marked = text.includes('</body>')
      ? text.replace('</body>', `<!-- copy ${i} --></body>`)
      : `${text}\n\nRef ${i}\n`;
    writeFileSync(path.join(dir, `${String(i).padStart(5, '0')}${src.ext}`), marked);
  }
}

const running = new Set<ReturnType<typeof spawn>>();
// Detached children outlive this process unless stopped.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Run the CLI; resolves when it exits, rejects on a non-zero status (with its output). */
function cli(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    // Each process gets its own session, as separate terminals, services or machines would: with
    // the kernel's autogroup scheduling, processes of one session share one CPU share, which on a
    // busy machine would cap N workers at the speed of one.
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    running.add(child);
    child.on('exit', () => running.delete(child));
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr = (stderr + String(d)).slice(-4000);
    });
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`storyline ${args[0]} exited with ${code}:\n${stderr}`)),
    );
  });
}

interface Measure {
  label: string;
  seconds: number;
  articles: number;
  load: [number, number];
  /** Queue runs: seconds until the first job was claimed (start-up: code, models, connection). */
  startup?: number;
  /** Queue runs: seconds from the first claim until no job was queued or running (the articles). */
  jobs?: number;
}

const rate = (m: Measure) => Math.round((m.articles / m.seconds) * 10) / 10;

async function timed(label: string, articles: number, run: () => Promise<void>): Promise<Measure> {
  const before = loadavg()[0] as number;
  const started = performance.now();
  await run();
  const seconds = (performance.now() - started) / 1000;
  const measure: Measure = { label, seconds, articles, load: [before, loadavg()[0] as number] };
  process.stderr.write(`${label}: ${seconds.toFixed(1)} s, ${rate(measure)} articles/s\n`);
  return measure;
}

async function withDatabase<T>(admin: string, name: string, fn: (url: string) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    // An autovacuum worker on the database can make the first attempt fail: wait and retry once.
    await client
      .query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      .catch(() =>
        new Promise((r) => setTimeout(r, 2000)).then(() =>
          client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
        ),
      )
      .catch((error: Error) => process.stderr.write(`could not drop ${name}: ${error.message}\n`));
    await client.end();
  }
}

/**
 * Watch the queue while `run` runs (a poll every 100 ms on its own connection): when the first
 * job is claimed and when the last one is finished. What follows is the stories recompute, which
 * one worker does once for all, and the exit.
 */
async function withQueueWatch(url: string, run: () => Promise<Measure>): Promise<Measure> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  let claimed: number | null = null;
  let drained: number | null = null;
  let polling = true;
  const poll = (async () => {
    while (polling) {
      const { rows } = await client.query<{ busy: number; touched: number }>(
        `SELECT count(*) FILTER (WHERE state IN ('queued', 'running'))::int AS busy,
           count(*) FILTER (WHERE state <> 'queued')::int AS touched FROM jobs`,
      );
      const now = performance.now();
      if (claimed === null && (rows[0]?.touched ?? 0) > 0) claimed = now;
      if (drained === null && rows[0]?.busy === 0) drained = now;
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  try {
    const measure = await run();
    if (claimed !== null && drained !== null) {
      measure.startup = (claimed - started) / 1000;
      measure.jobs = (drained - claimed) / 1000;
    }
    return measure;
  } finally {
    polling = false;
    await poll.catch(() => {});
    await client.end();
  }
}

async function countArticles(url: string): Promise<number> {
  const store = await openStore(url);
  try {
    const row = await store.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  const count = Number(arg('articles', '600'));
  const admin = arg('pg', process.env.STORYLINE_TEST_PG ?? '');
  if (!admin) throw new Error('Missing --pg postgres://… (or $STORYLINE_TEST_PG): a role that may create databases');
  const work = mkdtempSync(path.join(tmpdir(), 'storyline-bench-workers-'));
  const corpus = path.join(work, 'corpus');
  generate(count, corpus);
  const measures: Measure[] = [];
  try {
    const db = path.join(work, 'sqlite.db');
    measures.push(
      await timed('SQLite, 1 process', count, () => cli(['analyze', corpus, '--db', db, '--jobs', '1', '--quiet'])),
    );
    for (const workers of [1, 2, 4]) {
      await withDatabase(admin, `storyline_bench_w${workers}`, async (url) => {
        await cli(['enqueue', corpus, '--db', url]); // not timed: the queue is filled first
        const label = `PostgreSQL, ${workers} worker${workers > 1 ? 's' : ''}`;
        measures.push(
          await withQueueWatch(url, () =>
            timed(label, count, () =>
              Promise.all(
                Array.from({ length: workers }, () => cli(['worker', '--db', url, '--exit-when-done', '--quiet'])),
              ).then(() => {}),
            ),
          ),
        );
        const stored = await countArticles(url);
        if (stored !== count) throw new Error(`${label}: ${stored} articles stored, expected ${count}`);
      });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const [sqlite, pg1, pg2, pg4] = measures as [Measure, Measure, Measure, Measure];
  const phase = (m: Measure, key: 'startup' | 'jobs') => (m[key] === undefined ? '' : (m[key] as number).toFixed(1));
  const table = markdownTable(
    [
      'run',
      'articles',
      'seconds',
      'articles/s',
      'vs SQLite',
      'vs 1 worker',
      'start-up s',
      'jobs s',
      'jobs vs 1 worker',
      'stories + exit s',
      'load avg (start → end)',
    ],
    measures.map((m) => [
      m.label,
      String(m.articles),
      m.seconds.toFixed(1),
      String(rate(m)),
      `${(rate(m) / rate(sqlite)).toFixed(2)}×`,
      m === sqlite ? '' : `${(rate(m) / rate(pg1)).toFixed(2)}×`,
      phase(m, 'startup'),
      phase(m, 'jobs'),
      m.jobs && pg1.jobs ? `${(pg1.jobs / m.jobs).toFixed(2)}×` : '',
      m.startup !== undefined && m.jobs !== undefined ? (m.seconds - m.startup - m.jobs).toFixed(1) : '',
      `${m.load[0].toFixed(1)} → ${m.load[1].toFixed(1)}`,
    ]),
  );
  const note =
    `${availableParallelism()} cores; load average is the 1-minute figure of the whole machine (other users included). ` +
    'Each process runs in its own session (own scheduling group), as separate services or machines would. ' +
    'Queue runs are split by polling the jobs table: start-up (until the first claim), jobs (until no job is ' +
    'queued or running: the articles, which the workers share) and the stories recompute that one worker runs ' +
    'once at the end, plus the exit (serial, the same work with any number of workers).';
  process.stdout.write(`\n${table}\n\n${note}\n\n`);
  writeBenchSection(
    'workers',
    'Workers on PostgreSQL (`storyline worker`)',
    `npm run bench:workers${count === 600 ? '' : ` -- --articles ${count}`}`,
    `${table}\n\n${note}\n`,
  );
  process.stdout.write(
    `${JSON.stringify({
      sqliteArticlesPerSecond: rate(sqlite),
      pg1ArticlesPerSecond: rate(pg1),
      pg2ArticlesPerSecond: rate(pg2),
      pg4ArticlesPerSecond: rate(pg4),
    })}\n`,
  );
}

await main();
