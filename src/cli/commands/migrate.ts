import type { Command } from 'commander';
import { copyStore } from '../../store/copy.js';
import { openStore } from '../../store/open.js';
import { UsageError, withStore } from '../io.js';

export function registerMigrate(program: Command, _setExit: (code: number) => void): void {
  program
    .command('migrate')
    .description(
      'Bring a store to the current schema (--to), or copy a SQLite store into an empty PostgreSQL one, verified (--from FILE.db --to postgres://…)',
    )
    .option('--from <file>', 'SQLite store to copy from')
    .option('--to <store>', 'store to migrate, or to copy into (postgres://… or a SQLite file)')
    .action(async (opts: { from?: string; to?: string }) => {
      if (!opts.to) throw new UsageError('Missing --to <store>: the store to migrate or to copy into');
      if (!opts.from) {
        await withStore(opts.to, async (store) => {
          process.stdout.write(`${store.location}: schema is up to date.\n`);
        });
        return;
      }
      const source = await openStore(opts.from);
      try {
        await withStore(opts.to, async (target) => {
          const started = performance.now();
          const tables = await copyStore(source, target, {
            onTable: (table, rows) => process.stderr.write(`copied ${table}: ${rows} rows\n`),
          });
          const table = textTable(
            ['table', 'rows (from)', 'rows (to)', 'checksum (from)', 'checksum (to)', ''],
            tables.map((t) => [
              t.table,
              String(t.sourceRows),
              String(t.targetRows),
              t.sourceChecksum,
              t.targetChecksum,
              t.sourceRows === t.targetRows && t.sourceChecksum === t.targetChecksum ? 'ok' : 'MISMATCH',
            ]),
          );
          process.stdout.write(
            `${table}\nCopied ${source.location} → ${target.location}: ${tables.length} tables, ` +
              `${tables.reduce((n, t) => n + t.targetRows, 0)} rows, every count and checksum equal ` +
              `(${((performance.now() - started) / 1000).toFixed(1)} s).\n`,
          );
        });
      } finally {
        await source.close();
      }
    });
}

/** Columns padded to their widest cell. */
function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
