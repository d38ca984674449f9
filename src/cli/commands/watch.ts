/**
 * `storyline watch <feed…> --every 10m`: poll feeds and ingest only what is new. Each poll is an
 * `analyze` run over the feeds with `newItemsOnly`: the feed itself is fetched with a conditional
 * request (a 304 means nothing to do), items already ingested from the feed are skipped without
 * a request, and new items go through the same pipeline into the same store. `--once` or
 * `--max-polls N` make it end (scripts, cron, tests); otherwise it runs until interrupted.
 */
import type { Command } from 'commander';
import { formatDiagnostic } from '../../core/diagnostic.js';
import { analyze } from '../../pipeline/analyze.js';
import { addFetchOptions, type FetchFlags, fetchOptionsFrom } from '../fetch-options.js';
import { dbLocation, UsageError, withStore } from '../io.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `10m`, `30s`, `1h`, `500ms` → milliseconds. */
export function parseInterval(value: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(value.trim());
  const ms = m ? Number(m[1]) * (UNITS[m[2] as string] as number) : Number.NaN;
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new UsageError(`Unexpected \`--every ${value}\`, expected a duration such as 30s, 10m or 1h`);
  }
  return Math.round(ms);
}

export function registerWatch(program: Command, setExit: (code: number) => void): void {
  const command = program
    .command('watch')
    .description('Poll RSS/Atom feeds (URLs or files) and analyse only the new items into the store')
    .argument('<feeds...>', 'feed URLs or feed files')
    .option('--db <store>', 'SQLite file or postgres:// URL (default: $STORYLINE_DB or storyline.db)')
    .option('--every <duration>', 'time between polls: 30s, 10m, 1h', '10m')
    .option('--once', 'poll once and exit (same as --max-polls 1)')
    .option('--max-polls <n>', 'exit after this many polls')
    .option('--jobs <n>', 'worker threads for extract and annotate (default: one per core; 1 = no workers)');
  addFetchOptions(command, false).action(
    async (
      feeds: string[],
      opts: { db?: string; every: string; once?: boolean; maxPolls?: string; jobs?: string } & FetchFlags,
    ) => {
      const every = parseInterval(opts.every);
      const maxPolls = opts.once ? 1 : opts.maxPolls === undefined ? Number.POSITIVE_INFINITY : Number(opts.maxPolls);
      if (!(maxPolls >= 1) || (Number.isFinite(maxPolls) && !Number.isInteger(maxPolls))) {
        throw new UsageError(`Unexpected \`--max-polls ${opts.maxPolls}\`, expected a positive integer`);
      }
      const jobs = opts.jobs === undefined ? undefined : Number(opts.jobs);
      if (jobs !== undefined && !(Number.isInteger(jobs) && jobs > 0)) {
        throw new UsageError(`Unexpected \`--jobs ${opts.jobs}\`, expected a positive integer`);
      }
      const fetch = fetchOptionsFrom(opts);
      // Ctrl-C ends the wait between polls; a poll in progress finishes (nothing half-stored).
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        await withStore(dbLocation(opts.db), async (store) => {
          for (let poll = 1; poll <= maxPolls && !stop.signal.aborted; poll++) {
            const report = await analyze(store, feeds, {
              fetch,
              newItemsOnly: true,
              ...(jobs ? { concurrency: jobs } : {}),
            });
            for (const f of report.failures) {
              process.stderr.write(`failed: ${formatDiagnostic(f.origin, f.diagnostic)}\n`);
            }
            if (report.failures.length > 0) setExit(1);
            process.stdout.write(
              `Poll ${poll} at ${new Date().toISOString()}: ${report.stored.length} new stored, ${report.unchanged.length} unchanged, ${report.failures.length} failed; ${report.articlesInStore} articles in ${store.location}.\n`,
            );
            if (poll < maxPolls) await wait(every, stop.signal);
          }
        });
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    },
  );
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
