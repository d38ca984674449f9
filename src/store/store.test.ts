import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleOf } from '../../test/helpers/docs.js';
import type { NewsDoc } from '../core/doc.js';
import { migrationProvider } from './migrations/index.js';
import { openStore, StoreError } from './open.js';
import { countArticles, insertDocs, loadCorpusArticles } from './repos/articles.js';
import { loadCorpus, replaceCorpus } from './repos/corpus.js';
import { startRun } from './repos/runs.js';

const TEXT = 'Defence Minister Ilse Marrow said “we counted 40,000 troops” on Wednesday in Tervik.';

function sampleDoc(hash = 'h1'): NewsDoc {
  const at = (s: string) => ({ start: TEXT.indexOf(s), end: TEXT.indexOf(s) + s.length, text: s });
  return {
    article: articleOf(TEXT, {
      id: `a_${hash.padEnd(12, '0')}`,
      contentHash: hash,
      title: 'Troops gather near Tervik',
      site: 'Northgate Herald',
      wire: ['AFP'],
      published: {
        date: '2026-03-12',
        from: null,
        to: null,
        how: 'metadata',
        evidence: 'meta[article:published_time]',
      },
      removed: [{ text: 'Share on Facebook', reason: 'share-prompt' }],
    }),
    layers: {
      entities: [
        {
          kind: 'entity',
          ...at('Ilse Marrow'),
          type: 'person',
          entityId: 'person:ilse-marrow',
          name: 'Ilse Marrow',
          prov: { stage: 'entities', version: 1, rule: 'entities/title-name' },
        },
        {
          kind: 'entity',
          ...at('Tervik'),
          type: 'place',
          entityId: 'place:tervik',
          name: 'Tervik',
          prov: { stage: 'entities', version: 1, rule: 'entities/preposition-place' },
        },
      ],
      quotes: [
        {
          kind: 'quote',
          ...at('we counted 40,000 troops'),
          speaker: { entityId: 'person:ilse-marrow', name: 'Ilse Marrow' },
          cue: 'said',
          prov: { stage: 'quotes', version: 1, rule: 'quotes/curly', confidence: 0.9 },
        },
      ],
      claims: [
        {
          kind: 'claim',
          ...at('40,000 troops'),
          value: 40000,
          unit: 'troops',
          claimant: { entityId: 'person:ilse-marrow', name: 'Ilse Marrow' },
          hedged: false,
          approx: null,
          prov: { stage: 'claims', version: 1, rule: 'claims/number-noun' },
        },
      ],
      times: [
        {
          kind: 'time',
          ...at('on Wednesday'),
          value: '2026-03-11',
          prov: { stage: 'times', version: 1, rule: 'times/weekday' },
        },
      ],
    },
    diagnostics: [],
  };
}

describe('store (sqlite)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'storyline-store-'));

  it('round-trips an article with offsets, JSON fields, provenance and published date', async () => {
    const store = await openStore(path.join(dir, 'roundtrip.db'));
    try {
      const run = await startRun(store.db, ['x'], 'test');
      const doc = sampleDoc();
      expect(await insertDocs(store.db, [doc], run)).toEqual([doc.article.id]);
      const [back] = await loadCorpusArticles(store.db);
      expect(back?.published).toEqual(doc.article.published);
      expect(back?.wire).toEqual(['AFP']);
      expect(back?.removed).toEqual([{ text: 'Share on Facebook', reason: 'share-prompt' }]);
      expect(back?.entities).toEqual(doc.layers.entities);
      expect(back?.quotes).toEqual(doc.layers.quotes);
      expect(back?.claims).toEqual(doc.layers.claims);
      expect(back?.times).toEqual(doc.layers.times);
      for (const item of [...(back?.entities ?? []), ...(back?.quotes ?? []), ...(back?.claims ?? [])]) {
        expect(TEXT.slice(item.start, item.end)).toBe(item.text);
      }
    } finally {
      await store.close();
    }
  });

  it('storing the same content hash twice is a no-op', async () => {
    const store = await openStore(path.join(dir, 'idem.db'));
    try {
      const run = await startRun(store.db, ['x'], 'test');
      await insertDocs(store.db, [sampleDoc('h2')], run);
      expect(await insertDocs(store.db, [sampleDoc('h2')], run)).toEqual([]);
      expect(await countArticles(store.db)).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('a failing batch leaves nothing half-written', async () => {
    const store = await openStore(path.join(dir, 'atomic.db'));
    try {
      const run = await startRun(store.db, ['x'], 'test');
      await insertDocs(store.db, [sampleDoc('h3')], run);
      const bad = sampleDoc('h4');
      // Same id as a stored article but another hash: the primary key rejects it mid-batch.
      bad.article.id = sampleDoc('h3').article.id;
      await expect(insertDocs(store.db, [sampleDoc('h5'), bad], run)).rejects.toThrow();
      const ids = (await loadCorpusArticles(store.db)).map((a) => a.id);
      expect(ids).toEqual([sampleDoc('h3').article.id]);
      const mentions = await store.db.selectFrom('mentions').select('article_id').distinct().execute();
      expect(mentions.map((m) => m.article_id)).toEqual([sampleDoc('h3').article.id]);
    } finally {
      await store.close();
    }
  });

  it('replaces corpus outputs whole and reads them back', async () => {
    const store = await openStore(path.join(dir, 'corpus.db'));
    try {
      const id = sampleDoc().article.id;
      const result = {
        entities: [
          {
            entityId: 'person:ilse-marrow',
            name: 'Ilse Marrow',
            type: 'person' as const,
            aliases: ['Marrow'],
            articles: 1,
          },
        ],
        duplicates: [{ a: id, b: 'a_000000000002', kind: 'near' as const, similarity: 0.93 }],
        stories: [
          {
            storyId: 's_1',
            title: 'Troops gather',
            articles: [id],
            independentSources: 1,
            events: [{ eventId: 'e_1', title: 'Troops gather', date: '2026-03-12', articles: [id] }],
          },
        ],
        timeline: [
          {
            date: '2026-03-11',
            text: 'Troops gathered.',
            articles: [id],
            evidence: [{ article: id, start: 0, end: 5, text: 'Defen' }],
            storyId: 's_1',
          },
        ],
        conflicts: [{ kind: 'number' as const, summary: 'troops: 40,000 vs 55,000', storyId: 's_1', items: [] }],
      };
      await replaceCorpus(store.db, result, new Map([['person:marrow', 'person:ilse-marrow']]));
      await replaceCorpus(store.db, result, new Map([['person:marrow', 'person:ilse-marrow']]));
      const back = await loadCorpus(store.db);
      expect(back.stories).toEqual(result.stories);
      expect(back.timeline).toEqual(result.timeline);
      expect(back.duplicates).toEqual(result.duplicates);
      expect(back.entities).toEqual(result.entities);
      expect(back.remap.get('person:marrow')).toBe('person:ilse-marrow');
    } finally {
      await store.close();
    }
  });

  it('refuses to open a file that is not a SQLite database, and leaves it untouched', async () => {
    const p = path.join(dir, 'notes.db');
    writeFileSync(p, 'my precious notes, not a database');
    await expect(openStore(p)).rejects.toThrow(StoreError);
    await expect(openStore(p)).rejects.toThrow(/not a SQLite database/);
    expect(readFileSync(p, 'utf8')).toBe('my precious notes, not a database');
  });

  it('re-opening runs no migration twice', async () => {
    const p = path.join(dir, 'reopen.db');
    const first = await openStore(p);
    await first.close();
    const second = await openStore(p);
    const rows = await second.db
      .selectFrom('kysely_migration' as never)
      .selectAll()
      .execute();
    expect(rows).toHaveLength(Object.keys(await migrationProvider.getMigrations()).length);
    await second.close();
  });
});
