import type { Command } from 'commander';
import { buildExport, toJsonLines } from '../../views/export.js';
import { toMarkdown } from '../../views/markdown.js';
import { dbLocation, UsageError, withStore, writeOutput } from '../io.js';

const FORMATS = ['json', 'jsonl', 'md'] as const;

export function registerExport(program: Command, _setExit: (code: number) => void): void {
  program
    .command('export')
    .description('Export the store: json (schemaVersion 1, see schema/export.schema.json), jsonl or md')
    .option('--format <format>', `one of ${FORMATS.join(', ')}`, 'json')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--db <store>', 'SQLite file or postgres:// URL (default: $STORYLINE_DB or storyline.db)')
    .action(async (opts: { format: string; out?: string; db?: string }) => {
      if (!(FORMATS as readonly string[]).includes(opts.format)) {
        throw new UsageError(`Unexpected format \`${opts.format}\`, expected one of ${FORMATS.join(', ')}`);
      }
      await withStore(dbLocation(opts.db), async (store) => {
        const doc = await buildExport(store);
        const text =
          opts.format === 'json'
            ? JSON.stringify(doc, null, 2)
            : opts.format === 'jsonl'
              ? [...toJsonLines(doc)].join('\n')
              : toMarkdown(doc);
        await writeOutput(text, opts.out);
      });
    });
}
