/**
 * The corpus step: reload every stored article, run the corpus stages, replace their outputs.
 * It runs under a store-wide lock: two processes updating at once (queue workers on several
 * machines, or `analyze` next to them) could otherwise let one that loaded fewer articles
 * overwrite the newer result of the other.
 */
import { analyzeCorpus } from '../corpus/index.js';
import { withStoreLock } from '../store/dialect.js';
import type { Store } from '../store/open.js';
import { loadCorpusArticles } from '../store/repos/articles.js';
import { replaceCorpus } from '../store/repos/corpus.js';
import { corpusGenerations, markCorpusGeneration } from '../store/repos/corpus-state.js';
import { loadOverrides } from '../store/repos/overrides.js';

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
  if (!isBehind(await corpusGenerations(store.db))) return false;
  return withStoreLock(store.db, CORPUS_LOCK, async () => {
    // Another worker may have caught up while this one waited for the lock.
    if (!isBehind(await corpusGenerations(store.db))) return false;
    await recompute(store);
    return true;
  });
}

const isBehind = (g: { stored: number; corpus: number }) => g.corpus < g.stored;

async function recompute(store: Store): Promise<number> {
  // Read the generation before the articles: anything stored later bumps it past this value.
  const { stored } = await corpusGenerations(store.db);
  const articles = await loadCorpusArticles(store.db);
  const corpus = analyzeCorpus(articles, await loadOverrides(store.db));
  await replaceCorpus(store.db, corpus, corpus.remap, corpus.inferred);
  await markCorpusGeneration(store.db, stored);
  return articles.length;
}
