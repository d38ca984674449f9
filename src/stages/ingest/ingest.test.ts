import { mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type IngestResult, ingest } from './index.js';

async function collect(inputs: string[], options = {}): Promise<IngestResult[]> {
  const out: IngestResult[] = [];
  for await (const r of ingest(inputs, options)) out.push(r);
  return out;
}

function failureOf(r: IngestResult | undefined) {
  if (!r || !('failure' in r)) throw new Error(`expected a failure, got ${JSON.stringify(r)}`);
  return r.failure;
}

describe('ingest', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'storyline-ingest-'));
  const file = (name: string, content: string | Buffer) => {
    const p = path.join(dir, name);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, content);
    return p;
  };

  it('reads a text file as a RawDoc with a content hash and media type', async () => {
    const p = file('ok.txt', 'Floodwaters rose in Carrow on Tuesday.\n');
    const [r] = await collect([p]);
    expect(r && 'raw' in r && r.raw.mediaType).toBe('text/plain');
    if (r && 'raw' in r) {
      expect(r.raw.contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(r.raw.content).toBe('Floodwaters rose in Carrow on Tuesday.\n');
    }
  });

  it('walks directories recursively, only supported files, in sorted order', async () => {
    const sub = path.join(dir, 'tree');
    file('tree/b/two.html', '<p>two</p>');
    file('tree/a/one.txt', 'one');
    file('tree/a/skip.png', 'png');
    const results = await collect([sub]);
    expect(results.map((r) => path.relative(sub, r.origin))).toEqual(['a/one.txt', 'b/two.html']);
  });

  it('expands globs', async () => {
    file('glob/x1.txt', 'x1');
    file('glob/x2.txt', 'x2');
    const results = await collect([path.join(dir, 'glob', '*.txt')]);
    expect(results).toHaveLength(2);
  });

  it('strips a UTF-8 byte-order mark', async () => {
    const p = file('bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Héllo')]));
    const [r] = await collect([p]);
    expect(r && 'raw' in r && r.raw.content).toBe('Héllo');
  });

  describe('bad input: each failure names the file and the reason', () => {
    it.each([
      ['empty file', () => file('empty.txt', ''), 'ingest/empty', /empty/],
      ['whitespace-only file', () => file('blank.txt', '  \n\n '), 'ingest/empty', /empty/],
      [
        'binary file',
        () => file('photo.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0x1a, 0x0a])),
        'ingest/binary',
        /binary/,
      ],
      [
        'invalid UTF-8',
        () => file('latin1.txt', Buffer.from([0x4d, 0x61, 0x6e, 0x61, 0x67, 0x75, 0xe0, 0x20, 0x63])),
        'ingest/invalid-utf8',
        /byte 6/,
      ],
      ['missing path', () => path.join(dir, 'nope.txt'), 'ingest/not-found', /No such file/],
      ['unsupported type', () => file('data.pdf', '%PDF-1.4'), 'ingest/unsupported-type', /\.pdf/],
      ['glob matching nothing', () => path.join(dir, 'none-*.txt'), 'ingest/not-found', /No file matches/],
    ])('%s', async (_name, make, rule, reason) => {
      const p = make();
      const [r] = await collect([p]);
      const f = failureOf(r);
      expect(r?.origin).toBe(p);
      expect(f.rule).toBe(rule);
      expect(f.reason).toMatch(reason);
      expect(f.severity).toBe('fatal');
    });

    it('a 50 MB file is refused with the limit in the reason, without reading it', async () => {
      const p = file('huge.txt', '');
      truncateSync(p, 50 * 1024 * 1024);
      const [r] = await collect([p]);
      const f = failureOf(r);
      expect(f.rule).toBe('ingest/too-large');
      expect(f.reason).toBe('File is 50 MiB, over the 20 MiB limit (--max-bytes)');
    });

    it('keeps going after a failure', async () => {
      const good = file('good.txt', 'Good text.');
      const results = await collect([path.join(dir, 'missing.txt'), good]);
      expect(results.map((r) => 'raw' in r)).toEqual([false, true]);
    });
  });
});
