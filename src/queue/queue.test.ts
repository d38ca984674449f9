/**
 * The work queue against a real PostgreSQL (`STORYLINE_TEST_PG`; see test/helpers/stores.ts):
 * enqueue is idempotent, workers run as child processes, one is killed mid-job, another loses
 * its database connections mid-run, and every article still ends stored exactly once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { dropTestDatabasesAfterAll, testDialects } from '../../test/helpers/stores.js';
import { analyze } from '../pipeline/analyze.js';
import { openStore, type Store } from '../store/open.js';
import { enqueueSources } from './enqueue.js';
import { claimJob, claimJobs, completeJobs, enqueue, queueCounts, renewLeases } from './jobs.js';

const postgres = testDialects().find((d) => d.name === 'postgres');
const it = postgres && !postgres.skip ? test : test.skip;
dropTestDatabasesAfterAll();

const TOWNS = ['Brenmouth', 'Aldmere', 'Tervik', 'Ostrava Vale', 'Kellford', 'Marrowgate', 'Lindholt', 'Quarrybank'];
const OFFICIALS = ['Mayor Ilse Varga', 'Fire chief Tomas Rell', 'Minister Agata Sorn', 'Councillor Piet Anders'];

/** A fictional local-news article, different for every `n`. */
function article(n: number): { title: string; text: string; published: string; site: string } {
  const town = TOWNS[n % TOWNS.length] as string;
  const official = OFFICIALS[n % OFFICIALS.length] as string;
  const day = String((n % 27) + 1).padStart(2, '0');
  return {
    title: `${town} council approves plan ${n} for the old river quarter`,
    site: n % 2 ? 'Northgate Herald' : 'Valdoria Today',
    published: `2026-04-${day}`,
    text: [
      `The council of ${town} on Tuesday approved plan number ${n} to rebuild the old river quarter, after a debate that lasted ${3 + (n % 5)} hours.`,
      `${official} said the work would cost about ${12 + n} million crowns and create ${40 + n * 3} jobs.`,
      `"We have waited ${n + 2} years for this decision," ${official.split(' ').at(-1)} told reporters outside the town hall.`,
      `Residents of ${town} were divided: ${100 + n} of them signed a petition against the plan last month.`,
      `Construction is expected to begin in ${['May', 'June', 'July', 'August'][n % 4]}, the council said.`,
    ].join(' '),
  };
}

/** `count` articles in one JSON Lines file plus `singles` one-article text files, in a new folder. */
function writeCorpus(count: number, singles: number): { dir: string; files: string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'storyline-queue-'));
  const lines = Array.from({ length: count }, (_, i) => JSON.stringify(article(i)));
  writeFileSync(path.join(dir, 'batch.jsonl'), `${lines.join('\n')}\n`);
  const files = [path.join(dir, 'batch.jsonl')];
  for (let i = 0; i < singles; i++) {
    const a = article(1000 + i);
    const file = path.join(dir, `single-${i}.txt`);
    writeFileSync(file, `${a.title}\n\n${a.text}\n`);
    files.push(file);
  }
  return { dir, files };
}

/** Article ids and mention counts, as stored. */
async function storedArticles(store: Store): Promise<Map<string, number>> {
  const rows = await store.db
    .selectFrom('articles as a')
    .leftJoin('mentions as m', 'm.article_id', 'a.id')
    .select((eb) => ['a.id', eb.fn.count<number>('m.id').as('n')])
    .groupBy('a.id')
    .execute();
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

/** What one SQLite process stores from the same files: the expected end state. */
async function reference(files: string[]): Promise<Map<string, number>> {
  const store = await openStore(path.join(mkdtempSync(path.join(tmpdir(), 'storyline-ref-')), 'ref.db'));
  try {
    await analyze(store, files, { concurrency: 1 });
    return await storedArticles(store);
  } finally {
    await store.close();
  }
}

const ROOT = path.resolve(import.meta.dirname, '../..');

function startWorker(url: string, ...args: string[]): ChildProcess & { output: () => string } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'test/helpers/cli-entry.ts'), 'worker', '--db', url, ...args],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: '' } },
  );
  let output = '';
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  return Object.assign(child, { output: () => output });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

/** Poll `check`; generous timeout: worker start-up (models, tsx) is slow on a busy machine. */
async function waitFor(what: string, check: () => Promise<boolean>, output: () => string): Promise<void> {
  const end = Date.now() + 240_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}; worker output:\n${output()}`);
    await sleep(50);
  }
}

describe('work queue (postgres)', () => {
  it('enqueuing the same sources twice, or from two processes at once, adds each job once', async () => {
    const url = await (postgres as NonNullable<typeof postgres>).fresh('enqueue');
    const [store, other] = [await openStore(url), await openStore(url)];
    try {
      const { dir, files } = writeCorpus(2, 3);
      const [a, b] = await Promise.all([enqueueSources(store, [dir]), enqueueSources(other, [dir, ...files])]);
      expect([...a.added, ...b.added].sort()).toEqual([...files].sort());
      expect(a.added.length + a.pending.length).toBe(4);
      const again = await enqueueSources(store, [dir, path.join(dir, 'missing.txt')]);
      expect(again.added).toEqual([]);
      expect(again.pending.sort()).toEqual([...files].sort());
      expect(again.failures.map((f) => f.origin)).toEqual([path.join(dir, 'missing.txt')]);
      expect(await queueCounts(store.db)).toEqual({ queued: 4, running: 0, done: 0, failed: 0 });
      // Claimed jobs are distinct, and a source being worked on is still not enqueued twice.
      const claims = await Promise.all([1, 2, 3].map((i) => claimJob(store.db, `w${i}`, 60, 3)));
      expect(new Set(claims.map((c) => c?.id)).size).toBe(3);
      expect((await enqueue(store.db, [claims[0]?.source as string])).added).toEqual([]);
    } finally {
      await store.close();
      await other.close();
    }
  });

  it('claims several jobs per statement, fewer as the queue runs short, and a job whose lease expired alone', async () => {
    const url = await (postgres as NonNullable<typeof postgres>).fresh('claims');
    const store = await openStore(url);
    try {
      const sources = Array.from({ length: 200 }, (_, i) => `/feeds/desk-${String(i).padStart(3, '0')}.txt`);
      await enqueue(store.db, sources);
      // Two workers claiming at once get full, disjoint batches, oldest first.
      const [a, b] = await Promise.all([claimJobs(store.db, 'a', 60, 3, 10), claimJobs(store.db, 'b', 60, 3, 10)]);
      expect(a).toHaveLength(10);
      expect(b).toHaveLength(10);
      const ids = [...(a ?? []), ...(b ?? [])].map((j) => j.id);
      expect(new Set(ids).size).toBe(20);
      expect(Math.max(...ids)).toBe(20);
      expect((await renewLeases(store.db, a, 'a', 60)).size).toBe(10);
      expect((await renewLeases(store.db, a, 'b', 60)).size).toBe(0); // not b's jobs
      expect((await completeJobs(store.db, a, 'a', 0)).size).toBe(10);
      expect((await completeJobs(store.db, b, 'a', 0)).size).toBe(0); // b's jobs are not a's to complete
      // Near the end of the queue the batches shrink, so the workers finish together.
      await store.db
        .updateTable('jobs')
        .set({ state: 'done' })
        .where('id', '<=', 180)
        .where('state', '=', 'queued')
        .execute();
      const sizes: number[] = [];
      for (;;) {
        const claimed = await claimJobs(store.db, 'a', 60, 3, 10);
        if (claimed.length === 0) break;
        sizes.push(claimed.length);
      }
      expect(sizes.reduce((x, y) => x + y, 0)).toBe(20);
      expect(sizes[0]).toBeLessThan(10);
      expect(sizes.at(-1)).toBe(1);
      // b "died" holding its jobs: once their leases run out they come back one at a time.
      await store.db
        .updateTable('jobs')
        .set({ lease_until: sql`now() - interval '1 second'` })
        .where('worker', '=', 'b')
        .execute();
      const retried = await claimJobs(store.db, 'c', 60, 3, 10);
      expect(retried.map((j) => [j.id, j.attempts])).toEqual([[(b[0] as { id: number }).id, 2]]);
    } finally {
      await store.close();
    }
  });

  it('a worker killed mid-job loses nothing: its job returns after the lease and every article is stored once', async () => {
    const url = await (postgres as NonNullable<typeof postgres>).fresh('killed');
    const { dir, files } = writeCorpus(80, 6);
    const expected = await reference(files);
    const store = await openStore(url);
    try {
      await enqueueSources(store, [dir]);
      const doomed = startWorker(url, '--batch-size', '5', '--lease', '3');
      // Kill it while the 80-article file is half stored (several batches committed, more to come).
      await waitFor(
        'the first batches of the big job',
        async () => (await storedArticles(store)).size >= 10,
        doomed.output,
      );
      doomed.kill('SIGKILL');
      await exited(doomed);
      const atKill = (await storedArticles(store)).size;
      expect(atKill).toBeLessThan(expected.size);
      expect((await queueCounts(store.db)).running).toBeGreaterThan(0);

      const rescuer = startWorker(url, '--batch-size', '5', '--lease', '3', '--exit-when-done');
      expect(await exited(rescuer)).toBe(0);
      expect(await storedArticles(store)).toEqual(expected);
      expect(await queueCounts(store.db)).toEqual({ queued: 0, running: 0, done: 7, failed: 0 });
      const retried = await store.db
        .selectFrom('jobs')
        .select(['source', 'attempts'])
        .where('attempts', '>', 1)
        .execute();
      expect(retried.map((j) => path.basename(j.source))).toEqual(['batch.jsonl']);
      // The corpus covers every article: each is in exactly one story.
      const members = await store.db.selectFrom('story_members').select('article_id').execute();
      expect(members.map((m) => m.article_id).sort()).toEqual([...expected.keys()].sort());
    } finally {
      await store.close();
    }
  }, 600_000);

  it('two workers that lose their database connections mid-run back off, reconnect and finish without duplicates', async () => {
    const url = await (postgres as NonNullable<typeof postgres>).fresh('lost');
    const { dir, files } = writeCorpus(40, 8);
    const expected = await reference(files);
    const store = await openStore(url);
    try {
      await enqueueSources(store, [dir]);
      const workers = [1, 2].map(() => startWorker(url, '--batch-size', '5', '--lease', '3', '--exit-when-done'));
      await waitFor(
        'some articles stored',
        async () => (await storedArticles(store)).size >= 5,
        () => workers.map((w) => w.output()).join('\n'),
      );
      // Cut every connection the workers hold, as a server restart or network loss would.
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const { rowCount } = await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      await admin.end();
      expect(rowCount).toBeGreaterThan(0);
      const codes = await Promise.all(workers.map(exited));
      const output = workers.map((w) => w.output()).join('\n');
      expect(codes, output).toEqual([0, 0]);
      expect(output).toMatch(/database unreachable|lost an idle connection/);
      expect(await storedArticles(store)).toEqual(expected);
      expect((await queueCounts(store.db)).done).toBe(files.length);
    } finally {
      await store.close();
    }
  }, 600_000);
});
