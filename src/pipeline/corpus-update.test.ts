/**
 * The background corpus update: one update at a time, requests during one make exactly one more
 * run, nothing runs when nothing was stored, and a failed update is reported and loses nothing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleCorpus } from '../corpus/fixtures.js';
import { analyzeCorpus } from '../corpus/index.js';
import { openStore, type Store } from '../store/open.js';
import { loadCorpus } from '../store/repos/corpus.js';
import { corpusGenerations } from '../store/repos/corpus-state.js';
import { analyzeCorpusInThread, CorpusUpdater } from './corpus-update.js';
import { ingestBody } from './ingest-text.js';

const ARTICLES = [
  [
    'Lake Ormen ferry service suspended after engine fire',
    'ORMEN, April 3, 2026 — The Lake Ormen ferry service was suspended on Friday after an engine fire on the ferry Kestrel Bay, the operator Ormen Lines said. Nobody was hurt.',
    'The 40 passengers were brought ashore by a rescue boat, the harbour master said.',
  ],
  [
    'Ormen ferry fire: operator blames faulty fuel pump',
    'ORMEN, April 4, 2026 — A faulty fuel pump caused the engine fire on the ferry Kestrel Bay on Friday, the operator Ormen Lines said on Saturday. The Lake Ormen ferry service stays suspended.',
    'Passengers stranded on the far shore were taken home by bus, Ormen Lines said.',
  ],
  [
    'Ormen ferry service to resume on Monday',
    'ORMEN, April 5, 2026 — The Lake Ormen ferry service will resume on Monday with a replacement ferry while the Kestrel Bay is repaired, the operator Ormen Lines said.',
    'The fuel pump that caught fire on Friday will be replaced on all three ferries, it said.',
  ],
].map((lines) => lines.join('\n\n'));

const text = (content: string) => ({ kind: 'text/plain' as const, bytes: new TextEncoder().encode(content), content });

/** An `exclusive` that holds every job until released, and counts jobs and overlap. */
function gate() {
  let release: () => void = () => {};
  let opened = new Promise<void>((resolve) => {
    release = resolve;
  });
  const stats = { jobs: 0, active: 0, maxActive: 0 };
  const exclusive = async <T>(job: () => Promise<T>): Promise<T> => {
    stats.jobs++;
    stats.active++;
    stats.maxActive = Math.max(stats.maxActive, stats.active);
    try {
      await opened;
      return await job();
    } finally {
      stats.active--;
    }
  };
  return {
    exclusive,
    stats,
    open: () => release(),
    close: () => {
      opened = new Promise<void>((resolve) => {
        release = resolve;
      });
    },
  };
}

const corpusRuns = async (store: Store) =>
  (await store.db.selectFrom('runs').select('inputs').execute()).filter((r) => r.inputs === '["corpus"]').length;

describe('CorpusUpdater', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore(path.join(mkdtempSync(path.join(tmpdir(), 'storyline-updater-')), 'store.db'));
  });
  afterEach(async () => {
    await store.close();
  });

  it('runs one update at a time; requests during one make exactly one more run', async () => {
    const g = gate();
    const updater = new CorpusUpdater(store, g.exclusive);
    expect((await ingestBody(store, text(ARTICLES[0] as string))).stored).toHaveLength(1);
    updater.request();
    expect(await updater.status()).toMatchObject({ state: 'updating', pending: false, behind: true });
    await expect.poll(() => g.stats.jobs).toBe(1);
    // Two more ingests while the first update waits at the gate.
    for (const a of ARTICLES.slice(1)) {
      expect((await ingestBody(store, text(a))).stored).toHaveLength(1);
      updater.request();
    }
    expect(await updater.status()).toMatchObject({ state: 'updating', pending: true, behind: true });
    g.open();
    await updater.idle();
    expect(g.stats).toEqual({ jobs: 2, active: 0, maxActive: 1 });
    const status = await updater.status();
    expect(status).toMatchObject({ state: 'idle', pending: false, behind: false });
    expect(status.lastUpdate).toMatchObject({ articles: 3, error: null });
    // The gate held the first job before it read anything, so it covered all three articles and
    // the second found the corpus current: it recorded no run.
    expect(await corpusRuns(store)).toBe(1);
    const stories = (await loadCorpus(store.db)).stories;
    expect(stories.flatMap((s) => s.articles)).toHaveLength(3);
  });

  it('does not recompute when nothing was stored', async () => {
    const updater = new CorpusUpdater(store, undefined, { thread: false });
    await ingestBody(store, text(ARTICLES[0] as string));
    updater.request();
    await updater.idle();
    expect(await corpusRuns(store)).toBe(1);
    // Same bytes again: unchanged, the corpus is current, a request is a no-op.
    expect((await ingestBody(store, text(ARTICLES[0] as string))).unchanged).toHaveLength(1);
    updater.request();
    await updater.idle();
    expect(await corpusRuns(store)).toBe(1);
    expect(await updater.status()).toMatchObject({ state: 'idle', behind: false });
  });

  it('reports a failed update, keeps the previous outputs, and succeeds on the next request', async () => {
    const updater = new CorpusUpdater(store, undefined, { thread: false });
    await ingestBody(store, text(ARTICLES[0] as string));
    updater.request();
    await updater.idle();
    const before = await loadCorpus(store.db);
    expect(before.stories).toHaveLength(1);
    await ingestBody(store, text(ARTICLES[1] as string));
    // Break the write: the redirects table is rewritten inside the replacing transaction.
    await sql`ALTER TABLE story_redirects RENAME TO story_redirects_away`.execute(store.db);
    updater.request();
    await updater.idle();
    const failed = await updater.status();
    expect(failed.lastUpdate?.error).toMatch(/story_redirects/);
    expect(failed.lastUpdate?.articles).toBeNull();
    expect(failed.behind).toBe(true);
    expect(await loadCorpus(store.db)).toEqual(before);
    // The run it opened is finished, so the API gives ETags again.
    const open = await store.db.selectFrom('runs').select('id').where('finished_at', 'is', null).execute();
    expect(open).toEqual([]);
    await sql`ALTER TABLE story_redirects_away RENAME TO story_redirects`.execute(store.db);
    updater.request();
    await updater.idle();
    expect(await updater.status()).toMatchObject({ behind: false, lastUpdate: { articles: 2, error: null } });
    const { stored, corpus } = await corpusGenerations(store.db);
    expect(corpus).toBe(stored);
  });
});

describe('analyzeCorpusInThread', () => {
  it('gives what analyzeCorpus gives in this thread, Maps included', async () => {
    const articles = sampleCorpus();
    const overrides = new Map([['person:tomasz-wrenik', null]]);
    const inThread = await analyzeCorpusInThread(articles, overrides);
    expect(inThread).toEqual(analyzeCorpus(articles, overrides));
    expect(inThread.remap).toBeInstanceOf(Map);
  });
});
