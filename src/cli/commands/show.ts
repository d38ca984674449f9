import type { Command } from 'commander';
import { loadStoryRedirects } from '../../store/repos/corpus.js';
import { buildExport } from '../../views/export.js';
import { formatArticle, formatStory } from '../../views/show.js';
import { dbLocation, UsageError, withStore } from '../io.js';

export function registerShow(program: Command, _setExit: (code: number) => void): void {
  program
    .command('show')
    .description('Show one story (s_…) or one article (a_…) with entities, quotes, claims and times marked')
    .argument('<id>', 'story id or article id (a unique prefix is enough)')
    .option('--db <store>', 'SQLite file or postgres:// URL (default: $STORYLINE_DB or storyline.db)')
    .action(async (id: string, opts: { db?: string }) => {
      await withStore(dbLocation(opts.db), async (store) => {
        const doc = await buildExport(store);
        let stories = doc.stories.filter((s) => s.storyId.startsWith(id));
        const articles = doc.articles.filter((a) => a.id.startsWith(id));
        // An old story id (merged, or renamed when an earlier article joined) shows its story now.
        let note = '';
        if (stories.length + articles.length === 0) {
          const redirects = (await loadStoryRedirects(store.db)).filter((r) => r.from.startsWith(id));
          const to = new Set(redirects.map((r) => r.to));
          if (to.size === 1) {
            stories = doc.stories.filter((s) => to.has(s.storyId));
            note = `${redirects.map((r) => r.from).join(', ')} is now part of ${[...to][0]}\n\n`;
          }
        }
        const matches = stories.length + articles.length;
        if (matches === 0)
          throw new UsageError(`Unexpected id \`${id}\`, expected a story id (s_…) or article id (a_…) in the store`);
        if (matches > 1) {
          const ids = [...stories.map((s) => s.storyId), ...articles.map((a) => a.id)].slice(0, 5).join(', ');
          throw new UsageError(`Ambiguous id \`${id}\`: matches ${ids}`);
        }
        const text = stories[0] ? formatStory(stories[0], doc) : formatArticle(articles[0]!);
        process.stdout.write(`${note}${text}\n`);
      });
    });
}
