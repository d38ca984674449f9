import type { Command } from 'commander';
import { runWorker } from '../../queue/worker.js';
import { dbLocation, UsageError, withStore } from '../io.js';

export function registerWorker(program: Command, setExit: (code: number) => void): void {
  program
    .command('worker')
    .description('Claim jobs from the work queue of a PostgreSQL store and analyze them (run any number, anywhere)')
    .option('--db <url>', 'PostgreSQL store, postgres://… (default: $STORYLINE_DB)')
    .option('--concurrency <n>', 'jobs worked on at once, one thread each (default 1)')
    .option('--lease <seconds>', 'a claimed job returns to the queue this long after its worker stops (default 60)')
    .option('--max-attempts <n>', 'attempts before a job is marked failed (default 3)')
    .option('--batch-size <n>', 'articles per store transaction (default 200)')
    .option(
      '--jobs-per-claim <n>',
      'most jobs claimed and analyzed together; fewer as the queue runs short (default 10)',
    )
    .option('--exit-when-done', 'stop once the queue is empty and the stories are up to date')
    .option('--quiet', 'print only the final counts')
    .action(
      async (opts: {
        db?: string;
        concurrency?: string;
        lease?: string;
        maxAttempts?: string;
        batchSize?: string;
        jobsPerClaim?: string;
        exitWhenDone?: boolean;
        quiet?: boolean;
      }) => {
        const location = dbLocation(opts.db);
        if (!/^postgres(ql)?:\/\//i.test(location)) {
          throw new UsageError(`Workers need PostgreSQL: pass --db postgres://… (got \`${location}\`)`);
        }
        const concurrency = positive('--concurrency', opts.concurrency) ?? 1;
        const controller = new AbortController();
        // First Ctrl-C / SIGTERM: finish the jobs in hand and stop; a second one kills.
        const stop = () => {
          if (controller.signal.aborted) process.exit(130);
          process.stderr.write('storyline worker: stopping after the current job(s)…\n');
          controller.abort();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        try {
          // A connection per job in flight, one for lease renewals and one for the corpus lock.
          await withStore(
            location,
            async (store) => {
              const report = await runWorker(store, {
                concurrency,
                ...optional('leaseSeconds', positive('--lease', opts.lease)),
                ...optional('maxAttempts', positive('--max-attempts', opts.maxAttempts)),
                ...optional('batchSize', positive('--batch-size', opts.batchSize)),
                ...optional('jobsPerClaim', positive('--jobs-per-claim', opts.jobsPerClaim)),
                ...(opts.exitWhenDone ? { exitWhenDone: true } : {}),
                signal: controller.signal,
                ...(opts.quiet ? {} : { log: (line: string) => process.stderr.write(`${line}\n`) }),
              });
              process.stdout.write(
                `Worker done: ${report.jobsDone} job(s), ${report.articlesStored} article(s) stored, ` +
                  `${report.jobsFailed} failed attempt(s), ${report.corpusUpdates} corpus update(s).\n`,
              );
              if (report.jobsFailed > 0) setExit(1);
            },
            // Asynchronous commit is safe for workers: WAL keeps commits in order, so a server
            // crash loses only the last ones, and every step of a job is redone idempotently
            // (articles by content hash, the job through its lease).
            { maxConnections: concurrency * 2 + 2, synchronousCommit: false },
          );
        } finally {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
        }
      },
    );
}

function positive(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`Unexpected ${flag} \`${value}\`, expected a positive integer`);
  return n;
}

const optional = <K extends string>(key: K, value: number | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, number>>;
