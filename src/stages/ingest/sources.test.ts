import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { RawDoc } from '../../core/doc.js';
import { type IngestResult, ingest } from './index.js';
import { toIsoDate } from './sources/feed.js';

async function collect(inputs: string[], options = {}): Promise<IngestResult[]> {
  const out: IngestResult[] = [];
  for await (const r of ingest(inputs, options)) out.push(r);
  return out;
}
const raws = (results: IngestResult[]): RawDoc[] => results.flatMap((r) => ('raw' in r ? [r.raw] : []));
const failures = (results: IngestResult[]) =>
  results.flatMap((r) => ('failure' in r ? [{ origin: r.origin, ...r.failure }] : []));

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Northwind Gazette</title>
<item><title>Library reopens &amp; shines</title><link>https://northwind.example/library</link>
<pubDate>Wed, 02 Apr 2025 09:30:00 +0200</pubDate><dc:creator>Mara Lind</dc:creator>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>The central library reopened on Wednesday.</p>]]></content:encoded></item>
<item><title>2025</title><guid>https://northwind.example/tram</guid><pubDate>Thu, 03 Apr 2025 07:00:00 GMT</pubDate>
<author>desk@northwind.example (Lea Hart)</author>
<description>&lt;p&gt;The tram line now runs to the hospital.&lt;/p&gt;</description></item>
<item><title>Only a link</title><link>https://northwind.example/empty</link></item>
</channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">Coastline Daily</title>
<entry><title>Storm closes coastal road</title>
<link rel="enclosure" href="https://coastline.example/storm.jpg"/><link rel="alternate" href="https://coastline.example/storm"/>
<published>2025-02-20T06:15:00-05:00</published><updated>2025-02-21T08:00:00-05:00</updated>
<author><name>Ruth Calloway</name></author>
<content type="html">&lt;p&gt;A storm closed the coastal road.&lt;/p&gt;</content></entry>
<entry><title>Ferry delayed</title><link href="https://coastline.example/ferry"/><updated>2025-02-22T10:00:00Z</updated>
<summary>The morning ferry left two hours late.</summary></entry>
</feed>`;

describe('ingest sources', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'storyline-sources-'));
  const file = (name: string, content: string | Buffer) => {
    const p = path.join(dir, name);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, content);
    return p;
  };

  describe('JSON Lines', () => {
    it('reads one article per line with its fields as meta; a bad line fails alone', async () => {
      const p = file(
        'a.jsonl',
        [
          JSON.stringify({
            url: 'https://harbour.example/ferry',
            title: 'Ferry resumes',
            text: 'The ferry resumed on Friday.',
            published: '2025-03-14',
            site: 'Harbour Post',
            language: 'en',
            author: 'Tomas Reyl',
            tags: ['ignored'],
          }),
          '{not json',
          '',
          JSON.stringify({ title: 'No body' }),
          JSON.stringify({ title: 'Bridge', html: '<p>The council approved a bridge.</p>' }),
          '[1, 2]',
        ].join('\n'),
      );
      const results = await collect([p]);
      expect(results.map((r) => r.origin)).toEqual([`${p}:1`, `${p}:2`, `${p}:4`, `${p}:5`, `${p}:6`]);
      const [first, second] = raws(results);
      expect(first).toMatchObject({
        origin: `${p}:1`,
        content: 'The ferry resumed on Friday.',
        mediaType: 'text/plain',
        meta: {
          url: 'https://harbour.example/ferry',
          title: 'Ferry resumes',
          published: '2025-03-14',
          site: 'Harbour Post',
          language: 'en',
          author: 'Tomas Reyl',
        },
      });
      expect(second).toMatchObject({ mediaType: 'text/html', meta: { title: 'Bridge' } });
      expect(failures(results).map((f) => [f.origin, f.rule])).toEqual([
        [`${p}:2`, 'ingest/invalid-json'],
        [`${p}:4`, 'ingest/empty'],
        [`${p}:6`, 'ingest/invalid-json'],
      ]);
      expect(failures(results)[0]?.reason).toMatch(/line 2/);
    });

    it('hashes each item by its own content: the same article in another file is the same hash', async () => {
      const line = JSON.stringify({ title: 'T', text: 'Same body.' });
      const [a] = raws(await collect([file('h1.jsonl', line)]));
      const [, b] = raws(await collect([file('h2.jsonl', `${JSON.stringify({ text: 'Other.' })}\n${line}`)]));
      expect(a?.contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(b?.contentHash).toBe(a?.contentHash);
    });
  });

  describe('JSON', () => {
    it('reads one article object', async () => {
      const p = file(
        'one.json',
        JSON.stringify({ title: 'Frost', text: 'A late frost hit.', published: '2025-04-07' }),
      );
      const results = await collect([p]);
      expect(raws(results)).toMatchObject([{ origin: p, content: 'A late frost hit.', meta: { title: 'Frost' } }]);
    });

    it('reads an array of articles, origin file#N, a bad element fails alone', async () => {
      const p = file('many.json', JSON.stringify([{ text: 'One.' }, 'nope', { html: '<p>Three.</p>' }]));
      const results = await collect([p]);
      expect(results.map((r) => [r.origin, 'raw' in r])).toEqual([
        [`${p}#1`, true],
        [`${p}#2`, false],
        [`${p}#3`, true],
      ]);
    });

    it.each([
      ['broken JSON', '{"text": "x"', 'ingest/invalid-json'],
      ['empty array', '[]', 'ingest/empty'],
      ['no text or html', '{"title":"t"}', 'ingest/empty'],
    ])('%s is one failure naming the file', async (_name, content, rule) => {
      const p = file(`bad-${rule.replace('/', '-')}-${content.length}.json`, content);
      expect(failures(await collect([p]))).toMatchObject([{ origin: p, rule }]);
    });
  });

  describe('feeds', () => {
    it('RSS 2.0: content:encoded first, then description; meta from the item and channel', async () => {
      const p = file('news.rss', RSS);
      const results = await collect([p]);
      const [library, tram] = raws(results);
      expect(library).toMatchObject({
        origin: `${p}#1`,
        content: '<p>The central library reopened on Wednesday.</p>',
        mediaType: 'text/html',
        meta: {
          url: 'https://northwind.example/library',
          title: 'Library reopens & shines',
          published: '2025-04-02T09:30:00+02:00',
          site: 'Northwind Gazette',
          author: 'Mara Lind',
        },
      });
      expect(tram).toMatchObject({
        content: '<p>The tram line now runs to the hospital.</p>',
        meta: {
          url: 'https://northwind.example/tram',
          title: '2025',
          published: '2025-04-03T07:00:00+00:00',
          author: 'Lea Hart',
        },
      });
      expect(failures(results)).toMatchObject([{ origin: `${p}#3`, rule: 'ingest/empty' }]);
    });

    it('Atom: alternate link, published over updated, summary when no content', async () => {
      const p = file('feed.atom', ATOM);
      const [storm, ferry] = raws(await collect([p]));
      expect(storm).toMatchObject({
        origin: `${p}#1`,
        content: '<p>A storm closed the coastal road.</p>',
        mediaType: 'text/html',
        meta: {
          url: 'https://coastline.example/storm',
          title: 'Storm closes coastal road',
          published: '2025-02-20T06:15:00-05:00',
          site: 'Coastline Daily',
          author: 'Ruth Calloway',
        },
      });
      expect(ferry).toMatchObject({
        content: 'The morning ferry left two hours late.',
        mediaType: 'text/plain',
        meta: { url: 'https://coastline.example/ferry', published: '2025-02-22T10:00:00Z' },
      });
    });

    it.each([
      ['malformed XML', '<rss><channel><item><title>x</item></channel></rss>', 'ingest/invalid-xml', /line 1/],
      ['not a feed', '<?xml version="1.0"?><html><body>x</body></html>', 'ingest/unsupported-type', /RSS or Atom/],
      [
        'feed without items',
        '<rss version="2.0"><channel><title>T</title></channel></rss>',
        'ingest/empty',
        /no items/,
      ],
    ])('%s is one failure naming the file', async (_name, content, rule, reason) => {
      const p = file(`bad-${rule.replace('/', '-')}.xml`, content);
      const results = await collect([p]);
      expect(results).toHaveLength(1);
      expect(failures(results)).toMatchObject([{ origin: p, rule }]);
      expect(failures(results)[0]?.reason).toMatch(reason);
    });

    it.each([
      ['Wed, 02 Apr 2025 09:30:00 +0200', '2025-04-02T09:30:00+02:00'],
      ['2 Apr 2025 09:30 EDT', '2025-04-02T09:30:00-04:00'],
      ['Wed, 02 Apr 2025 09:30:00 XYZ', '2025-04-02'],
      ['Wed, 02 Apr 25', '2025-04-02'],
      ['2025-04-02T09:30:00Z', '2025-04-02T09:30:00Z'],
      ['yesterday', undefined],
      ['Wed, 02 Foo 2025', undefined],
    ])('date %s → %s', (input, expected) => {
      expect(toIsoDate(input)).toBe(expected);
    });
  });

  describe('gzip', () => {
    it.each([
      ['t.txt.gz', 'Floodwaters rose in Carrow.', 1],
      ['p.html.gz', '<p>Floodwaters rose.</p>', 1],
      ['l.jsonl.gz', `${JSON.stringify({ text: 'One.' })}\n${JSON.stringify({ text: 'Two.' })}`, 2],
      ['j.json.gz', JSON.stringify({ text: 'One.' }), 1],
      ['f.xml.gz', RSS, 2],
    ])('reads %s like the uncompressed file', async (name, content, docs) => {
      const results = await collect([file(`gz/${name}`, gzipSync(Buffer.from(content)))]);
      expect(raws(results)).toHaveLength(docs);
    });

    it('a plain .txt.gz keeps the hash of the uncompressed file', async () => {
      const [plain] = raws(await collect([file('same.txt', 'Same text.')]));
      const [gz] = raws(await collect([file('same.txt.gz', gzipSync('Same text.'))]));
      expect(gz?.contentHash).toBe(plain?.contentHash);
    });

    it('a gzip bomb fails with the limit in the reason', async () => {
      const p = file('bomb.txt.gz', gzipSync(Buffer.alloc(4 * 1024 * 1024, 0x61)));
      const results = await collect([p], { maxBytes: 1024 * 1024 });
      expect(failures(results)).toEqual([
        {
          origin: p,
          severity: 'fatal',
          stage: 'ingest',
          rule: 'ingest/too-large',
          reason: 'Decompressed content is over the 1 MiB limit (--max-bytes)',
        },
      ]);
    });

    it('corrupt gzip data is a failure, not an exception', async () => {
      const p = file('corrupt.jsonl.gz', Buffer.from('not gzip at all'));
      expect(failures(await collect([p]))).toMatchObject([{ origin: p, rule: 'ingest/unreadable' }]);
    });

    it('an unsupported inner type names the full extension', async () => {
      const p = file('doc.pdf.gz', gzipSync('%PDF'));
      expect(failures(await collect([p]))[0]?.reason).toMatch(/`\.pdf\.gz`/);
    });
  });

  it('directories pick up every supported format, compressed or not, and skip the rest', async () => {
    file('tree/a.jsonl', JSON.stringify({ text: 'A.' }));
    file('tree/b.json', JSON.stringify({ text: 'B.' }));
    file('tree/c.rss', RSS);
    file('tree/d.atom', ATOM);
    file('tree/e.xml', ATOM);
    file('tree/f.txt.gz', gzipSync('F.'));
    file('tree/g.png', 'png');
    file('tree/h.tar.gz', gzipSync('tar'));
    const results = await collect([path.join(dir, 'tree')]);
    const files = [...new Set(results.map((r) => path.basename(r.origin).replace(/[#:]\d+$/, '')))];
    expect(files).toEqual(['a.jsonl', 'b.json', 'c.rss', 'd.atom', 'e.xml', 'f.txt.gz']);
  });

  describe('charset of HTML files', () => {
    it('an HTML file in windows-1252 that says so in <meta charset> is decoded, not refused', async () => {
      const html =
        '<html><head><meta charset="windows-1252"></head><body><p>Caf\u00e9 \u201cLa Gare\u201d reopens \u2014 at last.</p></body></html>';
      const p = file('legacy.html', iconv.encode(html, 'windows-1252'));
      expect(raws(await collect([p]))[0]?.content).toBe(html);
    });

    it('an HTML file that declares latin-1 but is UTF-8 is read as UTF-8 (no mojibake)', async () => {
      const html = '<html><head><meta charset="iso-8859-1"></head><body><p>Caf\u00e9 du port</p></body></html>';
      const p = file('mislabelled.html', Buffer.from(html, 'utf8'));
      expect(raws(await collect([p]))[0]?.content).toBe(html);
    });

    it('an undeclared non-UTF-8 HTML file is still refused with the byte offset', async () => {
      const p = file(
        'undeclared.html',
        Buffer.from([0x3c, 0x70, 0x3e, 0x43, 0x61, 0x66, 0xe9, 0x3c, 0x2f, 0x70, 0x3e]),
      );
      expect(failures(await collect([p]))).toMatchObject([
        { origin: p, rule: 'ingest/invalid-utf8', reason: /byte 6/ },
      ]);
    });
  });
});
