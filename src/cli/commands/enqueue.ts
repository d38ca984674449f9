import type { Command } from 'commander';
import { formatDiagnostic } from '../../core/diagnostic.js';
import { enqueueSources } from '../../queue/enqueue.js';
import { dbLocation, UsageError, withStore } from '../io.js';

export function registerEnqueue(program: Command, setExit: (code: number) => void): void {
  program
    .command('enqueue')
    .description('Add sources to the work queue of a PostgreSQL store, for `storyline worker` processes')
    .argument('<sources...>', 'files, directories, globs (one job per file) and URLs (one job each)')
    .option('--db <url>', 'PostgreSQL store, postgres://… (default: $STORYLINE_DB)')
    .action(async (sources: string[], opts: { db?: string }) => {
      const location = dbLocation(opts.db);
      if (!/^postgres(ql)?:\/\//i.test(location)) {
        throw new UsageError(`The work queue needs PostgreSQL: pass --db postgres://… (got \`${location}\`)`);
      }
      await withStore(location, async (store) => {
        const report = await enqueueSources(store, sources);
        for (const f of report.failures) process.stderr.write(`${formatDiagnostic(f.origin, f.diagnostic)}\n`);
        if (report.failures.length > 0) setExit(1);
        process.stdout.write(
          `Enqueued ${report.added.length} job(s); ${report.pending.length} already queued or running` +
            (report.failures.length ? `; ${report.failures.length} input(s) not found` : '') +
            '.\n',
        );
      });
    });
}
