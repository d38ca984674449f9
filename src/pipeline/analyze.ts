/**
 * The main job: ingest → extract → annotate → store → corpus stages.
 * Articles are stored in batches, each batch in one transaction; corpus outputs are then
 * recomputed from everything stored and replaced in one transaction.
 */
import type { Diagnostic } from '../core/diagnostic.js';
import type { NewsDoc, RawDoc } from '../core/doc.js';
import { analyzeCorpus } from '../corpus/index.js';
import { expandInputs, type IngestOptions, readInputs } from '../stages/ingest/index.js';
import type { Store } from '../store/open.js';
import { findStoredHashes, insertDocs, loadCorpusArticles } from '../store/repos/articles.js';
import { replaceCorpus } from '../store/repos/corpus.js';
import { loadOverrides } from '../store/repos/overrides.js';
import { finishRun, type RecordedDiagnostic, recordDiagnostics, startRun } from '../store/repos/runs.js';
import type { AnnotateOutcome } from './annotate-raw.js';
import { createAnnotator } from './annotator.js';
import { CODE_VERSION } from './version.js';

export interface AnalyzeOptions extends IngestOptions {
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
  const annotator = createAnnotator({
    errorPolicy: options.errorPolicy ?? 'record',
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
  });
  try {
    return await run(store, inputs, options, annotator);
  } finally {
    await annotator.close();
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
  for (const item of expanded) {
    const t0 = performance.now();
    const results = await readInputs(item, options);
    time.ingest += performance.now() - t0;
    report.inputs++;
    for (const result of results) {
      if (!order.has(result.origin)) order.set(result.origin, order.size);
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
  const articles = await loadCorpusArticles(store.db);
  report.articlesInStore = articles.length;
  const corpus = analyzeCorpus(articles, await loadOverrides(store.db));
  await replaceCorpus(store.db, corpus, corpus.remap, corpus.inferred);
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
