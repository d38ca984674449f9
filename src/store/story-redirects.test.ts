/**
 * Story redirects: the rule (`redirectStories`, pure) and the stored table across recomputes on
 * every dialect (`replaceCorpus` rewrites it, `resolveStoryId` reads it).
 */
import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import { dropTestDatabasesAfterAll, testDialects } from '../../test/helpers/stores.js';
import type { CorpusResult, Story } from '../core/corpus.js';
import { openStore } from './open.js';
import { loadCorpus, loadStoryRedirects, redirectStories, replaceCorpus, resolveStoryId } from './repos/corpus.js';

const NOW = '2026-03-20T10:00:00.000Z';

const story = (storyId: string, articles: string[]): Story => ({
  storyId,
  title: `Story ${storyId}`,
  articles,
  independentSources: articles.length,
  events: [{ eventId: `e_${storyId}`, title: `Story ${storyId}`, date: '2026-03-12', articles }],
});

const membersOf = (...stories: Story[]) => new Map(stories.map((s) => [s.storyId, s.articles]));

describe('redirectStories', () => {
  test('a merged story points at the story that absorbed it', () => {
    const previous = membersOf(story('s_a', ['a1', 'a2']), story('s_b', ['a3']));
    const next = [story('s_a', ['a1', 'a2', 'a3'])];
    expect(redirectStories(previous, next, [], NOW)).toEqual([{ from: 's_b', to: 's_a', createdAt: NOW }]);
  });

  test('a story whose id changed (an earlier article joined it) points at its new id', () => {
    const previous = membersOf(story('s_b', ['a2', 'a3']));
    const next = [story('s_a', ['a1', 'a2', 'a3'])];
    expect(redirectStories(previous, next, [], NOW)).toEqual([{ from: 's_b', to: 's_a', createdAt: NOW }]);
  });

  test('a split story points at the part holding most of its articles', () => {
    const previous = membersOf(story('s_a', ['a1', 'a2', 'a3', 'a4']));
    const next = [story('s_x', ['a1']), story('s_y', ['a2', 'a3', 'a4']), story('s_z', ['a9'])];
    expect(redirectStories(previous, next, [], NOW).map((r) => [r.from, r.to])).toEqual([['s_a', 's_y']]);
  });

  test('ties go to the bigger story, then the smaller id', () => {
    const previous = membersOf(story('s_a', ['a1', 'a2']));
    const bigger = [story('s_x', ['a1']), story('s_y', ['a2', 'a7'])];
    expect(redirectStories(previous, bigger, [], NOW)[0]?.to).toBe('s_y');
    const same = [story('s_y', ['a2']), story('s_x', ['a1'])];
    expect(redirectStories(previous, same, [], NOW)[0]?.to).toBe('s_x');
  });

  test('unchanged stories and stories whose articles are all gone leave no redirect', () => {
    const previous = membersOf(story('s_a', ['a1', 'a2']), story('s_gone', ['a8']));
    expect(redirectStories(previous, [story('s_a', ['a1', 'a2'])], [], NOW)).toEqual([]);
  });

  test('an old redirect follows its target when the target moves on (one hop), keeps its date', () => {
    const old = { from: 's_b', to: 's_a', createdAt: '2026-03-01T00:00:00.000Z' };
    const previous = membersOf(story('s_a', ['a1', 'a2', 'a3']));
    const next = [story('s_0', ['a0', 'a1', 'a2', 'a3'])];
    expect(redirectStories(previous, next, [old], NOW)).toEqual([
      { from: 's_a', to: 's_0', createdAt: NOW },
      { from: 's_b', to: 's_0', createdAt: old.createdAt },
    ]);
  });

  test('a redirect whose old id is a story again, or whose target left nothing behind, is dropped', () => {
    const revived = { from: 's_b', to: 's_a', createdAt: NOW };
    const orphan = { from: 's_c', to: 's_gone', createdAt: NOW };
    const previous = membersOf(story('s_a', ['a1', 'a2', 'a3']), story('s_gone', ['a9']));
    const next = [story('s_a', ['a1', 'a2']), story('s_b', ['a3'])];
    expect(redirectStories(previous, next, [revived, orphan], NOW)).toEqual([]);
  });
});

dropTestDatabasesAfterAll();

const corpusOf = (...stories: Story[]): CorpusResult => ({
  entities: [],
  duplicates: [],
  stories,
  timeline: [],
  conflicts: [],
});

describe.each(testDialects())('story redirects in the store ($name)', (dialect) => {
  const it = dialect.skip ? test.skip : test;

  it('keep old ids answering across recomputes: merge, then a new id, chains stored one hop deep', async () => {
    const store = await openStore(await dialect.fresh('redirects'));
    try {
      const a = story('s_a1', ['a_a1', 'a_a2']);
      const b = story('s_b1', ['a_b1']);
      await replaceCorpus(store.db, corpusOf(a, b), new Map());
      // Same membership again: no redirect, same ids.
      await replaceCorpus(store.db, corpusOf(a, b), new Map());
      expect(await loadStoryRedirects(store.db)).toEqual([]);
      expect(await resolveStoryId(store.db, 's_b1')).toBe('s_b1');

      // The two stories merge.
      await replaceCorpus(store.db, corpusOf(story('s_a1', ['a_a1', 'a_a2', 'a_b1'])), new Map());
      expect((await loadStoryRedirects(store.db)).map((r) => [r.from, r.to])).toEqual([['s_b1', 's_a1']]);
      expect(await resolveStoryId(store.db, 's_b1')).toBe('s_a1');
      expect(await resolveStoryId(store.db, 's_a1')).toBe('s_a1');
      const merged = (await loadStoryRedirects(store.db))[0];

      // An earlier article joins: the survivor takes a new id, and both old ids follow it.
      await replaceCorpus(store.db, corpusOf(story('s_00', ['a_00', 'a_a1', 'a_a2', 'a_b1'])), new Map());
      const redirects = await loadStoryRedirects(store.db);
      expect(redirects.map((r) => [r.from, r.to])).toEqual([
        ['s_a1', 's_00'],
        ['s_b1', 's_00'],
      ]);
      expect(redirects[1]?.createdAt).toBe(merged?.createdAt);
      expect(Number.isNaN(Date.parse(redirects[0]?.createdAt ?? ''))).toBe(false);
      expect(await resolveStoryId(store.db, 's_b1')).toBe('s_00');
      expect(await resolveStoryId(store.db, 's_nope')).toBeNull();
      // Redirects are not stories.
      expect((await loadCorpus(store.db)).stories.map((s) => s.storyId)).toEqual(['s_00']);
    } finally {
      await store.close();
    }
  });

  it('rewrites only the stories that changed; the stored result is the whole new result', async () => {
    const store = await openStore(await dialect.fresh('story_diff'));
    // A row's physical version: SQLite's rowid (a rewritten row that is not the last one gets a
    // new one), PostgreSQL's xmin (any rewrite gives a new one).
    const version = sql.raw(dialect.name === 'sqlite' ? 'rowid' : 'xmin::text');
    const versions = async () =>
      new Map(
        (
          await sql<{ story_id: string; v: string }>`SELECT story_id, ${version} AS v FROM stories`.execute(store.db)
        ).rows.map((r) => [r.story_id, String(r.v)]),
      );
    const sorted = (stories: Story[]) => [...stories].sort((x, y) => (x.storyId < y.storyId ? -1 : 1));
    try {
      const a = story('s_a1', ['a_a1', 'a_a2']);
      const b = { ...story('s_b1', ['a_b1']), summary: 'The lead sentence.' };
      await replaceCorpus(store.db, corpusOf(a, b), new Map());
      const first = await versions();
      const a2 = { ...a, title: 'A better title' };
      const c = story('s_c1', ['a_c1', 'a_c2']);
      await replaceCorpus(store.db, corpusOf(a2, b, c), new Map());
      const second = await versions();
      expect(second.get('s_b1')).toBe(first.get('s_b1'));
      expect(second.get('s_a1')).not.toBe(first.get('s_a1'));
      expect(sorted((await loadCorpus(store.db)).stories)).toEqual(sorted([a2, b, c]));
      // A story that is gone leaves no row and no members; a changed membership is rewritten.
      const a3 = story('s_a1', ['a_a1', 'a_a2', 'a_c1']);
      await replaceCorpus(store.db, corpusOf(a3, b), new Map());
      expect(sorted((await loadCorpus(store.db)).stories)).toEqual(sorted([a3, b]));
      const members = await store.db.selectFrom('story_members').select('article_id').where('story_id', '=', 's_c1');
      expect(await members.execute()).toEqual([]);
      expect((await versions()).get('s_b1')).toBe(first.get('s_b1'));
    } finally {
      await store.close();
    }
  });
});
