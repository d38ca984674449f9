import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { articleOf } from '../../test/helpers/docs.js';
import { dropTestDatabasesAfterAll, testDialects } from '../../test/helpers/stores.js';
import type { NewsDoc } from '../core/doc.js';
import { searchFullText } from './dialect.js';
import { migrationProvider } from './migrations/index.js';
import { openStore, StoreError } from './open.js';
import { countArticles, insertDocs, loadCorpusArticles } from './repos/articles.js';
import { loadCorpus, replaceCorpus } from './repos/corpus.js';
import { findEntities, listClaims, listQuotes } from './repos/queries.js';
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

dropTestDatabasesAfterAll();

describe.each(testDialects())('store ($name)', (dialect) => {
  const fresh = (label: string) => dialect.fresh(label);
  const it = dialect.skip ? test.skip : test;

  it('round-trips an article with offsets, JSON fields, provenance and published date', async () => {
    const store = await openStore(await fresh('roundtrip'));
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
    const store = await openStore(await fresh('idem'));
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
    const store = await openStore(await fresh('atomic'));
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
    const store = await openStore(await fresh('corpus'));
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
        conflicts: [{ kind: 'quantity' as const, summary: 'troops: 40,000 vs 55,000', storyId: 's_1', items: [] }],
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

  (dialect.name === 'sqlite' ? it : test.skip)(
    'refuses to open a file that is not a SQLite database, and leaves it untouched',
    async () => {
      const p = path.join(mkdtempSync(path.join(tmpdir(), 'storyline-store-')), 'notes.db');
      writeFileSync(p, 'my precious notes, not a database');
      await expect(openStore(p)).rejects.toThrow(StoreError);
      await expect(openStore(p)).rejects.toThrow(/not a SQLite database/);
      expect(readFileSync(p, 'utf8')).toBe('my precious notes, not a database');
    },
  );

  it('re-opening runs no migration twice', async () => {
    const p = await fresh('reopen');
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

  it('finds articles by full text (words, prefixes, any punctuation) with the match marked', async () => {
    const store = await openStore(await fresh('search'));
    try {
      const run = await startRun(store.db, ['x'], 'test');
      await insertDocs(store.db, [sampleDoc('s1')], run);
      const hits = await searchFullText(store.db, 'troops', 10);
      expect(hits.map((h) => h.id)).toEqual([sampleDoc('s1').article.id]);
      expect(hits[0]?.snippet.toLowerCase()).toContain('[troops]');
      expect((await searchFullText(store.db, 'Terv*', 10)).map((h) => h.id)).toEqual([sampleDoc('s1').article.id]);
      expect(await searchFullText(store.db, 'submarines', 10)).toEqual([]);
      for (const odd of ['"unclosed', 'AND OR NOT', 'troops)(*', "o'brien -- ;", '*']) {
        await expect(searchFullText(store.db, odd, 10)).resolves.toBeInstanceOf(Array);
      }
    } finally {
      await store.close();
    }
  });

  it('queries fields inside JSON columns (quotes by speaker, claims by unit, entity aliases)', async () => {
    const store = await openStore(await fresh('json'));
    try {
      const run = await startRun(store.db, ['x'], 'test');
      await insertDocs(store.db, [sampleDoc('j1')], run);
      const quotes = await listQuotes(store.db, { speaker: 'person:ilse-marrow', limit: 10, offset: 0 });
      expect(quotes.items.map((q) => q.text)).toEqual(['we counted 40,000 troops']);
      const claims = await listClaims(store.db, { unit: 'troops', limit: 10, offset: 0 });
      expect(claims.items.map((c) => c.value)).toEqual([40000]);
      expect((await listClaims(store.db, { unit: 'tanks', limit: 10, offset: 0 })).total).toBe(0);
      await replaceCorpus(store.db, { ...emptyCorpus(), entities: [marrow()] }, new Map());
      // Case-insensitive, on a JSON column, with LIKE wildcards taken literally.
      expect((await findEntities(store.db, 'MARROW', 5)).map((e) => e.entityId)).toEqual(['person:ilse-marrow']);
      expect(await findEntities(store.db, '%', 5)).toEqual([]);
    } finally {
      await store.close();
    }
  });

  // SQLite has one writer at a time by design; concurrent writers are the PostgreSQL case.
  (dialect.name === 'postgres' ? it : test.skip)(
    'two writers storing the same articles at once store each exactly once',
    async () => {
      const location = await fresh('race');
      const [a, b] = [await openStore(location), await openStore(location)];
      try {
        const run = await startRun(a.db, ['x'], 'test');
        const docs = ['r1', 'r2', 'r3', 'r4'].map((h) => sampleDoc(h));
        const [fromA, fromB] = await Promise.all([
          insertDocs(a.db, docs, run),
          insertDocs(b.db, [...docs].reverse(), run),
        ]);
        expect([...fromA, ...fromB].sort()).toEqual(docs.map((d) => d.article.id).sort());
        expect(await countArticles(a.db)).toBe(4);
        const mentions = await a.db
          .selectFrom('mentions')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst();
        expect(Number(mentions?.n)).toBe(4 * 5);
      } finally {
        await a.close();
        await b.close();
      }
    },
  );

  it('refuses a schema from a newer version, and an older one when told not to migrate', async () => {
    const location = await fresh('versions');
    const store = await openStore(location);
    await store.db
      .insertInto('kysely_migration' as never)
      .values({ name: '9999-from-the-future', timestamp: new Date().toISOString() } as never)
      .execute();
    await store.db
      .deleteFrom('kysely_migration' as never)
      .where('name' as never, '=', '0007-queue' as never)
      .execute();
    await store.close();
    await expect(openStore(location)).rejects.toThrow(/newer than this Storyline \(migration 9999-from-the-future/);
    const again = await openStore(location, { migrate: false }).catch((e: Error) => e);
    expect(String(again)).toMatch(/newer/);
    const old = await fresh('older');
    const older = await openStore(old);
    await older.db
      .deleteFrom('kysely_migration' as never)
      .where('name' as never, '=', '0007-queue' as never)
      .execute();
    await older.db.schema.dropTable('corpus_state').execute();
    await older.db.schema.dropTable('jobs').execute();
    await older.close();
    await expect(openStore(old, { migrate: false })).rejects.toThrow(
      /older schema \(pending: 0007-queue\); run `storyline migrate --to .*` first/,
    );
    const migrated = await openStore(old);
    expect(await migrated.db.selectFrom('jobs').selectAll().execute()).toEqual([]);
    await migrated.close();
  });
});

function marrow() {
  return {
    entityId: 'person:ilse-marrow',
    name: 'Ilse Marrow',
    type: 'person' as const,
    aliases: ['Marrow', 'I. Marrow'],
    articles: 1,
  };
}

function emptyCorpus() {
  return { entities: [], duplicates: [], stories: [], timeline: [], conflicts: [] };
}

describe('store (postgres): an unreachable server', () => {
  test('fails with a clear error naming the server (password hidden) after retrying', async () => {
    const started = Date.now();
    const error = await openStore('postgres://someone:s3cret@127.0.0.1:1/nowhere', { connectAttempts: 3 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreError);
    expect(String(error)).toMatch(/Cannot connect to `postgres:\/\/someone:\*\*\*@127\.0\.0\.1:1\/nowhere`/);
    expect(String(error)).toMatch(/after 3 attempt\(s\)/);
    expect(String(error)).not.toContain('s3cret');
    // Backoff: 0.5 s + 1 s between the three attempts.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
  });
});
