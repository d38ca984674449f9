/**
 * A queue worker: `concurrency` loops that each claim a few jobs at once, analyze their sources in
 * one run (articles are stored in batches, one transaction each, skipping content already
 * stored), and mark them done. Claiming several jobs per round trip matters on PostgreSQL: per
 * job, the statements of a run (claim, run record, transaction, completion…) cost the server
 * more CPU than storing the article itself, and on a small machine the server shares the cores
 * with the workers. When the queue is empty, a loop brings the corpus outputs up to date under
 * the store-wide lock.
 *
 * Why nothing is lost or stored twice: a job is leased, and the lease is renewed while the job
 * runs; a worker that dies stops renewing, so the job returns to the queue when the lease runs
 * out and another worker redoes it. Redoing is safe because articles are keyed by content hash:
 * what the dead worker committed is skipped, what it had not committed was rolled back.
 */
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { analyze } from '../pipeline/analyze.js';
import { createAnnotator } from '../pipeline/annotator.js';
import { updateCorpusIfBehind } from '../pipeline/corpus-update.js';
import { isConnectionError } from '../store/dialect.js';
import type { Store } from '../store/open.js';
import { bumpStoredGeneration } from '../store/repos/corpus-state.js';
import { claimJobs, completeJobs, failJob, type Job, queueCounts, renewLeases } from './jobs.js';

export interface WorkerOptions {
  /** Jobs worked on at once; extract + annotate get one thread each (default 1). */
  concurrency?: number;
  /** Seconds a claimed job stays this worker's without renewal (default 60). */
  leaseSeconds?: number;
  /** Attempts before a job is marked failed (default 3). */
  maxAttempts?: number;
  /** Milliseconds between polls of an empty queue (default 1000). */
  pollMs?: number;
  /**
   * Milliseconds an idle worker waits for other workers' running jobs before recomputing the
   * stories anyway (default 30 000).
   */
  corpusDelayMs?: number;
  /** Stop once no job is queued or running and the corpus is up to date (batch runs, tests). */
  exitWhenDone?: boolean;
  /**
   * Most jobs claimed and analyzed together (default 10): one run, one transaction and a few
   * statements for all of them instead of a dozen round trips each. Fewer are claimed as the
   * queue runs short (see `claimJobs`), so workers finish together.
   */
  jobsPerClaim?: number;
  /** Name in `jobs.worker` (default host:pid). */
  name?: string;
  /** Articles per store transaction (default 200). */
  batchSize?: number;
  /** Progress and problems, one line each. */
  log?: (line: string) => void;
  /** Stop gracefully: loops finish their current job and return. */
  signal?: AbortSignal;
}

export interface WorkerReport {
  jobsDone: number;
  jobsFailed: number;
  articlesStored: number;
  corpusUpdates: number;
}

/** Longest pause between attempts while the database is unreachable. */
const MAX_BACKOFF_MS = 30_000;

export async function runWorker(store: Store, options: WorkerOptions = {}): Promise<WorkerReport> {
  if (store.capabilities.dialect !== 'postgres') {
    throw new TypeError(`Unexpected store \`${store.location}\`: workers need PostgreSQL (--db postgres://…)`);
  }
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const lease = options.leaseSeconds ?? 60;
  const maxAttempts = options.maxAttempts ?? 3;
  const pollMs = options.pollMs ?? 1000;
  const corpusDelayMs = options.corpusDelayMs ?? 30_000;
  const jobsPerClaim = Math.max(1, options.jobsPerClaim ?? 10);
  const name = options.name ?? `${hostname()}:${process.pid}`;
  const log = options.log ?? (() => {});
  const report: WorkerReport = { jobsDone: 0, jobsFailed: 0, articlesStored: 0, corpusUpdates: 0 };
  const annotator = createAnnotator({ concurrency });
  let backoff = 0;

  /** Run `step`; on a lost database wait (exponential backoff) and return undefined. */
  const guarded = async <T>(what: string, step: () => Promise<T>): Promise<T | undefined> => {
    try {
      const value = await step();
      backoff = 0;
      return value;
    } catch (error) {
      if (!isConnectionError(error)) throw error;
      backoff = Math.min(MAX_BACKOFF_MS, backoff ? backoff * 2 : 500);
      log(`${what}: database unreachable (${(error as Error).message}); retrying in ${backoff} ms`);
      await sleep(backoff);
      return undefined;
    }
  };

  /**
   * Analyze the sources of `jobs` in one run (one store transaction per `batchSize` articles, a
   * few statements for the run itself), then mark them done together. A batch that throws is
   * split: each job is redone on its own, so only the job at fault is failed (what the batch
   * stored is skipped by content hash).
   */
  const work = async (jobs: Job[]): Promise<void> => {
    const names = jobs.map((j) => `job ${j.id}${j.attempts > 1 ? ` (attempt ${j.attempts})` : ''}`).join(', ');
    for (const job of jobs) log(`job ${job.id} (attempt ${job.attempts}): ${job.source}`);
    const lost = new Set<number>();
    const renew = setInterval(
      () => {
        renewLeases(store.db, jobs, name, lease).then(
          (held) => {
            for (const job of jobs) if (!held.has(job.id)) lost.add(job.id);
          },
          () => {}, // a failed renewal is retried at the next tick; the lease covers two misses
        );
      },
      Math.max(250, (lease * 1000) / 3),
    );
    try {
      const sources = jobs.map((j) => j.source);
      const result = await analyze(store, sources, { annotator, corpus: false, ...batch(options) });
      for (const job of jobs) {
        if (lost.has(job.id))
          log(`job ${job.id}: lease lost to another worker; its results stand, nothing is stored twice`);
      }
      const held = jobs.filter((j) => !lost.has(j.id));
      // A retried job may have stored articles in an attempt that died before finishing.
      if (result.stored.length > 0 || jobs.some((j) => j.attempts > 1)) await bumpStoredGeneration(store.db);
      const completed = await completeJobs(store.db, held, name, result.runId);
      report.jobsDone += completed.size;
      report.articlesStored += result.stored.length;
      const failures = result.failures.length ? `, ${result.failures.length} failed` : '';
      log(`${names} done: ${result.stored.length} stored, ${result.unchanged.length} unchanged${failures}`);
    } catch (error) {
      if (isConnectionError(error)) throw error; // the leases will expire and the jobs return
      const message = (error as Error).message ?? String(error);
      if (jobs.length > 1) {
        // The batch's renewals go on while its jobs are redone one by one.
        log(`${names}: ${message}; redoing each job on its own`);
        for (const job of jobs) await work([job]);
        return;
      }
      const [job] = jobs as [Job];
      await failJob(store.db, job, name, message, maxAttempts);
      report.jobsFailed++;
      log(`job ${job.id} failed (attempt ${job.attempts} of ${maxAttempts}): ${message}`);
    } finally {
      clearInterval(renew);
    }
  };

  const loop = async (): Promise<void> => {
    /** When this loop found the queue empty while other jobs were still running. */
    let idleSince: number | null = null;
    const pause = () => sleep(pollMs, undefined, options.signal ? { signal: options.signal } : {}).catch(() => {});
    while (!options.signal?.aborted) {
      const jobs = await guarded('claim', () => claimJobs(store.db, name, lease, maxAttempts, jobsPerClaim));
      if (jobs === undefined) continue;
      if (jobs.length > 0) {
        idleSince = null;
        await guarded(jobs.length > 1 ? `jobs ${jobs[0]?.id}…` : `job ${jobs[0]?.id}`, () => work(jobs));
        continue;
      }
      const counts = await guarded('queue', () => queueCounts(store.db));
      if (!counts || counts.queued > 0) continue; // jobs arrived since the claim: take one
      // While other jobs run, their workers will recompute the stories when they finish: wait
      // (up to `corpusDelayMs`, so a steady stream of jobs still gets fresh stories) rather than
      // recompute now and again in a moment.
      if (counts.running > 0) {
        idleSince ??= Date.now();
        if (Date.now() - idleSince < corpusDelayMs) {
          await pause();
          continue;
        }
      }
      idleSince = null;
      const updated = await guarded('corpus', () => updateCorpusIfBehind(store));
      if (updated) {
        report.corpusUpdates++;
        log('corpus updated');
        continue;
      }
      if (options.exitWhenDone && updated === false && counts.queued === 0 && counts.running === 0) return;
      await pause();
    }
  };

  try {
    await Promise.all(Array.from({ length: concurrency }, loop));
  } finally {
    await annotator.close();
  }
  return report;
}

const batch = (options: WorkerOptions) => (options.batchSize !== undefined ? { batchSize: options.batchSize } : {});
