/**
 * `storyline analyze --corpus-only` on the bundled example corpus: articles are extracted and
 * stored without per-article annotation, and the corpus stages still find the copies and stories
 * that need only the text (examples/corpus/README.md, "Syndicated / duplicate copies").
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExportDocument } from '../src/views/export.js';
import { runCli } from './helpers/cli.js';
import { EXAMPLE_CORPUS_DIR, exampleFiles } from './helpers/example-corpus.js';

const work = mkdtempSync(path.join(tmpdir(), 'storyline-corpus-only-'));
const db = path.join(work, 'corpus-only.db');
const jsonFile = path.join(work, 'export.json');

let run: Awaited<ReturnType<typeof runCli>>;
let exported: ExportDocument;

/** Export id of the example file whose name starts with `prefix`. */
function idOf(prefix: string): string {
  const article = exported.articles.find((a) => path.basename(a.origin).startsWith(prefix));
  if (!article) throw new Error(`no stored article from \`${prefix}\``);
  return article.id;
}

beforeAll(async () => {
  run = await runCli(['analyze', EXAMPLE_CORPUS_DIR, '--db', db, '--json', jsonFile, '--corpus-only', '--quiet']);
  exported = JSON.parse(readFileSync(jsonFile, 'utf8')) as ExportDocument;
});

describe('storyline analyze --corpus-only', () => {
  it('stores every example article and exits 0', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const files = exampleFiles().length;
    expect(run.stdout).toContain(`: ${files} stored, 0 unchanged, 0 failed.`);
    expect(exported.articles).toHaveLength(files);
  });

  it('stores no annotation: no mentions, quotes, claims or times, so no entities, timeline or quote records', () => {
    for (const article of exported.articles) {
      expect(article.entities, article.origin).toEqual([]);
      expect(article.quotes, article.origin).toEqual([]);
      expect(article.claims, article.origin).toEqual([]);
      expect(article.times, article.origin).toEqual([]);
    }
    expect(exported.entities).toEqual([]);
    expect(exported.timeline).toEqual([]);
    expect(exported.quotes ?? []).toEqual([]);
  });

  it('still extracts clean text and the wire credit', () => {
    const coastline = exported.articles.find((a) => a.id === idOf('border-05'));
    expect(coastline?.wire).toEqual(['AP']);
    expect(coastline?.text).toMatch(/^MERIDA CITY \(AP\)/);
    expect(exported.articles.find((a) => a.id === idOf('flood-05'))?.wire).toEqual(['AFP']);
  });

  it('finds the four AP copies as one copy group, and not the photo-credit articles', () => {
    const ap = ['border-05', 'border-06', 'border-07', 'border-08'].map(idOf);
    const linked = new Set(exported.duplicates.flatMap((d) => [d.a, d.b]));
    for (const id of ap) expect(linked, id).toContain(id);
    for (const d of exported.duplicates.filter((x) => ap.includes(x.a) || ap.includes(x.b))) {
      expect(ap).toContain(d.a);
      expect(ap).toContain(d.b);
      expect(d.similarity).toBeGreaterThan(0.5);
    }
    expect(linked).not.toContain(idOf('flood-01'));
  });

  it('puts the AP copies in one story counted as one independent source', () => {
    const ap = ['border-05', 'border-06', 'border-07', 'border-08'].map(idOf);
    const story = exported.stories.find((s) => s.articles.includes(ap[0] as string));
    expect(story?.articles).toEqual(expect.arrayContaining(ap));
    expect(story?.independentSources).toBe(story ? story.articles.length - ap.length + 1 : -1);
    expect(story?.events.length).toBeGreaterThanOrEqual(1);
  });

  it('groups the four example stories without annotation: no story mixes them, each mostly in one', () => {
    const prefixOf = (id: string) =>
      path.basename(exported.articles.find((a) => a.id === id)?.origin ?? '').split('-')[0] as string;
    for (const s of exported.stories) expect(new Set(s.articles.map(prefixOf)).size, s.title).toBe(1);
    for (const prefix of ['border', 'flood', 'breach', 'strike']) {
      const largest = Math.max(
        ...exported.stories.map((s) => s.articles.filter((id) => prefixOf(id) === prefix).length),
      );
      expect(largest, prefix).toBeGreaterThanOrEqual(5);
    }
    expect(exported.stories.length).toBeLessThan(exported.articles.length / 2);
  });

  it('skips the same inputs as unchanged when run again without the flag (documented in --help)', async () => {
    const again = await runCli(['analyze', EXAMPLE_CORPUS_DIR, '--db', db, '--quiet']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`: 0 stored, ${exampleFiles().length} unchanged, 0 failed.`);
    const help = await runCli(['analyze', '--help']);
    expect(help.stdout).toMatch(/--corpus-only/);
    expect(help.stdout).toMatch(/unannotated/);
  });
});
