import { writeFile } from 'node:fs/promises';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { formatDiagnostic } from '../../core/diagnostic.js';
import { analyze } from '../../pipeline/analyze.js';
import { DEFAULT_MAX_BYTES } from '../../stages/ingest/index.js';
import { buildExport } from '../../views/export.js';
import { formatStories } from '../../views/summary.js';
import { FETCH_HELP, type FetchFlags, fetchOptionsFrom } from '../fetch-options.js';
import { dbLocation, UsageError, withStore } from '../io.js';
import { DEFAULT_HOST, DEFAULT_PORT, runServe } from './serve.js';

/** Above this many inputs, a TTY gets a progress bar. */
const PROGRESS_MIN_INPUTS = 36;

export function registerAnalyze(program: Command, setExit: (code: number) => void): void {
  program
    .command('analyze')
    .description('Ingest, extract, annotate and store articles, then build stories and print them')
    .argument(
      '<inputs...>',
      'files, directories (read recursively), glob patterns, URLs: articles (.txt .html), .json, .jsonl, RSS/Atom feeds, WARC, URL lists, sitemaps (docs/sources.md)',
    )
    .option('--db <store>', 'SQLite file or postgres:// URL (default: $STORYLINE_DB or storyline.db)')
    .option('--json <file>', 'also write the JSON export (schemaVersion 1) to this file')
    .option('--max-bytes <n>', `largest input file in bytes (default ${DEFAULT_MAX_BYTES})`)
    .option('--jobs <n>', 'worker threads for extract and annotate (default: one per core; 1 = no workers)')
    .option('--limit <n>', 'print at most this many stories')
    .option('--quiet', 'print only the counts, not the stories')
    .option(
      '--corpus-only',
      'extract and store the articles without per-article annotation (no entities, quotes, claims, times; one thread, --jobs is ignored), then find copies and stories over every stored article with the online stream (the path bench:scale measures) and compare what annotated articles the store already holds. Articles stored this way stay unannotated: analysing the same inputs again without the flag skips them as unchanged, so use a fresh --db for full annotation',
    )
    .option('--serve', 'then serve the web UI on this store when run in a terminal (as `storyline serve`)')
    .option('--offline', FETCH_HELP.offline)
    .option('--delay <ms>', FETCH_HELP.delay)
    .option('--per-host <n>', FETCH_HELP.perHost)
    .option('--timeout <seconds>', FETCH_HELP.timeout)
    .action(
      async (
        inputs: string[],
        opts: {
          db?: string;
          json?: string;
          maxBytes?: string;
          jobs?: string;
          limit?: string;
          quiet?: boolean;
          serve?: boolean;
          corpusOnly?: boolean;
        } & FetchFlags,
      ) => {
        const fetch = fetchOptionsFrom(opts);
        const maxBytes = positiveInteger('--max-bytes', opts.maxBytes);
        const limit = positiveInteger('--limit', opts.limit);
        const jobs = positiveInteger('--jobs', opts.jobs);
        await withStore(dbLocation(opts.db), async (store) => {
          let bar: SingleBar | undefined;
          const started = performance.now();
          const report = await analyze(store, inputs, {
            ...(maxBytes ? { maxBytes } : {}),
            ...(jobs ? { concurrency: jobs } : {}),
            fetch,
            ...(opts.offline ? { offline: true } : {}),
            ...(opts.corpusOnly ? { corpusOnly: true } : {}),
            onInputs: (count) => {
              if (process.stderr.isTTY && count > PROGRESS_MIN_INPUTS) {
                bar = new SingleBar({ stream: process.stderr, format: 'analyze [{bar}] {value}/{total} {duration}s' });
                bar.start(count, 0);
              }
            },
            onProgress: (done) => {
              // JSONL files and feeds hold several documents: the total grows as they are read.
              if (bar && done > bar.getTotal()) bar.setTotal(done);
              bar?.update(done);
            },
          });
          bar?.stop();
          const seconds = (performance.now() - started) / 1000;
          for (const f of report.failures)
            process.stderr.write(`failed: ${formatDiagnostic(f.origin, f.diagnostic)}\n`);
          const doc = await buildExport(store);
          if (opts.json) await writeFile(opts.json, `${JSON.stringify(doc, null, 2)}\n`);
          const out: string[] = [
            `Analysed ${report.inputs} inputs in ${seconds.toFixed(1)}s: ${report.stored.length} stored, ${report.unchanged.length} unchanged, ${report.failures.length} failed.`,
            `Store ${store.location}: ${report.articlesInStore} articles, ${doc.stories.length} stories, ${doc.duplicates.length} copies, ${doc.conflicts.length} conflicts.`,
            '',
          ];
          if (!opts.quiet) out.push(formatStories(doc, limit ? { limit } : {}));
          process.stdout.write(`${out.join('\n')}\n`);
          if (report.failures.length > 0) setExit(1);
        });
        if (opts.serve) await serveAfterAnalyze(dbLocation(opts.db), setExit);
      },
    );
}

/**
 * `--serve`: a person at a terminal gets the web UI on the store just analysed; scripts and CI
 * (no terminal, or `CI` set) get a hint instead, so the command still ends.
 */
async function serveAfterAnalyze(db: string, setExit: (code: number) => void): Promise<void> {
  if (!process.stdout.isTTY || process.env.CI) {
    process.stdout.write(`Browse the stories in the web UI: npx storyline serve --db ${db}\n`);
    return;
  }
  await runServe({ db, host: DEFAULT_HOST, port: String(DEFAULT_PORT) }, setExit);
}

function positiveInteger(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new UsageError(`Unexpected \`${flag} ${value}\`, expected a positive integer`);
  return n;
}
