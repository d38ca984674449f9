/**
 * Worker-thread entry for `analyzeCorpusInThread` (corpus-update.ts): one message in
 * (`{articles, overrides}`), one out (`{result}` or `{error}`), then the thread ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CorpusArticle } from '../core/corpus.js';
import { analyzeCorpus } from '../corpus/index.js';

const { articles, overrides } = workerData as {
  articles: CorpusArticle[];
  overrides: Map<string, string | null>;
};
try {
  parentPort?.postMessage({ result: analyzeCorpus(articles, overrides) });
} catch (error) {
  parentPort?.postMessage({ error: (error as Error).message });
}
