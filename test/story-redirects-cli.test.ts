/**
 * `storyline show` follows story redirects: after a second `analyze` gives a story a new id (the
 * day-one reports of the flood arrive after the later ones), the old id shows the story that now
 * holds its articles, saying so.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/open.js';
import { loadCorpus, loadStoryRedirects } from '../src/store/repos/corpus.js';
import { runCli } from './helpers/cli.js';

const CORPUS = path.resolve('examples/corpus');
const work = mkdtempSync(path.join(tmpdir(), 'storyline-redirect-cli-'));
const db = path.join(work, 'store.db');

function folder(name: string, prefixes: string[]): string {
  const dir = path.join(work, name);
  mkdirSync(dir);
  for (const f of readdirSync(CORPUS).filter((x) => prefixes.some((p) => x.startsWith(`${p}-`)))) {
    copyFileSync(path.join(CORPUS, f), path.join(dir, f));
  }
  return dir;
}

beforeAll(async () => {
  const later = folder('later', ['flood-03', 'flood-04', 'flood-05', 'flood-06', 'flood-07']);
  const earlier = folder('earlier', ['flood-01', 'flood-02']);
  expect((await runCli(['analyze', later, '--db', db, '--jobs', '1'])).code).toBe(0);
  expect((await runCli(['analyze', earlier, '--db', db, '--jobs', '1'])).code).toBe(0);
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('storyline show <old story id>', () => {
  it('shows the story the old id now belongs to', async () => {
    const store = await openStore(db);
    const [redirects, stories] = await Promise.all([loadStoryRedirects(store.db), loadCorpus(store.db)]);
    await store.close();
    expect(redirects.length).toBeGreaterThan(0);
    const redirect = redirects[0] as (typeof redirects)[number];
    const target = stories.stories.find((s) => s.storyId === redirect.to);
    expect(target).toBeDefined();
    const shown = await runCli(['show', redirect.from, '--db', db]);
    expect(shown.code).toBe(0);
    expect(shown.stdout.split('\n')[0]).toBe(`${redirect.from} is now part of ${redirect.to}`);
    expect(shown.stdout).toContain(`id: ${redirect.to}`);
    expect(shown.stdout).toContain(target?.title);
  });

  it('still refuses an id that is neither a story, an old story nor an article', async () => {
    const shown = await runCli(['show', 's_ffffffffffff', '--db', db]);
    expect(shown.code).not.toBe(0);
    expect(shown.stderr).toMatch(/Unexpected id `s_ffffffffffff`/);
  });
});
