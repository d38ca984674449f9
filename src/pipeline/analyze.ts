/**
 * The main job: ingest → extract → annotate → store → corpus stages.
 * Articles are stored in batches, each batch in one transaction; corpus outputs are then
 * recomputed from everything stored and replaced in one transaction.
 */
import type { Diagnostic } from '../core/diagnostic.js';
import type { NewsDoc, RawDoc } from '../core/doc.js';
import { analyzeCorpusStream } from '../corpus/stream.js';
import { extractArticle } from '../stages/extract/index.js';
import {
  expandInputs,
  type IngestOptions,
  type IngestResult,
  streamInputs,
  withFetcher,
} from '../stages/ingest/index.js';
import { withStoreLock } from '../store/dialect.js';
import type { Store } from '../store/open.js';
import { countArticles, findStoredHashes, insertDocs, loadCorpusArticles } from '../store/repos/articles.js';
import { replaceCorpus } from '../store/repos/corpus.js';
import { corpusGenerations, markCorpusGeneration } from '../store/repos/corpus-state.js';
import { storeFetchState } from '../store/repos/fetch-state.js';
import { loadOverrides } from '../store/repos/overrides.js';
import { finishRun, type RecordedDiagnostic, recordDiagnostics, startRun } from '../store/repos/runs.js';
import type { AnnotateOutcome } from './annotate-raw.js';
import { type Annotator, createAnnotator } from './annotator.js';
import { updateCorpus } from './corpus-update.js';
import { CODE_VERSION } from './version.js';

export interface AnalyzeOptions extends IngestOptions {
  /** No network access: URL inputs, URL lists and sitemaps fail, feed items are not followed. */
  offline?: boolean;
  /** Articles per store transaction (default 200). */
  batchSize?: number;
  /** `throw` in tests to surface stage bugs; `record` (default) keeps going. */
  errorPolicy?: 'throw' | 'record';
  /** Worker threads for extract + annotate (default: one per core; 1 = this thread). */
  concurrency?: number;
  /** Called after each document is handled (a JSONL file or feed counts each of its documents). */
  onProgress?: (done: number, origin: string) => void;
  /** Called once the inputs are expanded, with their number. */
  onInputs?: (count: number) => void;
  /** An annotator shared across runs (queue workers); the caller closes it. */
  annotator?: Annotator;
  /** `false`: store the articles only and leave the corpus update to the caller (queue workers). */
  corpus?: boolean;
  /**
   * `analyze --corpus-only`: extract and store articles without per-article annotation
   * (sentences, entities, quotes, claims, times), in this thread; the corpus stages then run as
   * usual over everything stored (copies and stories need only the text).
   */
  corpusOnly?: boolean;
}

export interface InputFailure {
  origin: string;
  diagnostic: Diagnostic;
}

export interface AnalyzeReport {
  runId: number;
  /** Inputs read (files, each of which may hold several documents), including failures. */
  inputs: number;
  stored: string[];
  /** Inputs whose bytes were already stored (re-analysis is a no-op). */
  unchanged: string[];
  failures: InputFailure[];
  /** Non-fatal diagnostics of stored articles. */
  warnings: number;
  articlesInStore: number;
  /** Milliseconds per step: ingest, extract, each annotate stage, store, corpus. */
  timings: Record<string, number>;
}

/** Run the main job on `inputs`, storing into `store`. */
export async function analyze(
  store: Store,
  inputs: readonly string[],
  options: AnalyzeOptions = {},
): Promise<AnalyzeReport> {
  const annotator =
    options.annotator ??
    (options.corpusOnly ? extractOnlyAnnotator(options.errorPolicy ?? 'record') : undefined) ??
    createAnnotator({
      errorPolicy: options.errorPolicy ?? 'record',
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    });
  try {
    return await run(store, inputs, options, annotator);
  } finally {
    if (annotator !== options.annotator) await annotator.close();
  }
}

async function run(
  store: Store,
  inputs: readonly string[],
  options: AnalyzeOptions,
  annotator: ReturnType<typeof createAnnotator>,
): Promise<AnalyzeReport> {
  const batchSize = options.batchSize ?? 200;
  const runId = await startRun(store.db, inputs, CODE_VERSION);
  const report: AnalyzeReport = {
    runId,
    inputs: 0,
    stored: [],
    unchanged: [],
    failures: [],
    warnings: 0,
    articlesInStore: 0,
    timings: {},
  };
  const time = { ingest: 0, store: 0, corpus: 0 };
  const diagnostics: RecordedDiagnostic[] = [];
  let batch: NewsDoc[] = [];
  const seenHashes = new Set<string>();

  const flush = async () => {
    if (batch.length === 0) return;
    const t0 = performance.now();
    const ids = await insertDocs(store.db, batch, runId);
    time.store += performance.now() - t0;
    report.stored.push(...ids);
    batch = [];
  };

  // Submitted documents in submission order; handled oldest first so results stay deterministic.
  const inFlight: { raw: RawDoc; outcome: Promise<AnnotateOutcome> }[] = [];
  const handleOldest = async () => {
    const next = inFlight.shift();
    if (!next) return;
    const outcome = await next.outcome;
    if ('fatal' in outcome) {
      report.failures.push({ origin: next.raw.origin, diagnostic: outcome.fatal });
    } else {
      const { doc } = outcome;
      for (const d of doc.diagnostics)
        diagnostics.push({ origin: next.raw.origin, articleId: doc.article.id, diagnostic: d });
      report.warnings += doc.diagnostics.filter((d) => d.severity === 'warning').length;
      batch.push(doc);
      if (batch.length >= batchSize) await flush();
    }
    done++;
    options.onProgress?.(done, next.raw.origin);
  };
  let done = 0;

  const expanded = await expandInputs(inputs);
  options.onInputs?.(expanded.length);
  // Position of each document's origin in reading order (a file may hold several: JSONL, feeds).
  const order = new Map<string, number>();
  // One fetcher for the whole run (per-host queue, robots.txt cache); validators and seen feed
  // items are remembered in the store.
  const ingestOptions = options.offline
    ? { ...options, fetch: undefined, fetcher: undefined }
    : withFetcher({ ...options, fetch: { ...options.fetch, state: storeFetchState(store.db) } });
  for (const item of expanded) {
    report.inputs++;
    for await (const result of timedResults(streamInputs(item, ingestOptions), time)) {
      if (!order.has(result.origin)) order.set(result.origin, order.size);
      if ('unchanged' in result) {
        report.unchanged.push(result.origin);
        done++;
        options.onProgress?.(done, result.origin);
        continue;
      }
      if ('failure' in result) {
        report.failures.push({ origin: result.origin, diagnostic: result.failure });
        done++;
        options.onProgress?.(done, result.origin);
        continue;
      }
      const { raw } = result;
      const already =
        seenHashes.has(raw.contentHash) || (await findStoredHashes(store.db, [raw.contentHash])).has(raw.contentHash);
      seenHashes.add(raw.contentHash);
      if (already) {
        report.unchanged.push(raw.origin);
        done++;
        options.onProgress?.(done, raw.origin);
        continue;
      }
      inFlight.push({ raw, outcome: annotator.submit(raw) });
      if (inFlight.length >= annotator.capacity) await handleOldest();
    }
  }
  while (inFlight.length > 0) await handleOldest();
  // Failures arrive from ingest at once and from workers later: list them in reading order.
  report.failures.sort((a, b) => (order.get(a.origin) ?? 0) - (order.get(b.origin) ?? 0));
  await flush();

  for (const f of report.failures) diagnostics.push({ origin: f.origin, articleId: null, diagnostic: f.diagnostic });
  await recordDiagnostics(store.db, runId, diagnostics);

  const t1 = performance.now();
  report.articlesInStore =
    options.corpus === false
      ? await countArticles(store.db)
      : options.corpusOnly
        ? await updateCorpusStream(store)
        : await updateCorpus(store);
  time.corpus = performance.now() - t1;
  report.timings = {
    ingest: time.ingest,
    ...(await annotator.timings()),
    store: time.store,
    corpus: time.corpus,
  };
  await finishRun(store.db, runId, {
    stored: report.stored.length,
    skipped: report.unchanged.length,
    failed: report.failures.length,
  });
  return report;
}

/**
 * The corpus step of `--corpus-only`: every stored article (annotated or not) through the online
 * stream (`analyzeCorpusStream`, the path bench:scale measures), outputs replaced as
 * `updateCorpus` does, under the same store-wide lock.
 */
async function updateCorpusStream(store: Store): Promise<number> {
  return withStoreLock(store.db, 'storyline:corpus', async () => {
    const { stored } = await corpusGenerations(store.db);
    const articles = await loadCorpusArticles(store.db);
    const corpus = analyzeCorpusStream(articles, await loadOverrides(store.db));
    await replaceCorpus(store.db, corpus, corpus.remap, corpus.inferred);
    await markCorpusGeneration(store.db, stored);
    return articles.length;
  });
}

/**
 * Extract only, in this thread: no annotate stages, so stored articles carry no layers. Extraction
 * is light next to annotation, so worker threads would cost more in copying than they save.
 * (`createRawAnnotator` with no stages, written out here to leave that shared file alone.)
 */
function extractOnlyAnnotator(errorPolicy: 'throw' | 'record'): Annotator {
  let extractMs = 0;
  const extract = (raw: RawDoc): AnnotateOutcome => {
    const t0 = performance.now();
    try {
      const extracted = extractArticle(raw);
      if (!extracted.article) {
        const fatal = extracted.diagnostics.find((d) => d.severity === 'fatal');
        return {
          fatal: fatal ?? {
            severity: 'fatal',
            stage: 'extract',
            rule: 'extract/no-article',
            reason: 'No article could be extracted',
          },
        };
      }
      return { doc: { article: extracted.article, layers: {}, diagnostics: extracted.diagnostics } };
    } catch (error) {
      if (errorPolicy === 'throw') throw error;
      const reason = `Unexpected error in stage \`extract\`: ${(error as Error).message}`;
      return { fatal: { severity: 'fatal', stage: 'extract', rule: 'extract/crashed', reason, cause: error } };
    } finally {
      extractMs += performance.now() - t0;
    }
  };
  return {
    capacity: 1,
    submit: async (raw) => extract(raw),
    timings: async () => ({ extract: extractMs }),
    close: async () => {},
  };
}

/** The results of one input, adding the time spent reading them (not the time spent on each) to `time.ingest`. */
async function* timedResults(
  results: AsyncGenerator<IngestResult>,
  time: { ingest: number },
): AsyncGenerator<IngestResult> {
  for (;;) {
    const t0 = performance.now();
    const next = await results.next();
    time.ingest += performance.now() - t0;
    if (next.done) return;
    yield next.value;
  }
}
