import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { type LocalServer, reply, startServer } from '../../../../test/helpers/local-server.js';
import { decodeBytes } from './charset.js';
import { Fetcher, type FetchOutcome } from './http.js';
import { memoryFetchState } from './state.js';

const servers: LocalServer[] = [];
async function server(routes: Parameters<typeof startServer>[0]): Promise<LocalServer> {
  const s = await startServer(routes);
  servers.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const fast = (extra: ConstructorParameters<typeof Fetcher>[0] = {}) => new Fetcher({ delayMs: 0, ...extra });
const textOf = (o: FetchOutcome) => (o.kind === 'ok' ? o.bytes.toString('utf8') : `${o.kind}`);
const failureOf = (o: FetchOutcome) => (o.kind === 'failed' ? { rule: o.rule, reason: o.reason } : { kind: o.kind });

describe('Fetcher', () => {
  it('names Storyline in its User-Agent and reads robots.txt once per host', async () => {
    const s = await server({ '/a': reply('<p>A</p>'), '/b': reply('<p>B</p>') });
    const fetcher = fast();
    expect(textOf(await fetcher.fetch(`${s.origin}/a`))).toBe('<p>A</p>');
    expect(textOf(await fetcher.fetch(`${s.origin}/b`))).toBe('<p>B</p>');
    expect(s.hits('/robots.txt')).toHaveLength(1);
    expect(s.hits('/a')[0]?.headers['user-agent']).toMatch(/^Storyline\//);
  });

  it('a URL robots.txt disallows is not requested, and the reason says so', async () => {
    const s = await server({
      '/robots.txt': reply('User-agent: *\nDisallow: /private/\n\nUser-agent: Storyline\nDisallow: /drafts\n', {
        'content-type': 'text/plain',
      }),
      '/private/memo': reply('secret'),
      '/drafts/1': reply('draft'),
      '/public': reply('<p>ok</p>'),
    });
    const fetcher = fast();
    expect(failureOf(await fetcher.fetch(`${s.origin}/drafts/1`))).toEqual({
      rule: 'ingest/robots-disallowed',
      reason: `Blocked by robots.txt: ${s.origin}/robots.txt disallows /drafts/1 (line 5)`,
    });
    // The Storyline group replaces the `*` group (robots.txt semantics): /private is allowed to us.
    expect(textOf(await fetcher.fetch(`${s.origin}/private/memo`))).toBe('secret');
    expect(s.hits('/drafts/1')).toHaveLength(0);
  });

  it('a robots.txt answering 5xx puts the host off limits (RFC 9309); 404 means no rules', async () => {
    const down = await server({ '/robots.txt': reply('busy', {}, 503), '/a': reply('a') });
    const none = await server({ '/a': reply('a') });
    const fetcher = fast();
    expect(failureOf(await fetcher.fetch(`${down.origin}/a`))).toMatchObject({
      rule: 'ingest/robots-disallowed',
      reason: expect.stringMatching(/robots\.txt answers HTTP 503/),
    });
    expect(down.hits('/a')).toHaveLength(0);
    expect(textOf(await fetcher.fetch(`${none.origin}/a`))).toBe('a');
  });

  it('follows redirects to the final URL, reports a loop and a too-long chain', async () => {
    const redirect = (to: string) => reply('', { location: to }, 301);
    const s = await server({
      '/old': redirect('/new'),
      '/new': reply('<p>moved</p>'),
      '/loop-a': redirect('/loop-b'),
      '/loop-b': redirect('/loop-a'),
      ...Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`/hop${i}`, redirect(`/hop${i + 1}`)])),
    });
    const fetcher = fast();
    const moved = await fetcher.fetch(`${s.origin}/old`);
    expect(moved).toMatchObject({ kind: 'ok', requested: `${s.origin}/old`, url: `${s.origin}/new` });
    expect(failureOf(await fetcher.fetch(`${s.origin}/loop-a`))).toEqual({
      rule: 'ingest/redirect-loop',
      reason: `Redirect loop: ${s.origin}/loop-a → ${s.origin}/loop-b → ${s.origin}/loop-a`,
    });
    expect(failureOf(await fetcher.fetch(`${s.origin}/hop0`))).toMatchObject({
      rule: 'ingest/too-many-redirects',
      reason: expect.stringMatching(/^More than 5 redirects: .*\/hop0 → .*\/hop5 → …$/),
    });
  });

  it('gives up on a server that never answers, after the timeout, and goes on', async () => {
    const s = await server({ '/hang': () => {}, '/ok': reply('fine') });
    const fetcher = fast({ timeoutMs: 300 });
    const t0 = Date.now();
    expect(failureOf(await fetcher.fetch(`${s.origin}/hang`))).toEqual({
      rule: 'ingest/timeout',
      reason: 'No complete answer within 0.3s (--timeout)',
    });
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(textOf(await fetcher.fetch(`${s.origin}/ok`))).toBe('fine');
  });

  it('a body that stops mid-way (slow drip past the timeout) is a timeout too', async () => {
    const s = await server({
      '/drip': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('<p>start');
        // never ends
      },
    });
    expect(failureOf(await fast({ timeoutMs: 300 }).fetch(`${s.origin}/drip`))).toMatchObject({
      rule: 'ingest/timeout',
    });
  });

  describe('size limits', () => {
    it('a declared 100 MB page is refused before its body is read', async () => {
      let written = 0;
      const s = await server({
        '/huge': (_req, res) => {
          res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(100 * 1024 * 1024) });
          const chunk = Buffer.alloc(64 * 1024, 0x61);
          const pump = () => {
            while (written < 100 * 1024 * 1024 && res.write(chunk)) written += chunk.length;
          };
          res.on('drain', pump);
          pump();
        },
      });
      expect(failureOf(await fast({ maxBytes: 1024 * 1024 }).fetch(`${s.origin}/huge`))).toEqual({
        rule: 'ingest/too-large',
        reason: 'Response is 100 MiB, over the 1 MiB limit (--max-bytes)',
      });
      expect(written).toBeLessThan(20 * 1024 * 1024);
    });

    it('an undeclared endless body is cut at the limit while streaming', async () => {
      const s = await server({
        '/endless': (_req, res) => {
          res.writeHead(200, { 'content-type': 'text/html' });
          const chunk = Buffer.alloc(64 * 1024, 0x62);
          const pump = () => {
            while (!res.destroyed && res.write(chunk)) {}
          };
          res.on('drain', pump);
          pump();
        },
      });
      expect(failureOf(await fast({ maxBytes: 512 * 1024 }).fetch(`${s.origin}/endless`))).toEqual({
        rule: 'ingest/too-large',
        reason: 'Response (after decompression) is over the 512 KiB limit (--max-bytes)',
      });
    });

    it('a gzip bomb (small on the wire, huge decompressed) is cut at the limit', async () => {
      const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20));
      expect(bomb.length).toBeLessThan(100 * 1024);
      const s = await server({ '/bomb': reply(bomb, { 'content-encoding': 'gzip' }) });
      expect(failureOf(await fast({ maxBytes: 1024 * 1024 }).fetch(`${s.origin}/bomb`))).toMatchObject({
        rule: 'ingest/too-large',
      });
    });
  });

  it('remembers ETag and Last-Modified and answers 304 as not-modified', async () => {
    const s = await server({
      '/etag': (req, res) => {
        if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
        res.writeHead(200, { etag: '"v1"', 'content-type': 'text/html' }).end('<p>one</p>');
      },
      '/dated': (req, res) => {
        const stamp = 'Tue, 10 Jun 2025 08:00:00 GMT';
        if (req.headers['if-modified-since'] === stamp) return void res.writeHead(304).end();
        res.writeHead(200, { 'last-modified': stamp, 'content-type': 'text/html' }).end('<p>two</p>');
      },
    });
    const state = memoryFetchState();
    for (const path of ['/etag', '/dated']) {
      expect((await fast({ state }).fetch(`${s.origin}${path}`)).kind).toBe('ok');
      // A new run (new Fetcher) with the same remembered state sends the validators.
      expect(await fast({ state }).fetch(`${s.origin}${path}`)).toMatchObject({ kind: 'not-modified' });
    }
    expect(s.hits('/etag')[1]?.headers['if-none-match']).toBe('"v1"');
    expect(await state.validators(`${s.origin}/dated`)).toEqual({ lastModified: 'Tue, 10 Jun 2025 08:00:00 GMT' });
  });

  it('HTTP errors name the status, and Retry-After when the server is busy', async () => {
    const s = await server({ '/gone': reply('gone', {}, 410), '/busy': reply('later', { 'retry-after': '120' }, 429) });
    expect(failureOf(await fast().fetch(`${s.origin}/gone`))).toEqual({
      rule: 'ingest/http-error',
      reason: 'HTTP 410 Gone',
    });
    expect(failureOf(await fast().fetch(`${s.origin}/busy`))).toEqual({
      rule: 'ingest/http-error',
      reason: 'HTTP 429 Too Many Requests (the server asks to retry after 120)',
    });
  });

  it('keeps one request in flight per host and spaces them by the delay; hosts do not wait for each other', async () => {
    let active = 0;
    let most = 0;
    const slow = (body: string) => (_req: unknown, res: import('node:http').ServerResponse) => {
      active++;
      most = Math.max(most, active);
      setTimeout(() => {
        active--;
        res.writeHead(200, { 'content-type': 'text/html' }).end(body);
      }, 50);
    };
    const a = await server({ '/1': slow('1'), '/2': slow('2'), '/3': slow('3') });
    const b = await server({ '/1': reply('b1') });
    const fetcher = new Fetcher({ delayMs: 150, perHost: 1 });
    const t0 = Date.now();
    const [r1, r2, r3, rb] = await Promise.all([
      fetcher.fetch(`${a.origin}/1`),
      fetcher.fetch(`${a.origin}/2`),
      fetcher.fetch(`${a.origin}/3`),
      fetcher.fetch(`${b.origin}/1`),
    ]);
    expect([r1, r2, r3, rb].map(textOf)).toEqual(['1', '2', '3', 'b1']);
    expect(most).toBe(1);
    const starts = ['/1', '/2', '/3'].map((p) => a.hits(p)[0]?.at ?? 0);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(140);
    // Host b waited only for its own robots.txt and delay, not for host a's queue.
    expect((b.hits('/1')[0]?.at ?? 0) - t0).toBeLessThan(starts[2]! - t0);
  });

  it('honours a robots.txt Crawl-delay above the configured delay', async () => {
    const s = await server({
      '/robots.txt': reply('User-agent: *\nCrawl-delay: 0.3\n', { 'content-type': 'text/plain' }),
      '/1': reply('1'),
      '/2': reply('2'),
    });
    const fetcher = fast();
    await Promise.all([fetcher.fetch(`${s.origin}/1`), fetcher.fetch(`${s.origin}/2`)]);
    const [one, two] = [s.hits('/1')[0]?.at ?? 0, s.hits('/2')[0]?.at ?? 0];
    expect(Math.abs(two - one)).toBeGreaterThanOrEqual(280);
  });
});

describe('decodeBytes', () => {
  const cafe = 'Le café de la gare ouvre à 6 h, « enfin ».';
  it.each([
    ['HTTP header', iconv.encode(`<p>${cafe}</p>`, 'latin1'), 'text/html; charset=ISO-8859-1', 'windows-1252'],
    [
      '<meta charset>',
      iconv.encode(`<html><head><meta charset="windows-1252"></head><p>${cafe}</p>`, 'windows-1252'),
      'text/html',
      'windows-1252',
    ],
    [
      '<meta http-equiv>',
      iconv.encode(
        `<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15"><p>${cafe}</p>`,
        'iso-8859-15',
      ),
      null,
      'iso-8859-15',
    ],
    [
      'UTF-16 BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(`<p>${cafe}</p>`, 'utf-16le')]),
      null,
      'utf-16le',
    ],
    ['no declaration, legacy bytes', iconv.encode(`<p>${cafe}</p>`, 'windows-1252'), null, 'windows-1252'],
  ])('decodes by %s', (_how, bytes, contentType, charset) => {
    const decoded = decodeBytes(bytes, contentType);
    expect(decoded).toMatchObject({ charset });
    expect('text' in decoded && decoded.text).toContain(cafe);
  });

  it('a page labelled ISO-8859-1 is read as windows-1252, as browsers do (dashes and curly quotes survive)', () => {
    const text = 'Il a dit \u201cnon\u201d \u2014 puis 5\u20ac.';
    const decoded = decodeBytes(iconv.encode(`<p>${text}</p>`, 'windows-1252'), 'text/html; charset=iso-8859-1');
    expect('text' in decoded && decoded.text).toBe(`<p>${text}</p>`);
  });

  it('valid UTF-8 wins over a wrong declaration: no mojibake', () => {
    const bytes = Buffer.from(`<html><head><meta charset="iso-8859-1"></head><p>${cafe}</p></html>`, 'utf8');
    const decoded = decodeBytes(bytes, 'text/html; charset=windows-1252');
    expect(decoded).toMatchObject({ charset: 'utf-8', declared: 'windows-1252' });
    expect('text' in decoded && decoded.text).toContain(cafe);
    expect('text' in decoded && decoded.text).not.toContain('Ã©');
  });

  it('an unknown charset on bytes that are not UTF-8 is an error naming it', () => {
    expect(decodeBytes(Buffer.from([0x3c, 0x70, 0x3e, 0xe9]), 'text/html; charset=x-klingon')).toEqual({
      error: 'Unknown charset `x-klingon` and the bytes are not valid UTF-8',
    });
  });
});
