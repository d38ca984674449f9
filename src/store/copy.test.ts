/**
 * `storyline migrate --from FILE.db --to postgres://…`: a SQLite store copied into PostgreSQL
 * reads back the same, with counts and checksums printed, and an occupied target is refused.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../../test/helpers/cli.js';
import { dropTestDatabasesAfterAll, testDialects } from '../../test/helpers/stores.js';
import { openStore } from './open.js';
import { loadCorpusArticles } from './repos/articles.js';
import { loadCorpus } from './repos/corpus.js';
import { getStats } from './repos/queries.js';

const postgres = testDialects().find((d) => d.name === 'postgres');
const it = postgres && !postgres.skip ? test : test.skip;
dropTestDatabasesAfterAll();

const CORPUS = path.resolve(import.meta.dirname, '../../examples/corpus');

describe('storyline migrate (SQLite → PostgreSQL)', () => {
  it('copies every table, prints equal counts and checksums, and the copy reads back the same', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'storyline-copy-')), 'source.db');
    const analyzed = await runCli(['analyze', path.join(CORPUS, 'strike-0*'), '--db', file, '--jobs', '1', '--quiet']);
    expect(analyzed.code, analyzed.stderr).toBe(0);
    const url = await (postgres as NonNullable<typeof postgres>).fresh('copy');

    const run = await runCli(['migrate', '--from', file, '--to', url]);
    expect(run.code, run.stderr).toBe(0);
    for (const table of ['articles', 'mentions', 'stories', 'story_members', 'entities', 'runs']) {
      const row = run.stdout.split('\n').find((l) => l.startsWith(`${table} `));
      const [, from, to, sumFrom, sumTo, verdict] = (row ?? '').split(/\s+/);
      expect(Number(from), `${table}: ${row}`).toBeGreaterThan(0);
      expect(to).toBe(from);
      expect(sumTo).toBe(sumFrom);
      expect(verdict).toBe('ok');
    }
    expect(run.stdout).toMatch(/every count and checksum equal/);
    expect(run.stdout).not.toContain(`:${new URL(url).password}@`);

    const [source, target] = [await openStore(file), await openStore(url)];
    try {
      expect(await loadCorpusArticles(target.db)).toEqual(await loadCorpusArticles(source.db));
      expect(await loadCorpus(target.db)).toEqual(await loadCorpus(source.db));
      expect(await getStats(target.db)).toEqual(await getStats(source.db));
    } finally {
      await source.close();
      await target.close();
    }

    // The target is no longer empty: a second copy is refused and changes nothing.
    const again = await runCli(['migrate', '--from', file, '--to', url]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds \d+ articles rows \(copy into an empty database\)/);
  }, 300_000);

  test('needs --to', async () => {
    const run = await runCli(['migrate', '--from', 'x.db']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Missing --to/);
  });
});
