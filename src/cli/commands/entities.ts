/**
 * `storyline entities list|merge|split`: review the corpus entities and correct them. Merges and
 * splits are user overrides (`entity_overrides`, the same table the HTTP API writes), so they
 * survive every later `analyze`.
 */
import type { Command } from 'commander';
import { mergeEntities } from '../../corpus/entities/index.js';
import { applyOverrides } from '../../pipeline/ingest-text.js';
import { loadCorpusArticles } from '../../store/repos/articles.js';
import { entityIdExists, loadOverrides } from '../../store/repos/overrides.js';
import { listEntities, mergedIds, resolveEntityId } from '../../store/repos/queries.js';
import { dbLocation, UsageError, withStore } from '../io.js';

const TYPES = ['person', 'organization', 'place', 'country', 'other'];

export function registerEntities(program: Command, _setExit: (code: number) => void): void {
  const entities = program.command('entities').description('List, merge and split the entities of the corpus');
  entities
    .command('list')
    .description('Print entities, most mentioned first, with their aliases and the ids merged into them (and why)')
    .option('--db <store>', 'SQLite file or postgres:// URL (default: $STORYLINE_DB or storyline.db)')
    .option('--type <type>', `only this type (${TYPES.join(', ')})`)
    .option('--limit <n>', 'print at most this many entities', '50')
    .action(async (opts: { db?: string; type?: string; limit: string }) => {
      if (opts.type !== undefined && !TYPES.includes(opts.type)) {
        throw new UsageError(`Unexpected --type \`${opts.type}\`, expected one of ${TYPES.join(', ')}`);
      }
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1)
        throw new UsageError(`Unexpected --limit \`${opts.limit}\`, expected a positive integer`);
      await withStore(dbLocation(opts.db), async (store) => {
        const page = await listEntities(store.db, { limit, offset: 0, ...(opts.type ? { type: opts.type } : {}) });
        if (page.items.length === 0) {
          process.stdout.write('No entities yet: run `storyline analyze <inputs>` first.\n');
          return;
        }
        // The merge rules are not stored: recompute them from the stored mentions and overrides.
        const { remap, rules } = mergeEntities(await loadCorpusArticles(store.db), await loadOverrides(store.db));
        const mergedInto = new Map<string, string[]>();
        for (const [from, to] of remap) mergedInto.set(to, [...(mergedInto.get(to) ?? []), from]);
        const lines: string[] = [];
        for (const e of page.items) {
          lines.push(`${e.entityId}  ${e.type}  ${e.articles} article${e.articles === 1 ? '' : 's'}  ${e.name}`);
          if (e.aliases.length > 1) lines.push(`    aliases: ${e.aliases.join(' · ')}`);
          for (const from of (mergedInto.get(e.entityId) ?? []).sort()) {
            lines.push(`    merged: ${from} (${rules.get(from) ?? 'entities/same-name'})`);
          }
        }
        lines.push(`${page.items.length} of ${page.total} entities`);
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });
  entities
    .command('merge')
    .description('Merge entity <id> into entity <into>; kept across re-analysis')
    .argument('<id>', 'entity id to merge away')
    .argument('<into>', 'entity id to keep')
    .option('--db <store>', 'SQLite file or postgres:// URL (default: $STORYLINE_DB or storyline.db)')
    .action(async (id: string, into: string, opts: { db?: string }) => {
      await withStore(dbLocation(opts.db), async (store) => {
        for (const x of [id, into]) {
          if (!(await entityIdExists(store.db, x)))
            throw new UsageError(`Unknown entity \`${x}\` (see \`storyline entities list\`)`);
        }
        const [from, to] = await Promise.all([resolveEntityId(store.db, id), resolveEntityId(store.db, into)]);
        if (from === to) throw new UsageError(`\`${id}\` is already part of \`${to}\`: nothing to merge`);
        // As in the HTTP API: a whole entity moves with every id merged into it; an alias id alone.
        const moved = from === id ? await mergedIds(store.db, id) : [id];
        await applyOverrides(store, new Map(moved.map((m) => [m, to])));
        process.stdout.write(`Merged ${moved.join(', ')} into ${to}\n`);
      });
    });
  entities
    .command('split')
    .description(
      'Make entity id <id> its own entity again (undo an automatic or manual merge); kept across re-analysis',
    )
    .argument('<id>', 'entity id to split off')
    .option('--db <store>', 'SQLite file or postgres:// URL (default: $STORYLINE_DB or storyline.db)')
    .action(async (id: string, opts: { db?: string }) => {
      await withStore(dbLocation(opts.db), async (store) => {
        if (!(await entityIdExists(store.db, id)))
          throw new UsageError(`Unknown entity \`${id}\` (see \`storyline entities list\`)`);
        await applyOverrides(store, new Map([[id, null]]));
        process.stdout.write(`Split ${id} off as its own entity\n`);
      });
    });
}
