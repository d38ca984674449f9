/**
 * The API in process (`app.request()`, no port) on a store built from examples/corpus. Every
 * 200 answer is validated against the schema the OpenAPI document gives for it.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../pipeline/analyze.js';
import { openStore, type Store } from '../store/open.js';
import { createApp } from './app.js';
import { onError } from './errors.js';
import { buildOpenApi } from './openapi.js';

let work: string;
let store: Store;
let app: Hono;
/** A second copy of the store for the tests that write. */
let writable: Store;

const openapi = buildOpenApi() as { paths: Record<string, unknown>; components: { schemas: object } };
const ajv = new Ajv2020({ strict: false, allErrors: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
ajv.addSchema({ $id: 'api', components: openapi.components });

function expectSchema(name: string, body: unknown): void {
  const validate = ajv.getSchema(`api#/components/schemas/${name}`);
  if (!validate) throw new Error(`no schema ${name}`);
  const ok = validate(body);
  expect(ok ? [] : validate.errors?.slice(0, 5)).toEqual([]);
}

async function getJson(url: string, init?: RequestInit, on: Hono = app) {
  const res = await on.request(url, init);
  const text = await res.text();
  return { res, status: res.status, body: text ? JSON.parse(text) : null };
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'storyline-api-'));
  const file = path.join(work, 'store.db');
  const built = await openStore(file);
  await analyze(built, ['examples/corpus'], { concurrency: 1 });
  await built.close();
  copyFileSync(file, path.join(work, 'writable.db'));
  store = await openStore(file);
  writable = await openStore(path.join(work, 'writable.db'));
  app = createApp({ store });
}, 180_000);

afterAll(async () => {
  await store?.close();
  await writable?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('read endpoints', () => {
  it('GET /api/stats counts the store', async () => {
    const { status, body } = await getJson('/api/stats');
    expect(status).toBe(200);
    expectSchema('Stats', body);
    expect(body.articles).toBe(29);
    expect(body.stories).toBeGreaterThanOrEqual(4);
    expect(body.lastRun.id).toBe(1);
  });

  it('GET /api/stories lists summaries, biggest first or newest first', async () => {
    const size = await getJson('/api/stories');
    expect(size.status).toBe(200);
    expectSchema('StoryPage', size.body);
    const counts = size.body.items.map((s: { articleCount: number }) => s.articleCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const first = size.body.items[0];
    expect(first.sites.length).toBeGreaterThan(1);
    expect(first.coverage.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBeLessThanOrEqual(
      first.articleCount,
    );
    const recent = await getJson('/api/stories?sort=recent');
    expectSchema('StoryPage', recent.body);
    const last = recent.body.items.map((s: { lastPublished: string }) => s.lastPublished);
    expect(last).toEqual([...last].sort().reverse());
  });

  it('GET /api/stories/:id has the story page: articles, timeline, conflicts, lineage, quotes, claims', async () => {
    const { body: list } = await getJson('/api/stories');
    const id = list.items[0].storyId;
    const { status, body } = await getJson(`/api/stories/${id}`);
    expect(status).toBe(200);
    expectSchema('StoryDetail', body);
    expect(body.story.storyId).toBe(id);
    expect(body.articles).toHaveLength(list.items[0].articleCount);
    expect(body.articles.every((a: { storyId: string }) => a.storyId === id)).toBe(true);
    expect(body.conflicts.length).toBeGreaterThan(0);
    expect(body.quotes.length).toBeGreaterThan(0);
    expect(body.claims.length).toBeGreaterThan(0);
    expect(body.entities.length).toBeGreaterThan(0);
    // Lineage covers every article exactly once; copies share a group.
    const grouped = body.lineage.flatMap((g: { articles: string[] }) => g.articles).sort();
    expect(grouped).toEqual(body.articles.map((a: { id: string }) => a.id).sort());
    expect(body.lineage.length).toBe(body.story.independentSources);
  });

  it('GET /api/articles pages articles, filtered by story or entity', async () => {
    const all = await getJson('/api/articles');
    expectSchema('ArticlePage', all.body);
    expect(all.body.total).toBe(29);
    const { body: stories } = await getJson('/api/stories');
    const story = stories.items[0];
    const some = await getJson(`/api/articles?story=${story.storyId}`);
    expect(some.body.total).toBe(story.articleCount);
    const { body: entities } = await getJson('/api/entities?limit=1');
    const entity = entities.items[0];
    const mentioning = await getJson(`/api/articles?entity=${encodeURIComponent(entity.entityId)}&limit=200`);
    expect(mentioning.body.total).toBe(entity.articles);
  });

  it('GET /api/articles/:id is the export article with diagnostics and copies; offsets hold', async () => {
    const { body: stories } = await getJson('/api/stories');
    const { body: story } = await getJson(`/api/stories/${stories.items[0].storyId}`);
    const copied = story.duplicates[0].b as string;
    const { status, body } = await getJson(`/api/articles/${copied}`);
    expect(status).toBe(200);
    expectSchema('ArticleDetail', body);
    expect(body.copies.length).toBeGreaterThan(0);
    for (const item of [...body.entities, ...body.quotes, ...body.claims, ...body.times]) {
      expect(body.text.slice(item.start, item.end)).toBe(item.text);
    }
  });

  it('GET /api/entities pages entities, by type', async () => {
    const people = await getJson('/api/entities?type=person&limit=5');
    expectSchema('EntityPage', people.body);
    expect(people.body.items.every((e: { type: string }) => e.type === 'person')).toBe(true);
    expect((await getJson('/api/entities?type=alien')).status).toBe(400);
  });

  it('GET /api/entities/:id has mentions over time, quotes, articles and co-mentions', async () => {
    const { body: quotes } = await getJson('/api/quotes?limit=200');
    const speaker = quotes.items.find((q: { speaker: { entityId: string | null } | null }) => q.speaker?.entityId)
      .speaker.entityId as string;
    const { status, body } = await getJson(`/api/entities/${encodeURIComponent(speaker)}`);
    expect(status).toBe(200);
    expectSchema('EntityDetail', body);
    expect(body.quotes.length).toBeGreaterThan(0);
    expect(body.quotes.every((q: { speaker: { entityId: string } }) => q.speaker.entityId === speaker)).toBe(true);
    expect(body.articles.length).toBeGreaterThan(0);
    expect(body.mentionsByDate.length).toBeGreaterThan(0);
    expect(body.coMentioned.length).toBeGreaterThan(0);
  });

  it('GET /api/quotes, /api/claims, /api/conflicts, /api/timeline list and filter', async () => {
    const { body: stories } = await getJson('/api/stories');
    const storyId = stories.items[0].storyId;
    for (const [url, schema] of [
      ['/api/quotes', 'QuotePage'],
      [`/api/quotes?story=${storyId}`, 'QuotePage'],
      ['/api/claims', 'ClaimPage'],
      [`/api/claims?story=${storyId}&unit=troops`, 'ClaimPage'],
      ['/api/conflicts', 'ConflictPage'],
      [`/api/conflicts?story=${storyId}`, 'ConflictPage'],
      ['/api/timeline', 'TimelinePage'],
      [`/api/timeline?story=${storyId}`, 'TimelinePage'],
    ] as const) {
      const { status, body } = await getJson(url);
      expect(status, url).toBe(200);
      expectSchema(schema, body);
      expect(body.items.length, url).toBeGreaterThan(0);
    }
    const { body: claims } = await getJson(`/api/claims?unit=troops&limit=200`);
    expect(claims.items.every((c: { unit: string }) => c.unit === 'troops')).toBe(true);
    const { body: conflicts } = await getJson(`/api/conflicts?story=${storyId}`);
    expect(conflicts.items.every((c: { storyId: string }) => c.storyId === storyId)).toBe(true);
  });

  it('GET /api/search finds articles (snippet marks the match), their stories and entities', async () => {
    const { status, body } = await getJson('/api/search?q=troops');
    expect(status).toBe(200);
    expectSchema('SearchResult', body);
    expect(body.articles.length).toBeGreaterThan(0);
    expect(body.articles[0].snippet.toLowerCase()).toContain('[troops]');
    expect(body.stories.length).toBeGreaterThan(0);
    const { body: named } = await getJson('/api/search?q=Valdoria');
    expect(named.entities.map((e: { name: string }) => e.name)).toContain('Valdoria');
    const { body: phrase } = await getJson(`/api/search?q=${encodeURIComponent('"death toll"')}`);
    expect(phrase.articles.length).toBeGreaterThan(0);
  });

  it('GET /openapi.json is an OpenAPI 3.1 document covering every endpoint', async () => {
    const { status, body } = await getJson('/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/api/stats',
        '/api/stories',
        '/api/stories/{id}',
        '/api/articles',
        '/api/articles/{id}',
        '/api/entities',
        '/api/entities/{id}',
        '/api/quotes',
        '/api/claims',
        '/api/conflicts',
        '/api/timeline',
        '/api/search',
        '/api/ingest',
      ]),
    );
  });
});

describe('pagination', () => {
  it('pages are disjoint and add up to the total', async () => {
    const seen: string[] = [];
    for (let offset = 0; offset < 29; offset += 10) {
      const { body } = await getJson(`/api/articles?limit=10&offset=${offset}`);
      expect(body.limit).toBe(10);
      expect(body.offset).toBe(offset);
      expect(body.total).toBe(29);
      seen.push(...body.items.map((a: { id: string }) => a.id));
    }
    expect(new Set(seen).size).toBe(29);
    const { body: past } = await getJson('/api/articles?offset=1000');
    expect(past.items).toEqual([]);
    expect(past.total).toBe(29);
  });

  it.each([
    '/api/articles?limit=201',
    '/api/articles?limit=0',
    '/api/articles?limit=-1',
    '/api/articles?limit=ten',
    '/api/articles?offset=-5',
    '/api/articles?limit=1.5',
    '/api/articles?stroy=s_1',
    '/api/articles?limit=1&limit=2',
    '/api/stories?sort=oldest',
    '/api/search',
    '/api/search?q=',
    `/api/search?q=${'a'.repeat(300)}`,
  ])('%s is a 400 with a JSON error', async (url) => {
    const { status, body } = await getJson(url);
    expect(status).toBe(400);
    expect(body.error.code).toBe('bad-request');
    expectSchema('Error', body);
  });

  it('accepts the largest page', async () => {
    expect((await getJson('/api/articles?limit=200')).body.items).toHaveLength(29);
  });
});

describe('ETag and 304', () => {
  it('GET answers carry a weak ETag, and a matching If-None-Match gets a 304 without a body', async () => {
    const first = await app.request('/api/stories?limit=2');
    const tag = first.headers.get('etag');
    expect(tag).toMatch(/^W\/"/);
    const again = await app.request('/api/stories?limit=2', { headers: { 'If-None-Match': tag as string } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const other = await app.request('/api/stories?limit=3', { headers: { 'If-None-Match': tag as string } });
    expect(other.status).toBe(200);
    expect(other.headers.get('etag')).not.toBe(tag);
  });

  it('errors carry no ETag', async () => {
    const res = await app.request('/api/stories/s_nope');
    expect(res.headers.get('etag')).toBeNull();
  });
});

describe('errors', () => {
  it.each([
    '/api/stories/s_000000000000',
    '/api/articles/a_000000000000',
    '/api/entities/person:nobody',
    '/api/nothing-here',
  ])('%s is a 404 with a JSON error', async (url) => {
    const { status, body } = await getJson(url);
    expect(status).toBe(404);
    expect(body.error.code).toBe('not-found');
  });

  it('an unexpected error is a 500 that does not leak its message', async () => {
    const broken = new Hono();
    broken.onError(onError);
    broken.get('/', () => {
      throw new Error('secret table layout');
    });
    const spy = console.error;
    console.error = () => {};
    try {
      const { status, body } = await getJson('/', undefined, broken);
      expect(status).toBe(500);
      expect(body.error.code).toBe('internal');
      expect(JSON.stringify(body)).not.toContain('secret');
    } finally {
      console.error = spy;
    }
  });
});

describe('search input is data', () => {
  it.each([
    '"; DROP TABLE articles; --',
    "'; DELETE FROM articles WHERE '1'='1",
    '<script>alert(1)</script>',
    '"unbalanced',
    'troops"',
    '(((',
    'NEAR(',
    'troops AND',
    'OR OR OR',
    'NOT troops',
    '*',
    'title:troops',
    'nosuchcolumn:troops',
    '^troops',
    'troops -strike',
    '\u0000',
    '%_%',
  ])('%j → 200, safe results, store intact', async (q) => {
    const { res, status, body } = await getJson(`/api/search?q=${encodeURIComponent(q)}`);
    expect(status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expectSchema('SearchResult', body);
    const { body: stats } = await getJson('/api/stats');
    expect(stats.articles).toBe(29);
  });
});

describe('load', () => {
  it('answers 100 concurrent requests', async () => {
    const urls = ['/api/stats', '/api/stories', '/api/articles?limit=5', '/api/search?q=strike', '/api/entities'];
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => app.request(urls[i % urls.length] as string)),
    );
    expect(results.map((r) => r.status)).toEqual(Array(100).fill(200));
  });
});

describe('CORS and static files', () => {
  it('sends no CORS headers unless an origin is configured', async () => {
    const plain = await app.request('/api/stats', { headers: { Origin: 'https://evil.example' } });
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
    const open = createApp({ store, cors: 'https://news.example' });
    const res = await open.request('/api/stats', { headers: { Origin: 'https://news.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://news.example');
  });

  it('without a built UI, / says how to build it', async () => {
    const res = await createApp({ store, uiDir: path.join(work, 'missing') }).request('/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('npm run build');
  });

  it('serves the built UI and nothing outside it', async () => {
    const ui = path.join(work, 'web');
    mkdirSync(path.join(ui, 'assets'), { recursive: true });
    writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>ui</title>');
    writeFileSync(path.join(ui, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(path.join(work, 'secret.txt'), 'SECRET');
    const served = createApp({ store, uiDir: ui });
    const index = await served.request('/');
    expect(await index.text()).toContain('<title>ui</title>');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await served.request('/assets/app.js')).status).toBe(200);
    for (const url of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%5csecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '//etc/passwd',
    ]) {
      const res = await served.request(`http://localhost${url}`);
      expect(await res.text(), url).not.toContain('SECRET');
      expect(res.status, url).toBe(404);
    }
  });
});

describe('POST /api/ingest', () => {
  let writer: Hono;
  beforeAll(() => {
    writer = createApp({ store: writable });
  });

  const post = (
    body: string | Uint8Array,
    type: string | null,
    on: Hono = writer,
    headers: Record<string, string> = {},
  ) =>
    getJson(
      '/api/ingest',
      { method: 'POST', body, headers: { ...(type ? { 'Content-Type': type } : {}), ...headers } },
      on,
    );

  const ARTICLE = [
    'Zephyrine council approves harbour wall',
    '',
    'By Ada Quill',
    '',
    'ZEPHYRINE, March 21, 2026 — The Zephyrine town council on Friday approved a 12 million euro harbour wall after two winters of flooding, mayor Tomas Reyes said.',
    '',
    '"We cannot wait for a third winter," Reyes told reporters outside the town hall. Work is due to start in May and take 18 months, according to the council.',
    '',
    'Residents have complained for years that the old breakwater no longer holds back the spring tides, and local businesses said the decision came just in time.',
  ].join('\n');

  it('stores plain text, then lists it and finds it', async () => {
    const before = (await getJson('/api/stats', undefined, writer)).body;
    const { status, body } = await post(ARTICLE, 'text/plain; charset=utf-8');
    expect(status).toBe(201);
    expectSchema('IngestResult', body);
    expect(body.stored).toHaveLength(1);
    const id = body.stored[0];
    const after = (await getJson('/api/stats', undefined, writer)).body;
    expect(after.articles).toBe(before.articles + 1);
    expect(after.lastRun.id).toBeGreaterThan(before.lastRun.id);
    const { body: list } = await getJson('/api/articles?limit=200', undefined, writer);
    expect(list.items.map((a: { id: string }) => a.id)).toContain(id);
    const { body: found } = await getJson('/api/search?q=Zephyrine', undefined, writer);
    expect(found.articles.map((a: { id: string }) => a.id)).toContain(id);
    const { body: article } = await getJson(`/api/articles/${id}`, undefined, writer);
    expect(article.origin).toMatch(/^api:[0-9a-f]{12}$/);
    // The same bytes again change nothing.
    const again = await post(ARTICLE, 'text/plain');
    expect(again.status).toBe(200);
    expect(again.body.unchanged).toHaveLength(1);
  });

  it('stores HTML as text: markup and scripts never reach the article', async () => {
    const html = `<!doctype html><html><head><title>Harbour wall: a second council vote</title>
      <meta property="article:published_time" content="2026-03-22T09:00:00Z"></head><body><article>
      <h1>Harbour wall: a second council vote in Quorvale</h1>
      <script>alert('x')</script>
      <p>QUORVALE — The Quorvale council voted on Saturday to copy the Zephyrine harbour wall plan, officials said, with a budget of 9 million euros.</p>
      <p>"We watched our neighbours and learned," councillor Mina Sato said on Saturday. The wall should be finished in 2027, the council added.</p>
      <p>Fishermen in the harbour said <b>the vote</b> came after years of storm damage to the old quay and the fish market.</p>
      </article></body></html>`;
    const { status, body } = await post(html, 'text/html');
    expect(status).toBe(201);
    const { body: article } = await getJson(`/api/articles/${body.stored[0]}`, undefined, writer);
    expect(article.text).toContain('Quorvale council voted');
    expect(article.text).not.toMatch(/<script|<b>|alert\(/);
  });

  it('stores JSON fields as metadata', async () => {
    const doc = {
      title: 'Velmont opens flood shelter',
      text: 'The city of Velmont opened a flood shelter for 300 families on Sunday, officials said.\n\n"Nobody will sleep outside tonight," mayor Ilse Brandt said at the opening. The shelter will stay open until the river falls, the council added.\n\nVolunteers handed out blankets and hot meals through the evening.',
      url: 'https://velmont.example/news/shelter',
      site: 'Velmont Courier',
      published: '2026-03-23',
      language: 'en',
    };
    const { status, body } = await post(JSON.stringify(doc), 'application/json');
    expect(status).toBe(201);
    expect(body.stored).toHaveLength(1);
    const { body: article } = await getJson(`/api/articles/${body.stored[0]}`, undefined, writer);
    expect(article.origin).toBe(doc.url);
    expect(article.site).toBe('Velmont Courier');
    expect(article.published.date).toBe('2026-03-23');
    const { body: found } = await getJson('/api/search?q=Velmont', undefined, writer);
    expect(found.articles.length).toBeGreaterThan(0);
  });

  it.each([
    ['{"text": "x",', 'application/json', 400, 'bad-request'],
    ['[1, 2]', 'application/json', 400, 'bad-request'],
    ['{"text": 5}', 'application/json', 400, 'bad-request'],
    ['{"title": "no body"}', 'application/json', 400, 'bad-request'],
    ['{"text": "a", "evil": "b"}', 'application/json', 400, 'bad-request'],
    ['', 'text/plain', 400, 'bad-request'],
    ['hello', 'image/png', 415, 'unsupported-media-type'],
    ['hello', 'text/plain; charset=latin1', 415, 'unsupported-media-type'],
    ['hello', 'application/x-www-form-urlencoded', 415, 'unsupported-media-type'],
  ])('%j as %s → %i', async (payload, type, status, code) => {
    const res = await post(payload, type);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
  });

  it('rejects invalid UTF-8 and a missing content type', async () => {
    expect((await post(new Uint8Array([0x48, 0xff, 0xfe, 0x49]), 'text/plain')).status).toBe(400);
    // (A string body would get `text/plain;charset=UTF-8` from fetch itself.)
    expect((await post(new TextEncoder().encode('hello'), null)).status).toBe(415);
  });

  it('answers 422 with the failure when no article can be made', async () => {
    const { status, body } = await post('hello', 'text/plain');
    expect(status).toBe(422);
    expectSchema('IngestResult', body);
    expect(body.failures[0].rule).toMatch(/^extract\//);
  });

  it('rejects a body over 5 MiB with 413, and the store is unchanged', async () => {
    const before = (await getJson('/api/stats', undefined, writer)).body.articles;
    const big = 'x'.repeat(5 * 1024 * 1024 + 1);
    const res = await post(big, 'text/plain');
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('too-large');
    const declared = await post('small', 'text/plain', writer, { 'Content-Length': String(6 * 1024 * 1024) });
    expect(declared.status).toBe(413);
    expect((await getJson('/api/stats', undefined, writer)).body.articles).toBe(before);
  });

  it('needs the bearer token when one is configured; reads stay open', async () => {
    const guarded = createApp({ store: writable, token: 'correct-horse-battery' });
    const none = await post(ARTICLE, 'text/plain', guarded);
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('unauthorized');
    expect(none.res.headers.get('www-authenticate')).toBe('Bearer');
    const wrong = await post(ARTICLE, 'text/plain', guarded, { Authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    const right = await post(ARTICLE, 'text/plain', guarded, { Authorization: 'Bearer correct-horse-battery' });
    expect(right.status).toBe(200); // already stored above
    expect((await guarded.request('/api/stats')).status).toBe(200);
  });

  it('a new run changes the ETags', async () => {
    const first = await writer.request('/api/stats');
    const tag = first.headers.get('etag') as string;
    await post(`${ARTICLE}\n\nUpdated at 10:00.`, 'text/plain');
    const after = await writer.request('/api/stats', { headers: { 'If-None-Match': tag } });
    expect(after.status).toBe(200);
  });
});
