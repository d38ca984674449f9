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
 * Claim the oldest claimable job for `worker` with a lease of `leaseSeconds`, or null when there
 * is none. Claimable: queued, or running with an expired lease. Jobs that already used
 * `maxAttempts` are marked failed instead of being handed out again.
 */
export async function claimJob(db: Db, worker: string, leaseSeconds: number, maxAttempts: number): Promise<Job | null> {
  const lease = `${Math.max(1, Math.round(leaseSeconds))} seconds`;
  // A job whose worker died on every attempt (say, an input that crashes the process) stops here.
  await sql`UPDATE jobs SET state = 'failed', finished_at = now(),
      error = coalesce(error, 'lease expired ' || attempts || ' times (worker stopped or lost the database)')
    WHERE state = 'running' AND lease_until < now() AND attempts >= ${maxAttempts}`.execute(db);
  const { rows } = await sql<Pick<JobsTable, 'source' | 'attempts'> & { id: number }>`
    UPDATE jobs SET state = 'running', attempts = attempts + 1, worker = ${worker},
      lease_until = now() + CAST(${lease} AS interval)
    WHERE id = (
      SELECT id FROM jobs
      WHERE state = 'queued' OR (state = 'running' AND lease_until < now())
      ORDER BY id
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, source, attempts`.execute(db);
  const row = rows[0];
  return row ? { id: row.id, source: row.source, attempts: row.attempts } : null;
}

/**
 * Extend the lease of a job this worker holds; false when the job is no longer its own (the
 * lease ran out and another worker claimed it): the caller should stop working on it.
 */
export async function renewLease(db: Db, job: Job, worker: string, leaseSeconds: number): Promise<boolean> {
  const lease = `${Math.max(1, Math.round(leaseSeconds))} seconds`;
  const result = await db
    .updateTable('jobs')
    .set({ lease_until: sql`now() + CAST(${lease} AS interval)` })
    .where('id', '=', job.id)
    .where('worker', '=', worker)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Mark a job done (only if this worker still holds it). */
export async function completeJob(db: Db, job: Job, worker: string, runId: number): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ state: 'done', finished_at: sql`now()`, lease_until: null, run_id: runId, error: null })
    .where('id', '=', job.id)
    .where('worker', '=', worker)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
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
