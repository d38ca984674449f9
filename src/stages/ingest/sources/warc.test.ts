import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { WARCRecord, WARCSerializer } from 'warcio';
import { articlePage } from '../../../../test/helpers/local-server.js';
import { type IngestResult, ingest } from '../index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'storyline-warc-'));

async function* body(bytes: Uint8Array) {
  yield bytes;
}

interface RecordSpec {
  type: 'response' | 'request' | 'warcinfo' | 'metadata';
  url: string;
  payload: string | Buffer;
  headers?: Record<string, string>;
  status?: string;
}

/** WARC records written with warcio's serializer, each gzip member on its own when `gzip`. */
async function warc(records: RecordSpec[], gzip: boolean): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (const spec of records) {
    const payload = typeof spec.payload === 'string' ? Buffer.from(spec.payload, 'utf8') : spec.payload;
    const record = WARCRecord.create(
      {
        url: spec.url,
        type: spec.type,
        warcVersion: 'WARC/1.1',
        ...(spec.type === 'response' || spec.type === 'request'
          ? {
              statusline: spec.type === 'request' ? 'GET / HTTP/1.1' : (spec.status ?? 'HTTP/1.1 200 OK'),
              httpHeaders: spec.headers ?? { 'Content-Type': 'text/html; charset=utf-8' },
            }
          : {}),
      },
      body(payload),
    );
    parts.push(Buffer.from(await WARCSerializer.serialize(record, { gzip })));
  }
  return Buffer.concat(parts);
}

const PAGES = [
  articlePage('Harbour cranes return to service', [
    'The three harbour cranes at Lennick Quay returned to service on Monday after a two-week repair.',
    'Port director Ilse Varga said the backlog of containers would clear by Friday.',
  ]),
  articlePage('School roof fund approved', [
    'The Dunmere council approved a fund of 400,000 crowns for the school roof on Tuesday.',
  ]),
  articlePage('Night trains resume', ['Night trains between Oskar and Vell resume next month, the operator said.']),
];

const RECORDS: RecordSpec[] = [
  { type: 'warcinfo', url: '', payload: 'software: test\r\n' },
  { type: 'request', url: 'https://harbour.example/cranes', payload: '' },
  { type: 'response', url: 'https://harbour.example/cranes', payload: PAGES[0] as string },
  { type: 'metadata', url: 'https://harbour.example/cranes', payload: 'fetchTimeMs: 120\r\n' },
  {
    type: 'response',
    url: 'https://harbour.example/logo.png',
    payload: Buffer.from([0x89, 0x50, 0x4e, 0x47]),
    headers: { 'Content-Type': 'image/png' },
  },
  {
    type: 'response',
    url: 'https://harbour.example/old',
    payload: '',
    status: 'HTTP/1.1 301 Moved Permanently',
    headers: { Location: 'https://harbour.example/new' },
  },
  {
    type: 'response',
    url: 'https://dunmere.example/roof',
    payload: iconv.encode(PAGES[1] as string, 'latin1'),
    headers: { 'Content-Type': 'text/html; charset=iso-8859-1' },
  },
  {
    type: 'response',
    url: 'https://rail.example/night',
    payload: gzipSync(PAGES[2] as string),
    headers: { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' },
  },
];

async function read(file: string, options = {}): Promise<IngestResult[]> {
  const out: IngestResult[] = [];
  for await (const r of ingest([file], options)) out.push(r);
  return out;
}
const summary = (results: IngestResult[]) =>
  results.map((r) =>
    'raw' in r
      ? { origin: path.basename(r.origin), url: r.raw.meta.url, title: /<h1>(.*?)<\/h1>/.exec(r.raw.content)?.[1] }
      : 'failure' in r
        ? { origin: path.basename(r.origin), rule: r.failure.rule, reason: r.failure.reason }
        : r,
  );

describe('WARC source', () => {
  it.each([
    ['crawl.warc', false],
    ['crawl.warc.gz', true],
  ])('%s: one document per HTML response, with its URL; other records are skipped', async (name, gzip) => {
    const file = path.join(dir, name);
    writeFileSync(file, await warc(RECORDS, gzip));
    expect(summary(await read(file))).toEqual([
      { origin: `${name}#3`, url: 'https://harbour.example/cranes', title: 'Harbour cranes return to service' },
      { origin: `${name}#7`, url: 'https://dunmere.example/roof', title: 'School roof fund approved' },
      { origin: `${name}#8`, url: 'https://rail.example/night', title: 'Night trains resume' },
    ]);
  });

  it('decodes a latin-1 payload by its HTTP header and never passes the crawl date as published', async () => {
    const file = path.join(dir, 'meta.warc');
    writeFileSync(file, await warc(RECORDS, false));
    const roof = (await read(file)).find((r) => 'raw' in r && r.raw.meta.url === 'https://dunmere.example/roof');
    expect(roof && 'raw' in roof && roof.raw.content).toContain('400,000 crowns');
    expect(roof && 'raw' in roof && roof.raw.meta).toEqual({ url: 'https://dunmere.example/roof' });
  });

  it('a truncated last record is a failure naming it and its URL; the records before are read', async () => {
    const file = path.join(dir, 'cut.warc');
    const whole = await warc(RECORDS.slice(0, 7), false);
    writeFileSync(file, whole.subarray(0, whole.length - 200));
    const results = summary(await read(file));
    expect(results[0]).toMatchObject({ url: 'https://harbour.example/cranes' });
    expect(results.at(-1)).toEqual({
      origin: 'cut.warc#7',
      rule: 'ingest/truncated',
      reason: expect.stringMatching(
        /^Truncated WARC record \(https:\/\/dunmere\.example\/roof\): \d+ bytes of its declared content are missing$/,
      ),
    });
  });

  it('a .warc.gz cut inside a gzip member is a failure after the last whole record', async () => {
    const file = path.join(dir, 'cut.warc.gz');
    const whole = await warc(RECORDS.slice(0, 7), true);
    writeFileSync(file, whole.subarray(0, whole.length - 40));
    const results = summary(await read(file));
    expect(results[0]).toMatchObject({ url: 'https://harbour.example/cranes' });
    expect(results.at(-1)).toMatchObject({
      rule: 'ingest/truncated',
      origin: expect.stringMatching(/^cut\.warc\.gz#\d+$/),
    });
    expect(results.filter((r) => 'rule' in r)).toHaveLength(1);
  });

  it.each([
    ['empty.warc', Buffer.alloc(0), 'ingest/empty', /empty/],
    ['notes.warc', Buffer.from('These are my notes, not an archive.\n'), 'ingest/invalid-warc', /No WARC record/],
  ])('%s fails with a reason naming the file', async (name, bytes, rule, reason) => {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    const results = await read(file);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ origin: file, failure: { rule, reason: expect.stringMatching(reason) } });
  });

  it('a record over --max-bytes is refused alone', async () => {
    const file = path.join(dir, 'big.warc');
    const big = articlePage('Long', ['x'.repeat(50_000)]);
    writeFileSync(
      file,
      await warc([RECORDS[2] as RecordSpec, { type: 'response', url: 'https://big.example/', payload: big }], false),
    );
    const results = summary(await read(file, { maxBytes: 20_000 }));
    expect(results).toEqual([
      expect.objectContaining({ url: 'https://harbour.example/cranes' }),
      {
        origin: 'big.warc#2',
        rule: 'ingest/too-large',
        reason: expect.stringMatching(/^WARC record \(https:\/\/big\.example\/\) is .* over the 19\.5 KiB limit/),
      },
    ]);
  });

  it('directories pick up .warc and .warc.gz files', async () => {
    const sub = path.join(dir, 'tree');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, 'a.warc.gz'), await warc(RECORDS.slice(0, 3), true));
    writeFileSync(path.join(sub, 'b.warc'), await warc(RECORDS.slice(0, 3), false));
    const origins = (await read(sub)).map((r) => path.basename(r.origin));
    expect(origins).toEqual(['a.warc.gz#3', 'b.warc#3']);
  });
});
