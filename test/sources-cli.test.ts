/**
 * Every source kind through the CLI, as a user runs it, against a local HTTP server (nothing
 * reaches the internet): feed URL and file, JSONL, WARC, URL list, sitemap, and `storyline watch`.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WARCRecord, WARCSerializer } from 'warcio';
import type { ExportDocument } from '../src/views/export.js';
import { runCli } from './helpers/cli.js';
import { articlePage, type LocalServer, reply, startServer } from './helpers/local-server.js';

const work = mkdtempSync(path.join(tmpdir(), 'storyline-sources-'));
const file = (name: string, content: string | Buffer) => {
  const p = path.join(work, name);
  writeFileSync(p, content);
  return p;
};
const FAST = ['--delay', '0', '--jobs', '1', '--quiet'];

/** A fictional article of a few paragraphs, distinct per topic so no two are copies. */
function story(topic: string, town: string): string[] {
  return [
    `${town} — The ${topic} in ${town} was the subject of a long council session on Tuesday evening, officials said.`,
    `Council member Oda Brenn said the ${topic} had been discussed for three years and that residents of ${town} deserved a decision before the winter.`,
    `"We have waited long enough," Brenn said. The council will vote on the ${topic} plan next month, and the budget office expects the cost to be about 2.4 million crowns.`,
    `Residents who spoke at the session were divided. Some asked for more time to study the ${topic} proposal; others said delays had already cost ${town} too much.`,
  ];
}

let s: LocalServer;
let feedItems: { id: string; title: string; town: string }[];
const rss = () => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Vell Valley Courier</title>
${feedItems
  .map(
    (i) =>
      `<item><title>${i.title}</title><link>${s.origin}/news/${i.id}</link><guid>${s.origin}/news/${i.id}</guid><pubDate>Tue, 10 Jun 2025 18:00:00 +0000</pubDate><description>${i.title}: a short summary.</description></item>`,
  )
  .join('\n')}
</channel></rss>`;

beforeAll(async () => {
  s = await startServer();
  feedItems = [
    { id: 'bridge', title: 'Bridge repair plan debated', town: 'Orlan' },
    { id: 'library', title: 'Library hours extended', town: 'Maseby' },
  ];
  let version = 0;
  s.routes.set('/feed.xml', (req, res) => {
    const etag = `"v${version}-${feedItems.length}"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304).end();
    version++;
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag: `"v${version}-${feedItems.length}"` });
    res.end(rss());
  });
  const topics: Record<string, [string, string]> = {
    bridge: ['bridge repair', 'Orlan'],
    library: ['library opening hours', 'Maseby'],
    ferry: ['ferry timetable', 'Kesh'],
    tram: ['tram extension', 'Dunmere'],
    market: ['market square paving', 'Lennick'],
    harbour: ['harbour dredging', 'Pell'],
  };
  for (const [id, [topic, town]] of Object.entries(topics)) {
    s.routes.set(`/news/${id}`, reply(articlePage(`${topic} debated in ${town}`, story(topic, town))));
  }
  s.routes.set('/robots.txt', reply('User-agent: *\nDisallow: /members/\n', { 'content-type': 'text/plain' }));
});
afterAll(async () => {
  await s.close();
});

async function exported(db: string): Promise<ExportDocument> {
  const out = path.join(work, `${path.basename(db)}.json`);
  await runCli(['export', '--format', 'json', '--db', db, '--out', out]);
  return JSON.parse(readFileSync(out, 'utf8')) as ExportDocument;
}

describe('analyze: sources', () => {
  it('a feed URL: items followed to their pages; the second run is a 304, nothing re-read', async () => {
    const db = path.join(work, 'feed.db');
    const first = await runCli(['analyze', `${s.origin}/feed.xml`, '--db', db, ...FAST]);
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/Analysed 1 inputs .*: 2 stored, 0 unchanged, 0 failed\./);
    const again = await runCli(['analyze', `${s.origin}/feed.xml`, '--db', db, ...FAST]);
    expect(again.stdout).toMatch(/: 0 stored, 1 unchanged, 0 failed\./);
    expect(s.hits('/feed.xml').at(-1)?.headers['if-none-match']).toMatch(/^"v1-2"$/);
  });

  it('a feed file, a URL list and a sitemap, in one run', async () => {
    const db = path.join(work, 'mixed.db');
    feedItems = [{ id: 'bridge', title: 'Bridge repair plan debated', town: 'Orlan' }];
    const feed = file('courier.xml', rss());
    const list = file('reading.txt', `${s.origin}/news/ferry\n${s.origin}/members/secret\n`);
    const sitemap = file(
      'sitemap.xml',
      `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${s.origin}/news/tram</loc></url></urlset>`,
    );
    const run = await runCli(['analyze', feed, list, sitemap, '--db', db, ...FAST]);
    expect(run.stdout).toMatch(/Analysed 3 inputs .*: 3 stored, 0 unchanged, 1 failed\./);
    expect(run.stderr).toBe(
      `failed: ${s.origin}/members/secret: Blocked by robots.txt: ${s.origin}/robots.txt disallows /members/secret (line 2) [ingest/robots-disallowed]\n`,
    );
    expect(run.code).toBe(1);
    const doc = await exported(db);
    expect(doc.articles.map((a) => a.origin).sort()).toEqual(
      [`${s.origin}/news/bridge`, `${s.origin}/news/ferry`, `${s.origin}/news/tram`].sort(),
    );
  });

  it('a JSONL file with the documented fields', async () => {
    const db = path.join(work, 'jsonl.db');
    const line = (id: string, topic: string, town: string) =>
      JSON.stringify({
        url: `https://courier.example/${id}`,
        title: `${topic} debated in ${town}`,
        text: story(topic, town).join('\n\n'),
        published: '2025-06-10T18:00:00Z',
        site: 'Vell Valley Courier',
        language: 'en',
        author: 'Oda Brenn',
      });
    const p = file(
      'articles.jsonl',
      `${line('a', 'ferry timetable', 'Kesh')}\n{"title": "no body"}\n${line('b', 'market square paving', 'Lennick')}\n`,
    );
    const run = await runCli(['analyze', p, '--db', db, ...FAST]);
    expect(run.stdout).toMatch(/: 2 stored, 0 unchanged, 1 failed\./);
    expect(run.stderr).toBe(`failed: ${p}:2: Article has no \`text\` or \`html\` field [ingest/empty]\n`);
    const doc = await exported(db);
    expect(doc.articles.map((a) => a.title).sort()).toEqual([
      'ferry timetable debated in Kesh',
      'market square paving debated in Lennick',
    ]);
  });

  it('a WARC file with a truncated last record: the whole records are stored, the cut one is named', async () => {
    const db = path.join(work, 'warc.db');
    const records: Buffer[] = [];
    for (const [id, topic, town] of [
      ['harbour', 'harbour dredging', 'Pell'],
      ['market', 'market square paving', 'Lennick'],
      ['tram', 'tram extension', 'Dunmere'],
    ] as const) {
      const record = WARCRecord.create(
        {
          url: `https://archive.example/${id}`,
          type: 'response',
          warcVersion: 'WARC/1.1',
          httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' },
        },
        (async function* () {
          yield new TextEncoder().encode(articlePage(`${topic} debated in ${town}`, story(topic, town)));
        })(),
      );
      records.push(Buffer.from(await WARCSerializer.serialize(record, { gzip: false })));
    }
    const whole = Buffer.concat(records);
    const p = file('crawl.warc', whole.subarray(0, whole.length - 300));
    const run = await runCli(['analyze', p, '--db', db, ...FAST]);
    expect(run.stdout).toMatch(/Analysed 1 inputs .*: 2 stored, 0 unchanged, 1 failed\./);
    expect(run.stderr).toMatch(
      new RegExp(
        `^failed: ${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}#3: Truncated WARC record \\(https://archive\\.example/tram\\): \\d+ bytes of its declared content are missing \\[ingest/truncated\\]\\n$`,
      ),
    );
  });

  it('--offline refuses URLs with a clear reason', async () => {
    const run = await runCli([
      'analyze',
      `${s.origin}/news/ferry`,
      '--offline',
      '--db',
      path.join(work, 'off.db'),
      ...FAST,
    ]);
    expect(run.stderr).toBe(
      `failed: ${s.origin}/news/ferry: A URL needs network access, which is off (--offline) [ingest/offline]\n`,
    );
    expect(run.code).toBe(1);
  });
});

describe('storyline watch', () => {
  it('ingests only new items: seen items are not fetched again, an unchanged feed is a 304', async () => {
    const db = path.join(work, 'watch.db');
    feedItems = [
      { id: 'bridge', title: 'Bridge repair plan debated', town: 'Orlan' },
      { id: 'library', title: 'Library hours extended', town: 'Maseby' },
    ];
    const before = s.hits('/news/bridge').length;
    const first = await runCli(['watch', `${s.origin}/feed.xml`, '--once', '--db', db, '--delay', '0', '--jobs', '1']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Poll 1 at \S+: 2 new stored, 0 unchanged, 0 failed; 2 articles in /);
    feedItems = [{ id: 'ferry', title: 'Ferry timetable changes', town: 'Kesh' }, ...feedItems];
    const second = await runCli([
      'watch',
      `${s.origin}/feed.xml`,
      '--every',
      '50ms',
      '--max-polls',
      '2',
      '--db',
      db,
      '--delay',
      '0',
      '--jobs',
      '1',
    ]);
    const polls = second.stdout.trim().split('\n');
    expect(polls).toHaveLength(2);
    expect(polls[0]).toMatch(/^Poll 1 at \S+: 1 new stored, 0 unchanged, 0 failed; 3 articles in /);
    expect(polls[1]).toMatch(/^Poll 2 at \S+: 0 new stored, 1 unchanged, 0 failed; 3 articles in /);
    // The bridge page was fetched once, by the first poll: seen items are skipped without a request.
    expect(s.hits('/news/bridge').length - before).toBe(1);
  });

  it('refuses a bad interval as a usage error', async () => {
    const run = await runCli(['watch', `${s.origin}/feed.xml`, '--every', 'soon', '--once']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Unexpected `--every soon`, expected a duration such as 30s, 10m or 1h/);
  });
});
