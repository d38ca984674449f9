/**
 * End to end through the CLI, on the bundled example corpus and on bad input, as a user runs it.
 */
import { mkdirSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExportDocument } from '../src/views/export.js';
import { runCli } from './helpers/cli.js';

const CORPUS = path.resolve('examples/corpus');
const work = mkdtempSync(path.join(tmpdir(), 'storyline-cli-'));
const db = path.join(work, 'example.db');
const jsonFile = path.join(work, 'export.json');

let first: Awaited<ReturnType<typeof runCli>>;
let exported: ExportDocument;

beforeAll(async () => {
  first = await runCli(['analyze', CORPUS, '--db', db, '--json', jsonFile]);
  exported = JSON.parse(readFileSync(jsonFile, 'utf8')) as ExportDocument;
});

describe('storyline analyze on the example corpus', () => {
  it('stores every article and exits 0', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Analysed \d+ inputs .*: (\d+) stored, 0 unchanged, 0 failed\./);
    expect(exported.articles.length).toBeGreaterThanOrEqual(24);
  });

  it('prints stories with articles, independent sources, actors, quotes, claims and conflicts', () => {
    expect(first.stdout).toMatch(/\[1\] .+ \(s_[0-9a-z]+\)/);
    expect(first.stdout).toMatch(/\d+ articles?, \d+ independent sources?/);
    expect(first.stdout).toMatch(/People: /);
    expect(first.stdout).toMatch(/Quotes:\n {6}“/);
    expect(first.stdout).toMatch(/Claims:\n/);
    expect(first.stdout).toMatch(/Conflicts:\n {6}! quantity: /);
    expect(first.stdout).toMatch(/\n {6}~ quantity: deaths over time: /);
    expect(first.stdout).toMatch(/\n {6}! attribution: We will not negotiate/);
  });

  it('writes an export that validates against schema/export.schema.json', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const schema = JSON.parse(readFileSync('schema/export.schema.json', 'utf8'));
    const validate = ajv.compile(schema);
    const ok = validate(exported);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('every item of every article slices to its own text', () => {
    let items = 0;
    for (const a of exported.articles) {
      for (const item of [...a.entities, ...a.quotes, ...a.claims, ...a.times]) {
        expect(a.text.slice(item.start, item.end)).toBe(item.text);
        items++;
      }
    }
    expect(items).toBeGreaterThan(500);
    // A quote's cue and speaker spans point at its cue ("said", "according to") and a non-empty speaker phrase.
    let cues = 0;
    for (const a of exported.articles) {
      for (const q of a.quotes) {
        if (q.cueSpan) {
          expect(a.text.slice(q.cueSpan.start, q.cueSpan.end).toLowerCase()).toBe(q.cue?.toLowerCase());
          cues++;
        }
        if (q.speakerSpan) expect(a.text.slice(q.speakerSpan.start, q.speakerSpan.end).trim()).not.toBe('');
      }
    }
    expect(cues).toBeGreaterThan(100);
    for (const c of exported.conflicts) {
      for (const e of c.items) {
        const article = exported.articles.find((a) => a.id === e.article);
        expect(article?.text.slice(e.start, e.end)).toBe(e.text);
      }
    }
  });

  it('groups the four stories and counts the wire copies as one source', () => {
    expect(exported.stories.length).toBeGreaterThanOrEqual(4);
    const byOrigin = new Map(exported.articles.map((a) => [path.basename(a.origin), a.id]));
    const wireIds = [...byOrigin].filter(([f]) => f.startsWith('border-0') && f.includes('wire')).map(([, id]) => id);
    expect(wireIds.length).toBeGreaterThanOrEqual(4);
    const story = exported.stories.find((s) => wireIds.every((id) => s.articles.includes(id)));
    expect(story).toBeDefined();
    expect(story!.independentSources).toBeLessThanOrEqual(story!.articles.length - wireIds.length + 1);
    const flood = byOrigin.get('flood-01-valdoria-today-dam-collapse.txt');
    expect(story!.articles).not.toContain(flood);
  });

  it('finds a quantity conflict, a quantity evolution and an attribution conflict', () => {
    expect(exported.conflicts.some((c) => c.kind === 'quantity' && c.evolution === false)).toBe(true);
    expect(exported.conflicts.some((c) => c.kind === 'quantity' && c.evolution === true)).toBe(true);
    expect(exported.conflicts.some((c) => c.kind === 'attribution')).toBe(true);
  });

  it('re-analysing the same files is a no-op', async () => {
    const before = exported.articles.length;
    const again = await runCli(['analyze', CORPUS, '--db', db, '--quiet']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`0 stored, ${before} unchanged, 0 failed`));
    const exportAgain = await runCli(['export', '--db', db, '--format', 'json']);
    const doc = JSON.parse(exportAgain.stdout) as ExportDocument;
    expect(doc.articles.length).toBe(before);
    expect(doc.stories.map((s) => s.storyId).sort()).toEqual(exported.stories.map((s) => s.storyId).sort());
  });

  it('gives the same result in one thread as on worker threads', async () => {
    const single = path.join(work, 'single.json');
    const run = await runCli([
      'analyze',
      CORPUS,
      '--db',
      path.join(work, 'single.db'),
      '--json',
      single,
      '--jobs',
      '1',
      '--quiet',
    ]);
    expect(run.code).toBe(0);
    const doc = JSON.parse(readFileSync(single, 'utf8')) as ExportDocument;
    const strip = (d: ExportDocument) => ({ ...d, generatedAt: null });
    expect(strip(doc)).toEqual(strip(exported));
  });

  it('show marks an article and lists its items', async () => {
    const article = exported.articles.find((a) => a.quotes.length > 0 && a.claims.length > 0)!;
    const shown = await runCli(['show', article.id, '--db', db]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`id: ${article.id}`);
    expect(shown.stdout).toMatch(/\]\{(person|organization|place|country)\}/);
    expect(shown.stdout).toContain('«');
    expect(shown.stdout).toContain('⟦');
  });

  it('show prints a story with its articles', async () => {
    const story = exported.stories[0]!;
    const shown = await runCli(['show', story.storyId, '--db', db]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(story.title);
    for (const id of story.articles) expect(shown.stdout).toContain(id);
  });

  it('stories and export md/jsonl read the same store', async () => {
    const stories = await runCli(['stories', '--db', db]);
    expect(stories.stdout).toContain(exported.stories[0]!.storyId);
    const md = await runCli(['export', '--format', 'md', '--db', db]);
    expect(md.stdout).toMatch(/^# Storyline report/);
    const jsonl = await runCli(['export', '--format', 'jsonl', '--db', db]);
    const records = jsonl.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { record: string });
    expect(records.filter((r) => r.record === 'article')).toHaveLength(exported.articles.length);
  });
});

describe('bad input', () => {
  const dir = path.join(work, 'bad');
  const put = (name: string, content: string | Buffer) => {
    const p = path.join(dir, name);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, content);
    return p;
  };

  it('lists each failure with file and reason, stores the rest, keeps what was stored, exits 1', async () => {
    const badDb = path.join(work, 'bad.db');
    const seeded = await runCli([
      'analyze',
      path.join(CORPUS, 'flood-01-valdoria-today-dam-collapse.txt'),
      '--db',
      badDb,
      '--quiet',
    ]);
    expect(seeded.code).toBe(0);
    put('empty.txt', '');
    put('binary.html', Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff, 0xfe]));
    put('latin1.txt', Buffer.from('Caf\xe9 owners in Merida said the river rose fast.', 'latin1'));
    put(
      'no-article.html',
      '<html><head><title>Home</title></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav><footer>© Northgate Herald</footer></body></html>',
    );
    const huge = put('huge.txt', '');
    truncateSync(huge, 50 * 1024 * 1024);
    const good = put('good.txt', readFileSync(path.join(CORPUS, 'breach-04-coastline-daily-ceo-apology.txt')));
    const missing = path.join(dir, 'does-not-exist.txt');

    const run = await runCli(['analyze', dir, missing, '--db', badDb, '--quiet']);
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    const reasonFor = (file: string) => lines.find((l) => l.includes(file));
    expect(reasonFor('empty.txt')).toMatch(/File is empty \[ingest\/empty\]/);
    expect(reasonFor('binary.html')).toMatch(/binary.*\[ingest\/binary\]/);
    expect(reasonFor('latin1.txt')).toMatch(/invalid UTF-8 at byte 3.*\[ingest\/invalid-utf8\]/);
    expect(reasonFor('no-article.html')).toMatch(/\[extract\/empty-body\]/);
    expect(reasonFor('huge.txt')).toMatch(/50 MiB, over the 20 MiB limit/);
    expect(reasonFor('does-not-exist.txt')).toMatch(/No such file or directory \[ingest\/not-found\]/);
    expect(lines).toHaveLength(6);
    expect(run.stdout).toMatch(/1 stored, 0 unchanged, 6 failed/);

    const doc = JSON.parse((await runCli(['export', '--db', badDb])).stdout) as ExportDocument;
    expect(doc.articles.map((a) => path.basename(a.origin)).sort()).toEqual([
      'flood-01-valdoria-today-dam-collapse.txt',
      'good.txt',
    ]);
    void good;
  });

  it('a directory of 10 000 tiny files: each named with its reason, the run finishes', async () => {
    const tiny = path.join(work, 'tiny');
    mkdirSync(tiny);
    for (let i = 0; i < 10_000; i++) writeFileSync(path.join(tiny, `t${i}.txt`), `Note ${i}.`);
    const run = await runCli(['analyze', tiny, '--db', path.join(work, 'tiny.db'), '--quiet']);
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(10_000);
    expect(lines[0]).toMatch(/t0\.txt: .+ \[extract\/empty-body\]/);
    expect(run.stdout).toMatch(/0 stored, 0 unchanged, 10000 failed/);
  });

  it('refuses a --db that is not a SQLite file without touching it', async () => {
    const notDb = put('notes.db', 'keep me');
    const run = await runCli(['analyze', CORPUS, '--db', notDb]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/not a SQLite database/);
    expect(readFileSync(notDb, 'utf8')).toBe('keep me');
  });
});

describe('usage errors exit 2', () => {
  it.each([
    [['analyze']],
    [['analyze', CORPUS, '--no-such-flag']],
    [['export', '--format', 'xml', '--db', db]],
    [['analyze', CORPUS, '--jobs', '0', '--db', db]],
    [['show', 'zz_nothing', '--db', db]],
    [['frobnicate']],
  ])('%j', async (args) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr.length).toBeGreaterThan(0);
  });

  it('--help exits 0 on every command', async () => {
    for (const command of ['analyze', 'stories', 'show', 'export']) {
      const run = await runCli([command, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Usage: storyline ${command}`);
    }
  });
});
