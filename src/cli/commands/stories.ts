import type { Command } from 'commander';
import { buildExport } from '../../views/export.js';
import { formatStories } from '../../views/summary.js';
import { dbLocation, withStore } from '../io.js';

export function registerStories(program: Command, _setExit: (code: number) => void): void {
  program
    .command('stories')
    .description('Print the stories in the store, biggest first')
    .option('--db <store>', 'SQLite file or postgres:// URL (default: $STORYLINE_DB or storyline.db)')
    .option('--limit <n>', 'print at most this many stories')
    .action(async (opts: { db?: string; limit?: string }) => {
      await withStore(dbLocation(opts.db), async (store) => {
        const doc = await buildExport(store);
        if (doc.stories.length === 0) {
          process.stdout.write('No stories yet: run `storyline analyze <inputs>` first.\n');
          return;
        }
        process.stdout.write(`${formatStories(doc, opts.limit ? { limit: Number(opts.limit) } : {})}\n`);
      });
    });
}
