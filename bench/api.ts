/**
 * `npm run bench:api`: latency of every page's API calls on a store of 100 000 articles, and how
 * long the story page takes to render in headless Chromium.
 *
 * The store is made fast, without running the NLP pipeline 100 000 times: the bundled examples
 * are analysed once, then their stored rows (articles with every mention, and the corpus outputs:
 * stories, events, timeline, conflicts, copies, entities) are copied through the repositories
 * with new ids, hashes and shifted dates. Entities come in `--entity-variants` variants (default
 * 10) so the busiest entity is in about a tenth of the copies, not all of them.
 *
 * The server runs in a child process (so the load tool does not share its event loop); each
 * endpoint gets `--duration` seconds (default 5) of autocannon load over `--connections`
 * connections (default 1: latency is then the service time, not queueing behind other requests). Prints a table, writes docs/benchmarks.md's API section, and ends
 * with one JSON line: {"articles", "medianMs", "p95Ms", "storyPageRenderMs"}, where the medians
 * and p95s are those of the slowest endpoint.
 *
 *   npm run bench:api -- --articles 10000        # smaller store
 *   npm run bench:api -- --db /tmp/bench-api.db  # keep (or reuse) the generated store
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { createApp } from '../src/api/app.js';
import { listen } from '../src/api/server.js';
import type { CorpusResult, Evidence } from '../src/core/corpus.js';
import type { Attribution, NewsDoc } from '../src/core/doc.js';
import { analyze } from '../src/pipeline/analyze.js';
import { rebuildFullTextIndex } from '../src/store/dialect.js';
import { openStore, type Store } from '../src/store/open.js';
import { countArticles, loadCorpusArticles, toArticleRow, toMentionRows } from '../src/store/repos/articles.js';
import { loadCorpus, replaceCorpus } from '../src/store/repos/corpus.js';
import { finishRun, startRun } from '../src/store/repos/runs.js';
import type { Database } from '../src/store/schema.js';
import { arg, ROOT, writeBenchSection } from './report.js';

const EXAMPLES = path.join(ROOT, 'examples/corpus');
const UI_DIR = path.join(ROOT, 'dist/web');
const CHROMIUM = '/usr/bin/chromium';

const hex = (s: string, n = 12) => createHash('sha256').update(s).digest('hex').slice(0, n);

/** Shift an ISO day by `days`; months and years are left as they are. */
function shiftDate<T extends string | null>(date: T, days: number): T {
  if (date === null || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10) as T;
}

// ---------------------------------------------------------------------------------------------
// Store generation

async function generate(file: string, wanted: number, variants: number): Promise<number> {
  const seedFile = path.join(path.dirname(file), 'seed.db');
  rmSync(seedFile, { force: true });
  const seed = await openStore(seedFile);
  await analyze(seed, [EXAMPLES], { concurrency: 1 });
  const base = await loadCorpusArticles(seed.db);
  const corpus = await loadCorpus(seed.db);
  await seed.close();
  rmSync(seedFile, { force: true });

  // Schema and run through the store; the bulk rows through one prepared statement per table
  // (Kysely compiles a statement per batch, which is 10x slower for millions of mention rows).
  const migrated = await openStore(file);
  const runId = await startRun(migrated.db, ['bench:api'], 'bench');
  await migrated.close();
  const raw = new SQLite(file);
  // Generation only: a crash loses a throwaway file, so skip the fsyncs.
  raw.pragma('synchronous = OFF');
  raw.pragma('cache_size = -262144');
  // Bulk load: drop the articles' and mentions' indexes and triggers (full-text sync), insert,
  // then recreate them from the very SQL the migrations wrote and rebuild the full-text index
  // once. Building an index from sorted rows is several times faster than growing it row by row.
  const derived = raw
    .prepare(
      "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name IN ('articles', 'mentions') AND sql IS NOT NULL",
    )
    .all() as { type: 'index' | 'trigger'; name: string; sql: string }[];
  for (const d of derived) raw.exec(`DROP ${d.type.toUpperCase()} "${d.name}"`);
  const now = new Date().toISOString();
  let insertArticle: SQLite.Statement | undefined;
  let insertMention: SQLite.Statement | undefined;
  const prepare = (table: string, row: object) =>
    raw.prepare(
      `INSERT INTO ${table} (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row)
        .map((k) => `@${k}`)
        .join(', ')})`,
    );
  const insertBatch = raw.transaction((docs: NewsDoc[]) => {
    for (const doc of docs) {
      const row = toArticleRow(doc.article, runId, now);
      insertArticle ??= prepare('articles', row);
      insertArticle.run(row);
      for (const m of toMentionRows(doc)) {
        insertMention ??= prepare('mentions', m);
        insertMention.run(m);
      }
    }
  });
  const copies = Math.ceil(wanted / base.length);
  const entity = (id: string, v: number) => (v === 0 ? id : `${id}~${v}`);
  const who = (a: Attribution | null, v: number): Attribution | null =>
    a?.entityId ? { ...a, entityId: entity(a.entityId, v) } : a;
  const result: CorpusResult = { duplicates: [], stories: [], timeline: [], conflicts: [], entities: [] };
  const remap = new Map<string, string>();
  let batch: NewsDoc[] = [];
  const started = performance.now();
  for (let k = 0; k < copies; k++) {
    const v = k % variants;
    // Copies spread over about 13 months; a copy's articles keep their relative dates.
    const days = (k * 7) % 400;
    // Ids start with the copy number so rows append to the indexes instead of landing at random
    // (random keys make a 100 000-article build page-cache bound).
    const id = (old: string) => (k === 0 ? old : `a_${k.toString(16).padStart(5, '0')}${hex(`${k}:${old}`, 7)}`);
    const ev = (e: Evidence): Evidence => ({ ...e, article: id(e.article) });
    for (const a of base) {
      batch.push({
        article: {
          ...a,
          id: id(a.id),
          origin: `${a.origin}#${k}`,
          contentHash: k === 0 ? a.contentHash : hex(`${k}:${a.contentHash}`, 64),
          published: {
            ...a.published,
            date: shiftDate(a.published.date, days),
            from: shiftDate(a.published.from, days),
            to: shiftDate(a.published.to, days),
          },
        },
        layers: {
          entities: a.entities.map((e) => ({ ...e, entityId: entity(e.entityId, v) })),
          quotes: a.quotes.map((q) => ({ ...q, speaker: who(q.speaker, v) })),
          claims: a.claims.map((c) => ({ ...c, claimant: who(c.claimant, v) })),
          times: a.times,
        },
        diagnostics: [],
      });
    }
    if (batch.length >= 1000 || k === copies - 1) {
      insertBatch(batch);
      batch = [];
      const done = (k + 1) * base.length;
      if ((k + 1) % 100 === 0 || k === copies - 1) {
        const rate = done / ((performance.now() - started) / 1000);
        process.stderr.write(`\r  stored ${done} articles (${Math.round(rate)}/s)   `);
      }
    }
    const story = (s: string | null) => (s === null || k === 0 ? s : `s_${hex(`${k}:${s}`)}`);
    result.duplicates.push(...corpus.duplicates.map((d) => ({ ...d, a: id(d.a), b: id(d.b) })));
    result.stories.push(
      ...corpus.stories.map((s) => ({
        ...s,
        storyId: story(s.storyId) as string,
        articles: s.articles.map(id),
        events: s.events.map((e) => ({
          ...e,
          eventId: k === 0 ? e.eventId : `e_${hex(`${k}:${e.eventId}`)}`,
          date: shiftDate(e.date, days),
          articles: e.articles.map(id),
        })),
      })),
    );
    result.timeline.push(
      ...corpus.timeline.map((t) => ({
        ...t,
        date: shiftDate(t.date, days),
        storyId: story(t.storyId),
        articles: t.articles.map(id),
        evidence: t.evidence.map(ev),
      })),
    );
    result.conflicts.push(
      ...corpus.conflicts.map((c) => ({ ...c, storyId: story(c.storyId), items: c.items.map(ev) })),
    );
  }
  process.stderr.write('\n  indexing…\n');
  for (const d of derived) raw.exec(d.sql);
  await rebuildFullTextIndex(new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) }));
  raw.close();
  const store = await openStore(file);
  for (let v = 0; v < variants; v++) {
    const share = Math.ceil((copies - v) / variants);
    if (share <= 0) continue;
    result.entities.push(
      ...corpus.entities.map((e) => ({ ...e, entityId: entity(e.entityId, v), articles: e.articles * share })),
    );
    for (const [from, to] of corpus.remap) remap.set(entity(from, v), entity(to, v));
  }
  await replaceCorpus(store.db, result, remap);
  const articles = await countArticles(store.db);
  await finishRun(store.db, runId, { stored: articles, skipped: 0, failed: 0 });
  await sql`PRAGMA optimize`.execute(store.db);
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(store.db);
  await store.close();
  return articles;
}

// ---------------------------------------------------------------------------------------------
// Server (child process) and load

async function serveChild(file: string): Promise<void> {
  const store = await openStore(file);
  const server = await listen(createApp({ store, uiDir: UI_DIR }), '127.0.0.1', 0);
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  process.on('SIGTERM', async () => {
    await server.close();
    await store.close();
    process.exit(0);
  });
}

function startServer(file: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--serve', '--db', file],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once('line', (line) => resolve({ url: (JSON.parse(line) as { url: string }).url, child }));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

interface Endpoint {
  page: string;
  path: string;
}

async function endpoints(file: string): Promise<Endpoint[]> {
  const store = await openStore(file);
  const pick = async <T>(f: (s: Store) => Promise<T | undefined>, what: string): Promise<T> => {
    const found = await f(store);
    if (found === undefined) throw new Error(`bench store has no ${what}`);
    return found;
  };
  const storyId = await pick(
    async (s) =>
      (await s.db.selectFrom('stories').select('story_id').orderBy('article_count', 'desc').limit(1).executeTakeFirst())
        ?.story_id,
    'story',
  );
  const articleId = await pick(
    async (s) =>
      (await s.db.selectFrom('story_members').select('article_id').where('story_id', '=', storyId).executeTakeFirst())
        ?.article_id,
    'article',
  );
  const entityId = await pick(
    async (s) =>
      (
        await s.db
          .selectFrom('entities')
          .select('entity_id')
          .orderBy('article_count', 'desc')
          .limit(1)
          .executeTakeFirst()
      )?.entity_id,
    'entity',
  );
  const speaker = await pick(
    async (s) =>
      (
        await s.db
          .selectFrom('entities')
          .select('entity_id')
          .where('type', '=', 'person')
          .orderBy('article_count', 'desc')
          .limit(1)
          .executeTakeFirst()
      )?.entity_id,
    'person',
  );
  const articles = await countArticles(store.db);
  await store.close();
  const e = encodeURIComponent;
  return [
    { page: 'stories', path: '/api/stats' },
    { page: 'stories', path: '/api/stories?sort=recent&limit=50' },
    { page: 'stories', path: '/api/stories?sort=size&limit=50' },
    { page: 'story', path: `/api/stories/${storyId}` },
    { page: 'article', path: `/api/articles/${articleId}` },
    { page: 'entity', path: `/api/entities/${e(entityId)}` },
    { page: 'entity', path: `/api/entities/${e(speaker)}` },
    { page: 'search', path: '/api/search?q=troops&limit=20' },
    { page: 'search', path: `/api/search?q=${e('"death toll" Aldmere')}&limit=20` },
    { page: 'lists', path: `/api/articles?limit=50&offset=${Math.floor(articles / 2)}` },
    { page: 'lists', path: `/api/articles?entity=${e(speaker)}&limit=50` },
    { page: 'lists', path: '/api/entities?type=person&limit=50' },
    { page: 'lists', path: `/api/quotes?speaker=${e(speaker)}&limit=50` },
    { page: 'lists', path: '/api/claims?unit=troops&limit=50' },
    { page: 'lists', path: '/api/conflicts?limit=50' },
    { page: 'lists', path: `/api/timeline?story=${storyId}` },
  ];
}

interface Measured extends Endpoint {
  requests: number;
  errors: number;
  medianMs: number;
  p95Ms: number;
  rps: number;
}

const round = (ms: number) => Math.round(ms * 10) / 10;
const quantile = (sorted: readonly number[], q: number) =>
  sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number) : Number.NaN;

async function measure(base: string, endpoint: Endpoint, duration: number, connections: number): Promise<Measured> {
  const times: number[] = [];
  let errors = 0;
  const instance = autocannon({ url: new URL(endpoint.path, base).href, duration, connections });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (status === 200) times.push(ms);
    else errors++;
  });
  const result = await instance;
  times.sort((a, b) => a - b);
  return {
    ...endpoint,
    requests: times.length + errors,
    errors: errors + result.errors + result.timeouts,
    medianMs: round(quantile(times, 0.5)),
    p95Ms: round(quantile(times, 0.95)),
    rps: Math.round(result.requests.average),
  };
}

/** Median time (ms) from navigation to the story title shown, over 3 loads; null without a browser or UI. */
async function storyPageRenderMs(base: string, storyId: string, title: string): Promise<number | null> {
  if (!existsSync(path.join(UI_DIR, 'index.html')) || !existsSync(CHROMIUM)) return null;
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    return null;
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    // The page's CSP forbids eval; the test harness's own probes need it.
    const context = await browser.newContext({ bypassCSP: true });
    const runs: number[] = [];
    for (let i = 0; i < 4; i++) {
      const page = await context.newPage();
      await page.goto(`${base}#/story/${encodeURIComponent(storyId)}`, { waitUntil: 'commit' });
      await page.waitForFunction(
        (t) =>
          (globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText.includes(t),
        title.slice(0, 40),
        { timeout: 30_000 },
      );
      const ms = await page.evaluate(() => performance.now());
      // The first load warms the HTTP cache and the server; it is not counted.
      if (i > 0) runs.push(ms);
      await page.close();
    }
    runs.sort((a, b) => a - b);
    return Math.round(quantile(runs, 0.5));
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  if (process.argv.includes('--serve')) return serveChild(arg('db', ''));
  const wanted = Number(arg('articles', '100000'));
  const duration = Number(arg('duration', '5'));
  const connections = Number(arg('connections', '1'));
  const variants = Number(arg('entity-variants', '10'));
  const given = arg('db', '');
  const work = mkdtempSync(path.join(tmpdir(), 'storyline-bench-api-'));
  const file = given || path.join(work, 'bench.db');
  let server: { url: string; child: ChildProcess } | undefined;
  try {
    let articles: number;
    if (given && existsSync(given)) {
      const store = await openStore(given);
      articles = await countArticles(store.db);
      await store.close();
      process.stderr.write(`reusing ${given}: ${articles} articles\n`);
    } else {
      const g0 = performance.now();
      articles = await generate(file, wanted, variants);
      process.stderr.write(`generated ${articles} articles in ${((performance.now() - g0) / 1000).toFixed(1)}s\n`);
    }
    const list = await endpoints(file);
    server = await startServer(file);
    const results: Measured[] = [];
    for (const endpoint of list) {
      const m = await measure(server.url, endpoint, duration, connections);
      process.stderr.write(`  ${endpoint.path}: median ${m.medianMs} ms, p95 ${m.p95Ms} ms\n`);
      results.push(m);
    }
    const story = (await (await fetch(new URL(list[3]?.path as string, server.url))).json()) as {
      story: { storyId: string; title: string };
    };
    const renderMs = await storyPageRenderMs(server.url, story.story.storyId, story.story.title);

    const table = [
      `| page | API call | median ms | p95 ms | req/s | errors |`,
      '|---|---|---|---|---|---|',
      ...results.map(
        (r) =>
          `| ${r.page} | \`${r.path.replace(/\|/g, '\\|')}\` | ${r.medianMs} | ${r.p95Ms} | ${r.rps} | ${r.errors} |`,
      ),
      `| story | page rendered in headless Chromium | ${renderMs ?? 'n/a'} | | | |`,
    ].join('\n');
    process.stdout.write(`\n${table}\n\n`);
    const figures = {
      articles,
      medianMs: Math.max(...results.map((r) => r.medianMs)),
      p95Ms: Math.max(...results.map((r) => r.p95Ms)),
      storyPageRenderMs: renderMs,
    };
    const flags = [
      wanted === 100000 ? '' : ` --articles ${wanted}`,
      duration === 5 ? '' : ` --duration ${duration}`,
      connections === 1 ? '' : ` --connections ${connections}`,
    ].join('');
    writeResults(`npm run bench:api${flags ? ` --${flags}` : ''}`, articles, connections, duration, table);
    if (results.some((r) => r.errors > 0)) process.exitCode = 1;
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    server?.child.kill('SIGTERM');
    if (!given) rmSync(work, { recursive: true, force: true });
  }
}

/** Replace the API section of docs/benchmarks.md with this run's figures. */
function writeResults(command: string, articles: number, connections: number, duration: number, table: string): void {
  const body = [
    `${articles} articles; each API call under autocannon for ${duration} s over ${connections} connection${connections === 1 ? '' : 's'} (server in its own process). The story page time is from navigation to the story shown, median of 3 warm loads.`,
    '',
    table,
  ].join('\n');
  writeBenchSection('api', 'HTTP API (`serve`)', command, body);
}

await main();
