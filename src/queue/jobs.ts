/**
 * The job queue in the store's `jobs` table (PostgreSQL). A job is one source to analyze. Workers
 * claim jobs with `FOR UPDATE SKIP LOCKED`, so any number of them on any number of machines take
 * distinct jobs without waiting on each other; a claim is a lease that the worker renews while
 * it works. A job whose lease ran out (its worker died or lost the database) is claimable again.
 * All times are the database server's clock, so machines with skewed clocks agree on leases.
 */
import { type Kysely, sql } from 'kysely';
import type { Database, JobsTable } from '../store/schema.js';

type Db = Kysely<Database>;

export interface Job {
  id: number;
  source: string;
  /** 1 on the first claim; higher when an earlier attempt failed or its worker died. */
  attempts: number;
}

export interface EnqueueResult {
  /** Sources added as new jobs. */
  added: string[];
  /** Sources already waiting or running (enqueuing them again does not duplicate work). */
  pending: string[];
}

/**
 * Add one job per source. A source that is already queued or running is not added again (a
 * partial unique index decides, so two processes enqueuing the same source at once add it once);
 * one that is done may be enqueued again (re-analysis skips what is stored).
 */
export async function enqueue(db: Db, sources: readonly string[]): Promise<EnqueueResult> {
  const result: EnqueueResult = { added: [], pending: [] };
  const unique = [...new Set(sources)];
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    const rows = await db
      .insertInto('jobs')
      .values(chunk.map((source) => ({ source, state: 'queued' as const, attempts: 0, enqueued_at: sql`now()` })))
      .onConflict((oc) => oc.column('source').where(sql<boolean>`state IN ('queued', 'running')`).doNothing())
      .returning('source')
      .execute();
    const added = new Set(rows.map((r) => r.source));
    for (const source of chunk) (added.has(source) ? result.added : result.pending).push(source);
  }
  return result;
}

/**
 * Claim one job for `worker` with a lease of `leaseSeconds`, or null when there is none:
 * a running job whose lease expired first, else the oldest queued one (see {@link claimJobs}). Jobs that already used
 * `maxAttempts` are marked failed instead of being handed out again.
 */
export async function claimJob(db: Db, worker: string, leaseSeconds: number, maxAttempts: number): Promise<Job | null> {
  return (await claimJobs(db, worker, leaseSeconds, maxAttempts, 1))[0] ?? null;
}

/**
 * Claim up to `limit` of the oldest queued jobs in one statement (one round trip, however many).
 * Fewer when the queue runs short: at most a quarter of the queued jobs divided among the workers
 * holding jobs now (and this one), so that near the end every worker still has work and none is
 * left with a long batch while the others idle. A job whose lease expired (its worker died,
 * maybe because of that very job) is claimed alone, so a job that crashes workers fails by itself
 * instead of taking a batch of other jobs down with it. Jobs that already used `maxAttempts` are
 * marked failed instead of being handed out again.
 */
export async function claimJobs(
  db: Db,
  worker: string,
  leaseSeconds: number,
  maxAttempts: number,
  limit: number,
): Promise<Job[]> {
  const lease = `${Math.max(1, Math.round(leaseSeconds))} seconds`;
  const most = Math.max(1, Math.floor(limit));
  const { rows } = await sql<Pick<JobsTable, 'source' | 'attempts'> & { id: number }>`
    WITH expired AS (
      UPDATE jobs SET state = 'failed', finished_at = now(),
        error = coalesce(error, 'lease expired ' || attempts || ' times (worker stopped or lost the database)')
      WHERE state = 'running' AND lease_until < now() AND attempts >= ${maxAttempts}
      RETURNING id
    ), retry AS (
      SELECT id FROM jobs
      WHERE state = 'running' AND lease_until < now() AND attempts < ${maxAttempts}
      ORDER BY id LIMIT 1
      FOR UPDATE SKIP LOCKED
    ), share AS (
      SELECT greatest(1, least(${most},
        (SELECT count(*) FROM (SELECT 1 FROM jobs WHERE state = 'queued' LIMIT ${most * 4 * 64}) AS q) /
        (4 * (1 + (SELECT count(DISTINCT worker) FROM jobs
          WHERE state = 'running' AND lease_until >= now() AND worker <> ${worker})))
      )) AS n
    ), fresh AS (
      SELECT id FROM jobs
      WHERE state = 'queued'
      ORDER BY id LIMIT (SELECT n FROM share)
      FOR UPDATE SKIP LOCKED
    )
    UPDATE jobs SET state = 'running', attempts = attempts + 1, worker = ${worker},
      lease_until = now() + CAST(${lease} AS interval)
    WHERE id IN (SELECT id FROM retry UNION ALL SELECT id FROM fresh WHERE NOT EXISTS (SELECT 1 FROM retry))
    RETURNING id, source, attempts`.execute(db);
  return rows.map((r) => ({ id: r.id, source: r.source, attempts: r.attempts })).sort((a, b) => a.id - b.id);
}

/**
 * Extend the leases of jobs this worker holds, in one statement. Returns the ids still held: a
 * job missing from it is no longer this worker's (its lease ran out and another worker claimed
 * it), and the caller should not complete it.
 */
export async function renewLeases(
  db: Db,
  jobs: readonly Job[],
  worker: string,
  leaseSeconds: number,
): Promise<Set<number>> {
  if (jobs.length === 0) return new Set();
  const lease = `${Math.max(1, Math.round(leaseSeconds))} seconds`;
  const rows = await db
    .updateTable('jobs')
    .set({ lease_until: sql`now() + CAST(${lease} AS interval)` })
    .where(
      'id',
      'in',
      jobs.map((j) => j.id),
    )
    .where('worker', '=', worker)
    .where('state', '=', 'running')
    .returning('id')
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Extend the lease of one job; false when it is no longer this worker's (see {@link renewLeases}). */
export async function renewLease(db: Db, job: Job, worker: string, leaseSeconds: number): Promise<boolean> {
  return (await renewLeases(db, [job], worker, leaseSeconds)).has(job.id);
}

/** Mark jobs done in one statement (only those this worker still holds); returns the ids marked. */
export async function completeJobs(db: Db, jobs: readonly Job[], worker: string, runId: number): Promise<Set<number>> {
  if (jobs.length === 0) return new Set();
  const rows = await db
    .updateTable('jobs')
    .set({ state: 'done', finished_at: sql`now()`, lease_until: null, run_id: runId, error: null })
    .where(
      'id',
      'in',
      jobs.map((j) => j.id),
    )
    .where('worker', '=', worker)
    .where('state', '=', 'running')
    .returning('id')
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Mark a job done (only if this worker still holds it). */
export async function completeJob(db: Db, job: Job, worker: string, runId: number): Promise<boolean> {
  return (await completeJobs(db, [job], worker, runId)).has(job.id);
}

/** A job failed with `error`: back to the queue, or failed for good after `maxAttempts`. */
export async function failJob(db: Db, job: Job, worker: string, error: string, maxAttempts: number): Promise<void> {
  await db
    .updateTable('jobs')
    .set({
      state: job.attempts >= maxAttempts ? 'failed' : 'queued',
      finished_at: job.attempts >= maxAttempts ? sql`now()` : null,
      lease_until: null,
      error,
    })
    .where('id', '=', job.id)
    .where('worker', '=', worker)
    .where('state', '=', 'running')
    .execute();
}

export interface QueueCounts {
  queued: number;
  running: number;
  done: number;
  failed: number;
}

export async function queueCounts(db: Db): Promise<QueueCounts> {
  const rows = await db
    .selectFrom('jobs')
    .select((eb) => ['state', eb.fn.countAll<number>().as('n')])
    .groupBy('state')
    .execute();
  const counts: QueueCounts = { queued: 0, running: 0, done: 0, failed: 0 };
  for (const r of rows) counts[r.state] = Number(r.n);
  return counts;
}
