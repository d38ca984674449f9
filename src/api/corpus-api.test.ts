/**
 * The corpus side of the API on every dialect: an ingest answers once its article is stored and
 * the stories catch up in the background (`corpus` in the answer, `GET /api/corpus/status`);
 * when the catch-up changes story ids (an earlier article joins a story, stories merge), the old
 * ids keep answering with the story that now holds their articles (`redirectedFrom`).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Hono } from 'hono';
import { afterAll, describe, expect, test } from 'vitest';
import { dropTestDatabasesAfterAll, testDialects } from '../../test/helpers/stores.js';
import { analyze } from '../pipeline/analyze.js';
import { openStore } from '../store/open.js';
import { loadCorpus, loadStoryRedirects } from '../store/repos/corpus.js';
import { createApp } from './app.js';
import { buildOpenApi } from './openapi.js';

const openapi = buildOpenApi() as { components: { schemas: object } };
const ajv = new Ajv2020({ strict: false, allErrors: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
ajv.addSchema({ $id: 'api', components: openapi.components });

function expectSchema(name: string, body: unknown): void {
  const validate = ajv.getSchema(`api#/components/schemas/${name}`);
  if (!validate) throw new Error(`no schema ${name}`);
  expect(validate(body) ? [] : validate.errors?.slice(0, 5)).toEqual([]);
}

async function call(app: Hono, url: string, init?: RequestInit) {
  const res = await app.request(url, init);
  const text = await res.text();
  return { res, status: res.status, body: text ? JSON.parse(text) : null };
}

// Flood reports from the 12th on first; the two reports of the 11th (the day of the collapse)
// arrive later through the API, so the story's first article, and with it its id, changes.
const CORPUS = path.resolve('examples/corpus');
const LATER = ['flood-03', 'flood-04', 'flood-05', 'flood-06', 'flood-07'];
const EARLIER = ['flood-01', 'flood-02'];
const files = (prefixes: string[]) =>
  readdirSync(CORPUS)
    .sort()
    .filter((f) => prefixes.some((p) => f.startsWith(`${p}-`)));

const work = mkdtempSync(path.join(tmpdir(), 'storyline-corpus-api-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
dropTestDatabasesAfterAll();

describe.each(testDialects())('corpus updates and story redirects through the API ($name)', (dialect) => {
  const it = dialect.skip ? test.skip : test;

  it('ingest answers once stored; stories catch up in the background; old story ids redirect', async () => {
    const dir = path.join(work, `${dialect.name}-later`);
    mkdirSync(dir);
    for (const f of files(LATER)) copyFileSync(path.join(CORPUS, f), path.join(dir, f));
    const store = await openStore(await dialect.fresh('corpus_api'));
    try {
      await analyze(store, [dir], { concurrency: 1 });
      const first = (await loadCorpus(store.db)).stories;
      // Re-analysing changes no membership, so no id changes and nothing redirects.
      await analyze(store, [dir], { concurrency: 1 });
      expect((await loadCorpus(store.db)).stories.map((s) => s.storyId)).toEqual(first.map((s) => s.storyId));
      expect(await loadStoryRedirects(store.db)).toEqual([]);

      const app = createApp({ store });
      const idle = await call(app, '/api/corpus/status');
      expect(idle.status).toBe(200);
      expectSchema('CorpusStatus', idle.body);
      expect(idle.body).toMatchObject({ state: 'idle', pending: false, behind: false });
      expect(idle.res.headers.get('etag')).toBeNull();

      // Two ingests at once: each answers as soon as its article is stored.
      const posted = await Promise.all(
        files(EARLIER).map((f) =>
          call(app, '/api/ingest', {
            method: 'POST',
            body: readFileSync(path.join(CORPUS, f)),
            headers: { 'Content-Type': f.endsWith('.html') ? 'text/html' : 'text/plain' },
          }),
        ),
      );
      for (const p of posted) {
        expect(p.status).toBe(201);
        expectSchema('IngestResult', p.body);
        expect(p.body.corpus.state).toBe('updating');
        expect((await call(app, `/api/articles/${p.body.stored[0]}`)).status).toBe(200);
      }
      await expect
        .poll(async () => (await call(app, '/api/corpus/status')).body.state, { timeout: 60_000 })
        .toBe('idle');
      const done = (await call(app, '/api/corpus/status')).body;
      expectSchema('CorpusStatus', done);
      expect(done).toMatchObject({ pending: false, behind: false, lastUpdate: { articles: 7, error: null } });
      const ingested = posted.map((p) => p.body.stored[0] as string);
      const after = (await loadCorpus(store.db)).stories;
      for (const id of ingested) expect(after.some((s) => s.articles.includes(id))).toBe(true);

      // Every story id of the first analysis still answers: itself, or the story holding most of
      // its articles, with `redirectedFrom` and the current URL in `Content-Location`.
      const live = new Set(after.map((s) => s.storyId));
      let redirected = 0;
      for (const old of first) {
        const { status, body, res } = await call(app, `/api/stories/${old.storyId}`);
        expect(status).toBe(200);
        expectSchema('StoryDetail', body);
        if (live.has(old.storyId)) {
          expect(body.story.storyId).toBe(old.storyId);
          expect(body.redirectedFrom).toBeUndefined();
          continue;
        }
        redirected++;
        expect(body.redirectedFrom).toBe(old.storyId);
        expect(res.headers.get('content-location')).toBe(`/api/stories/${body.story.storyId}`);
        const shared = (s: { articles: string[] }) => old.articles.filter((a) => s.articles.includes(a)).length;
        const best = Math.max(...after.map(shared));
        expect(shared(body.story)).toBe(best);
        // The `story=` filters follow the redirect too: the old id lists the current story's articles.
        const byOld = await call(app, `/api/articles?story=${old.storyId}&limit=100`);
        const byNew = await call(app, `/api/articles?story=${body.story.storyId}&limit=100`);
        expect(byOld.body.items.length).toBeGreaterThan(0);
        expect(byOld.body).toEqual(byNew.body);
      }
      expect(redirected).toBeGreaterThan(0);
      expect((await call(app, '/api/stories/s_000000000000')).status).toBe(404);
    } finally {
      await store.close();
    }
  }, 240_000);
});
