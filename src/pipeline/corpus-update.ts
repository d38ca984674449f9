/**
 * The corpus step: reload every stored article, run the corpus stages, replace their outputs.
 * It runs under a store-wide lock: two processes updating at once (queue workers on several
 * machines, or `analyze` next to them) could otherwise let one that loaded fewer articles
 * overwrite the newer result of the other.
 *
 * `CorpusUpdater` runs it in the background for the API: an ingest stores its article, asks for
 * an update and answers at once; one update runs at a time, and requests that arrive during it
 * make exactly one more run (which covers all of them).
 */
import { fileURLToPath } from 'node:url';
import type { CorpusArticle } from '../core/corpus.js';
import { analyzeCorpus, type CorpusAnalysis } from '../corpus/index.js';
import { withStoreLock } from '../store/dialect.js';
import type { Store } from '../store/open.js';
import { loadCorpusArticles } from '../store/repos/articles.js';
import { replaceCorpus } from '../store/repos/corpus.js';
import { corpusGenerations, markCorpusGeneration } from '../store/repos/corpus-state.js';
import { loadOverrides } from '../store/repos/overrides.js';
import { finishRun, startRun } from '../store/repos/runs.js';
import { startModuleWorker } from './module-worker.js';
import { CODE_VERSION } from './version.js';

const CORPUS_LOCK = 'storyline:corpus';

/** Recompute the corpus outputs from every stored article; returns the number of articles. */
export async function updateCorpus(store: Store): Promise<number> {
  return withStoreLock(store.db, CORPUS_LOCK, () => recompute(store));
}

/**
 * Recompute only when articles were stored since the corpus was last computed (queue workers
 * call this when the queue is empty); returns whether it ran.
 */
export async function updateCorpusIfBehind(store: Store): Promise<boolean> {
  return (await recomputeIfBehind(store)) !== null;
}

/** `updateCorpusIfBehind`, returning the number of articles analysed, or null when it did not run. */
async function recomputeIfBehind(
  store: Store,
  onStart?: () => Promise<void>,
  analyze: AnalyzeCorpus = analyzeCorpus,
): Promise<number | null> {
  if (!isBehind(await corpusGenerations(store.db))) return null;
  return withStoreLock(store.db, CORPUS_LOCK, async () => {
    // Another worker may have caught up while this one waited for the lock.
    if (!isBehind(await corpusGenerations(store.db))) return null;
    await onStart?.();
    return recompute(store, analyze);
  });
}

const isBehind = (g: { stored: number; corpus: number }) => g.corpus < g.stored;

/** How the corpus stages are run: in this thread, or `analyzeCorpusInThread`. */
type AnalyzeCorpus = (
  articles: CorpusArticle[],
  overrides: Map<string, string | null>,
) => CorpusAnalysis | Promise<CorpusAnalysis>;

async function recompute(store: Store, analyze: AnalyzeCorpus = analyzeCorpus): Promise<number> {
  // Read the generation before the articles: anything stored later bumps it past this value.
  const { stored } = await corpusGenerations(store.db);
  const articles = await loadCorpusArticles(store.db);
  const corpus = await analyze(articles, await loadOverrides(store.db));
  await replaceCorpus(store.db, corpus, corpus.remap, corpus.inferred);
  await markCorpusGeneration(store.db, stored);
  return articles.length;
}

/**
 * `analyzeCorpus` on a worker thread of its own, so the thread that calls it (the API server's)
 * keeps answering requests meanwhile: the stages are CPU-bound and take seconds on a big store.
 * The articles are copied to the thread (structured clone) and the result copied back.
 */
export function analyzeCorpusInThread(
  articles: CorpusArticle[],
  overrides: Map<string, string | null>,
): Promise<CorpusAnalysis> {
  const self = fileURLToPath(import.meta.url);
  const entry = self.replace(/corpus-update\.(ts|js)$/, 'corpus-worker.$1');
  const workerData = { articles, overrides };
  const worker = startModuleWorker(entry, { workerData });
  return new Promise((resolve, reject) => {
    worker.once('message', (message: { result: CorpusAnalysis } | { error: string }) => {
      if ('result' in message) resolve(message.result);
      else reject(new Error(message.error));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`Corpus worker stopped (exit code ${code}) before answering`)));
  });
}

/** Where the background corpus update stands (`GET /api/corpus/status`, the ingest answer). */
export interface CorpusStatus {
  /** `updating` while an update runs or is about to start; `idle` otherwise. */
  state: 'idle' | 'updating';
  /** Another update will run after the current one (articles arrived during it). */
  pending: boolean;
  /** Articles are stored that the corpus outputs (stories, conflicts…) do not cover yet. */
  behind: boolean;
  /** The last update this process finished, or null. */
  lastUpdate: {
    startedAt: string;
    finishedAt: string;
    /** Articles the update analysed (null when it failed). */
    articles: number | null;
    /** Why it failed, or null; the next request tries again. */
    error: string | null;
  } | null;
}

/**
 * Background corpus updates, one at a time (single flight). `exclusive` runs each update after
 * other store-wide writes of the process (the API's serial queue, shared with entity merges),
 * so the two never interleave. Each update that runs is recorded as a run (inputs `["corpus"]`)
 * so the API's ETags change when its results land.
 * @example
 * const corpus = new CorpusUpdater(store);
 * corpus.request(); // after storing articles; returns at once
 * await corpus.idle(); // tests and shutdown
 */
export class CorpusUpdater {
  private running: Promise<void> | null = null;
  private again = false;
  private last: CorpusStatus['lastUpdate'] = null;

  /**
   * @param exclusive runs each update after the process's other store-wide writes (default: at once).
   * @param options.thread run the corpus stages on a worker thread (default true), so this
   *   thread keeps serving requests.
   */
  constructor(
    private readonly store: Store,
    private readonly exclusive: <T>(job: () => Promise<T>) => Promise<T> = (job) => job(),
    private readonly options: { thread?: boolean } = {},
  ) {}

  /** Bring the corpus up to date in the background (a no-op run when it already is). */
  request(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop();
  }

  private async loop(): Promise<void> {
    // Let the caller answer its request before the (CPU-bound) update starts.
    await new Promise((resolve) => setImmediate(resolve));
    for (;;) {
      this.again = false;
      // runOnce records its own failures; this catch is for a failing `exclusive`.
      await this.exclusive(() => this.runOnce()).catch((error: Error) => {
        const at = new Date().toISOString();
        this.last = { startedAt: at, finishedAt: at, articles: null, error: error.message };
      });
      // Checked and cleared in one step: a request after this point starts a new loop.
      if (!this.again) {
        this.running = null;
        return;
      }
    }
  }

  private async runOnce(): Promise<void> {
    const startedAt = new Date().toISOString();
    let runId: number | null = null;
    try {
      const articles = await recomputeIfBehind(
        this.store,
        async () => {
          runId = await startRun(this.store.db, ['corpus'], CODE_VERSION);
        },
        this.options.thread === false ? analyzeCorpus : analyzeCorpusInThread,
      );
      if (articles !== null) this.last = { startedAt, finishedAt: new Date().toISOString(), articles, error: null };
    } catch (error) {
      this.last = { startedAt, finishedAt: new Date().toISOString(), articles: null, error: (error as Error).message };
    } finally {
      if (runId !== null) {
        await finishRun(this.store.db, runId, { stored: 0, skipped: 0, failed: 0 }).catch(() => {});
      }
    }
  }

  /** Where the updates stand. */
  async status(): Promise<CorpusStatus> {
    const generations = await corpusGenerations(this.store.db);
    return {
      state: this.running ? 'updating' : 'idle',
      pending: this.running !== null && this.again,
      behind: isBehind(generations),
      lastUpdate: this.last,
    };
  }

  /** Resolves once no update runs or is scheduled. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }
}
