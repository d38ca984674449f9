import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { articlePage, type LocalServer, reply, startServer } from '../../../test/helpers/local-server.js';
import { type FetchStateStore, type IngestOptions, type IngestResult, ingest, memoryFetchState } from './index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'storyline-net-'));
let s: LocalServer;
let state: FetchStateStore;
beforeEach(async () => {
  s = await startServer();
  state = memoryFetchState();
});
afterEach(async () => {
  await s.close();
});

const online = (extra: IngestOptions = {}): IngestOptions => ({
  fetch: { delayMs: 0, timeoutMs: 2000, state },
  ...extra,
});
async function read(inputs: string[], options: IngestOptions = online()): Promise<IngestResult[]> {
  const out: IngestResult[] = [];
  for await (const r of ingest(inputs, options)) out.push(r);
  return out;
}
const brief = (results: IngestResult[]) =>
  results.map((r) =>
    'raw' in r
      ? { origin: r.origin, url: r.raw.meta.url, title: r.raw.meta.title ?? /<h1>(.*?)<\/h1>/.exec(r.raw.content)?.[1] }
      : 'failure' in r
        ? { origin: r.origin, rule: r.failure.rule, reason: r.failure.reason }
        : { origin: r.origin, unchanged: r.unchanged },
  );
const file = (name: string, content: string | Buffer) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};

const LONG = Array.from(
  { length: 12 },
  (_, i) => `Paragraph ${i + 1}: the Ferrow valley reservoir stood at ${60 + i} per cent on the morning count.`,
).join(' ');

function rss(origin: string, items: { id: string; title: string; summary?: string; full?: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Ferrow Courier</title>
${items
  .map(
    (i) => `<item><title>${i.title}</title><link>${origin}/news/${i.id}</link><guid>${origin}/news/${i.id}</guid>
<pubDate>Mon, 09 Jun 2025 07:00:00 +0000</pubDate>${i.summary ? `<description>${i.summary}</description>` : ''}${
      i.full ? `<content:encoded><![CDATA[${i.full}]]></content:encoded>` : ''
    }</item>`,
  )
  .join('\n')}
</channel></rss>`;
}

describe('network sources', () => {
  it('a URL argument is fetched as a page; meta.url is where it ended after redirects', async () => {
    s.routes.set('/a', reply('', { location: '/articles/a' }, 302));
    s.routes.set('/articles/a', reply(articlePage('Reservoir at 61 per cent', ['Text.'])));
    expect(brief(await read([`${s.origin}/a`]))).toEqual([
      { origin: `${s.origin}/a`, url: `${s.origin}/articles/a`, title: 'Reservoir at 61 per cent' },
    ]);
  });

  it('without network access a URL is a clear failure, never a silent skip', async () => {
    expect(brief(await read([`${s.origin}/a`], {}))).toEqual([
      {
        origin: `${s.origin}/a`,
        rule: 'ingest/offline',
        reason: 'A URL needs network access, which is off (--offline)',
      },
    ]);
    expect(s.requests).toHaveLength(0);
  });

  describe('feeds', () => {
    beforeEach(() => {
      s.routes.set(
        '/feed.xml',
        reply(
          rss(s.origin, [
            { id: 'dam', title: 'Dam inspection passes', summary: 'Inspectors found no cracks.' },
            { id: 'full', title: 'Full story in feed', full: `<p>${LONG}</p>` },
            { id: 'gone', title: 'Removed story', summary: 'Short.' },
          ]),
          { 'content-type': 'application/rss+xml', etag: '"feed-1"' },
        ),
      );
      s.routes.set('/news/dam', reply(articlePage('Dam inspection passes', [LONG])));
    });

    it('follows summary-only items to their pages, keeps full items, reports a failed page per item', async () => {
      const results = brief(await read([`${s.origin}/feed.xml`]));
      expect(results).toEqual([
        { origin: `${s.origin}/news/dam`, url: `${s.origin}/news/dam`, title: 'Dam inspection passes' },
        { origin: `${s.origin}/feed.xml#2`, url: `${s.origin}/news/full`, title: 'Full story in feed' },
        {
          origin: `${s.origin}/news/gone`,
          rule: 'ingest/http-error',
          reason: 'Feed item 3 carries only a summary and its page failed: HTTP 404 Not Found',
        },
      ]);
      // The full item's page was not requested.
      expect(s.hits('/news/full')).toHaveLength(0);
    });

    it('the feed metadata stays with a followed page (title, date, site)', async () => {
      const [dam] = await read([`${s.origin}/feed.xml`]);
      expect(dam && 'raw' in dam && dam.raw.meta).toEqual({
        url: `${s.origin}/news/dam`,
        title: 'Dam inspection passes',
        published: '2025-06-09T07:00:00+00:00',
        site: 'Ferrow Courier',
      });
      expect(dam && 'raw' in dam && dam.raw.mediaType).toBe('text/html');
    });

    it('a feed file follows its items too', async () => {
      const p = file(
        'courier.xml',
        rss(s.origin, [{ id: 'dam', title: 'Dam inspection passes', summary: 'No cracks.' }]),
      );
      expect(brief(await read([p]))).toEqual([
        { origin: `${s.origin}/news/dam`, url: `${s.origin}/news/dam`, title: 'Dam inspection passes' },
      ]);
    });

    it('a second run asks with If-None-Match; a 304 feed is unchanged', async () => {
      s.routes.set('/cond.xml', (req, res) => {
        if (req.headers['if-none-match'] === '"c1"') return void res.writeHead(304).end();
        res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"c1"' });
        res.end(rss(s.origin, [{ id: 'full', title: 'Full', full: `<p>${LONG}</p>` }]));
      });
      expect(brief(await read([`${s.origin}/cond.xml`]))).toHaveLength(1);
      expect(brief(await read([`${s.origin}/cond.xml`]))).toEqual([
        { origin: `${s.origin}/cond.xml`, unchanged: 'Not modified since the last fetch (HTTP 304)' },
      ]);
    });

    it('newItemsOnly (watch) skips items already read, without requesting their pages', async () => {
      await read([`${s.origin}/feed.xml`], online({ newItemsOnly: true }));
      expect(s.hits('/news/dam')).toHaveLength(1);
      s.routes.set(
        '/feed.xml',
        reply(
          rss(s.origin, [
            { id: 'new', title: 'Fresh item', full: `<p>${LONG}</p>` },
            { id: 'dam', title: 'Dam inspection passes', summary: 'Inspectors found no cracks.' },
            { id: 'full', title: 'Full story in feed', full: `<p>${LONG}</p>` },
            { id: 'gone', title: 'Removed story', summary: 'Short.' },
          ]),
          { 'content-type': 'application/rss+xml', etag: '"feed-2"' },
        ),
      );
      const second = brief(await read([`${s.origin}/feed.xml`], online({ newItemsOnly: true })));
      // Only the new item, and the one whose page failed last time (it is tried again).
      expect(second.map((r) => r.origin)).toEqual([`${s.origin}/feed.xml#1`, `${s.origin}/news/gone`]);
      expect(s.hits('/news/dam')).toHaveLength(1);
    });

    it('a stub content:encoded is followed; a description long enough to be the article is not', async () => {
      const longDescription = `${LONG} ${LONG}`.replace(/</g, '&lt;');
      s.routes.set(
        '/mixed.xml',
        reply(
          rss(s.origin, [
            { id: 'dam', title: 'Stub content', full: '<p>Read more on our site.</p>' },
            { id: 'old-style', title: 'Whole text in description', summary: longDescription },
          ]),
          { 'content-type': 'application/rss+xml' },
        ),
      );
      expect(brief(await read([`${s.origin}/mixed.xml`])).map((r) => r.origin)).toEqual([
        `${s.origin}/news/dam`,
        `${s.origin}/mixed.xml#2`,
      ]);
      expect(s.hits('/news/old-style')).toHaveLength(0);
    });

    it('when an item page failed, the next run reads the feed in full (no 304) and tries the item again', async () => {
      s.routes.set('/etag.xml', (req, res) => {
        if (req.headers['if-none-match'] === '"e1"') return void res.writeHead(304).end();
        res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"e1"' });
        res.end(rss(s.origin, [{ id: 'late', title: 'Late page', summary: 'Short.' }]));
      });
      let calls = 0;
      s.routes.set('/news/late', (_req, res) => {
        calls++;
        if (calls === 1) return void res.writeHead(503, { 'content-type': 'text/plain' }).end('busy');
        res.writeHead(200, { 'content-type': 'text/html' }).end(articlePage('Late page', [LONG]));
      });
      expect(brief(await read([`${s.origin}/etag.xml`], online({ newItemsOnly: true })))).toMatchObject([
        { origin: `${s.origin}/news/late`, rule: 'ingest/http-error' },
      ]);
      expect(brief(await read([`${s.origin}/etag.xml`], online({ newItemsOnly: true })))).toEqual([
        { origin: `${s.origin}/news/late`, url: `${s.origin}/news/late`, title: 'Late page' },
      ]);
      // Now everything succeeded: the validators are kept and the third run is a 304.
      expect(brief(await read([`${s.origin}/etag.xml`], online({ newItemsOnly: true })))).toEqual([
        { origin: `${s.origin}/etag.xml`, unchanged: 'Not modified since the last fetch (HTTP 304)' },
      ]);
    });

    it('malformed feed XML from a URL is one failure naming the URL', async () => {
      s.routes.set(
        '/broken.xml',
        reply('<rss><channel><item><title>x</item></channel></rss>', { 'content-type': 'application/rss+xml' }),
      );
      expect(brief(await read([`${s.origin}/broken.xml`]))).toEqual([
        {
          origin: `${s.origin}/broken.xml`,
          rule: 'ingest/invalid-xml',
          reason: expect.stringMatching(/^Malformed feed XML at line 1/),
        },
      ]);
    });
  });

  describe('URL lists', () => {
    it('a .txt of URLs is a URL list: each page fetched in order, a bad one fails alone', async () => {
      s.routes.set('/robots.txt', reply('User-agent: *\nDisallow: /private\n', { 'content-type': 'text/plain' }));
      s.routes.set('/p1', reply(articlePage('One', ['First.'])));
      s.routes.set('/p2', reply(articlePage('Two', ['Second.'])));
      s.routes.set('/private/p3', reply(articlePage('Three', ['Third.'])));
      s.routes.set('/plain', reply('A plain text note.', { 'content-type': 'text/plain; charset=utf-8' }));
      const p = file(
        'list.txt',
        `# morning reading\n${s.origin}/p1\n\n${s.origin}/private/p3\n${s.origin}/missing\n${s.origin}/p2\n${s.origin}/plain\n`,
      );
      const results = await read([p]);
      expect(brief(results)).toEqual([
        { origin: `${s.origin}/p1`, url: `${s.origin}/p1`, title: 'One' },
        {
          origin: `${s.origin}/private/p3`,
          rule: 'ingest/robots-disallowed',
          reason: `Blocked by robots.txt: ${s.origin}/robots.txt disallows /private/p3 (line 2)`,
        },
        { origin: `${s.origin}/missing`, rule: 'ingest/http-error', reason: 'HTTP 404 Not Found' },
        { origin: `${s.origin}/p2`, url: `${s.origin}/p2`, title: 'Two' },
        { origin: `${s.origin}/plain`, url: `${s.origin}/plain`, title: undefined },
      ]);
      expect(results.at(-1)).toMatchObject({ raw: { mediaType: 'text/plain', content: 'A plain text note.' } });
    });

    it('a .txt with prose and a URL in it is an article, not a list', async () => {
      const p = file('note.txt', `Read the full report at\n${s.origin}/p1\n`);
      const [r] = await read([p]);
      expect(r && 'raw' in r && r.raw.mediaType).toBe('text/plain');
      expect(s.requests).toHaveLength(0);
    });

    it('a URL that times out fails alone, the rest goes on', async () => {
      s.routes.set('/slow', () => {});
      s.routes.set('/p1', reply(articlePage('One', ['First.'])));
      const p = file('slow.urls', `${s.origin}/slow\n${s.origin}/p1\n`);
      const results = brief(await read([p], online({ fetch: { delayMs: 0, timeoutMs: 300, state } })));
      expect(results).toEqual([
        { origin: `${s.origin}/slow`, rule: 'ingest/timeout', reason: 'No complete answer within 0.3s (--timeout)' },
        { origin: `${s.origin}/p1`, url: `${s.origin}/p1`, title: 'One' },
      ]);
    });
  });

  describe('sitemaps', () => {
    const urlset = (paths: string[]) =>
      `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${paths
        .map((p) => `<url><loc>${s.origin}${p}</loc><lastmod>2025-06-01</lastmod></url>`)
        .join('')}</urlset>`;

    beforeEach(() => {
      for (const p of ['/s/1', '/s/2', '/s/3']) s.routes.set(p, reply(articlePage(`Page ${p}`, ['Body.'])));
    });

    it('a sitemap file lists pages; lastmod is not taken as a publication date', async () => {
      const results = await read([file('sitemap.xml', urlset(['/s/1', '/s/2']))]);
      expect(brief(results).map((r) => r.origin)).toEqual([`${s.origin}/s/1`, `${s.origin}/s/2`]);
      expect(results[0] && 'raw' in results[0] && results[0].raw.meta.published).toBeUndefined();
    });

    it('a sitemap index URL leads to its sitemaps, gzip-compressed ones too', async () => {
      s.routes.set(
        '/sitemap_index.xml',
        reply(
          `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${s.origin}/a.xml</loc></sitemap><sitemap><loc>${s.origin}/b.xml.gz</loc></sitemap></sitemapindex>`,
          { 'content-type': 'application/xml' },
        ),
      );
      s.routes.set('/a.xml', reply(urlset(['/s/1']), { 'content-type': 'application/xml' }));
      s.routes.set('/b.xml.gz', reply(gzipSync(urlset(['/s/2', '/s/3'])), { 'content-type': 'application/gzip' }));
      expect(brief(await read([`${s.origin}/sitemap_index.xml`])).map((r) => r.origin)).toEqual([
        `${s.origin}/s/1`,
        `${s.origin}/s/2`,
        `${s.origin}/s/3`,
      ]);
    });

    it('a gzip-compressed sitemap file (.xml.gz) works too, and a malformed one names the file', async () => {
      expect(brief(await read([file('sm.xml.gz', gzipSync(urlset(['/s/3'])))])).map((r) => r.origin)).toEqual([
        `${s.origin}/s/3`,
      ]);
      const bad = file('bad-sitemap.xml', '<urlset><url><loc>x</url></urlset>');
      expect(brief(await read([bad]))).toEqual([
        { origin: bad, rule: 'ingest/invalid-xml', reason: expect.stringMatching(/^Malformed sitemap XML/) },
      ]);
    });
  });

  it('a page whose header declares the wrong charset is not turned into mojibake', async () => {
    s.routes.set(
      '/fr',
      reply(Buffer.from(articlePage('Café du port', ['Réouverture à l’été.']), 'utf8'), {
        'content-type': 'text/html; charset=iso-8859-1',
      }),
    );
    const [r] = await read([`${s.origin}/fr`]);
    expect(r && 'raw' in r && r.raw.content).toContain('Réouverture à l’été.');
  });

  it('a 0-byte page is a clear failure', async () => {
    s.routes.set('/empty', reply(''));
    expect(brief(await read([`${s.origin}/empty`]))).toEqual([
      { origin: `${s.origin}/empty`, rule: 'ingest/empty', reason: 'Page is empty (HTTP 200)' },
    ]);
  });
});
