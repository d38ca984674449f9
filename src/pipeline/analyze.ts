/**
 * The main job: ingest → extract → annotate → store → corpus stages.
 * Articles are stored in batches, each batch in one transaction; corpus outputs are then
 * recomputed from everything stored and replaced in one transaction.
 */
import type { Diagnostic } from '../core/diagnostic.js';
import type { NewsDoc, RawDoc } from '../core/doc.js';
import { createPipeline, type Pipeline } from '../core/pipeline.js';
import { analyzeCorpus } from '../corpus/index.js';
import { type ExtractResult, extractArticle } from '../stages/extract/index.js';
import { expandInputs, type IngestOptions, readInput } from '../stages/ingest/index.js';
import type { Store } from '../store/open.js';
import { findStoredHashes, insertDocs, loadCorpusArticles } from '../store/repos/articles.js';
import { replaceCorpus } from '../store/repos/corpus.js';
import { finishRun, type RecordedDiagnostic, recordDiagnostics, startRun } from '../store/repos/runs.js';
import { ANNOTATE_STAGES } from './configuration.js';
import { CODE_VERSION } from './version.js';

export interface AnalyzeOptions extends IngestOptions {
  /** Articles per store transaction (default 200). */
  batchSize?: number;
  /** `throw` in tests to surface stage bugs; `record` (default) keeps going. */
  errorPolicy?: 'throw' | 'record';
  /** Called after each input is handled. */
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
  /** Inputs read (files), including failures. */
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
  const pipeline = createPipeline(ANNOTATE_STAGES, { errorPolicy: options.errorPolicy ?? 'record' });
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
  const time = { ingest: 0, extract: 0, store: 0, corpus: 0 };
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

  const expanded = await expandInputs(inputs);
  options.onInputs?.(expanded.length);
  for (const item of expanded) {
    const t0 = performance.now();
    const result = await readInput(item, options);
    time.ingest += performance.now() - t0;
    report.inputs++;
    if ('failure' in result) {
      report.failures.push({ origin: result.origin, diagnostic: result.failure });
    } else {
      const { raw } = result;
      const already =
        seenHashes.has(raw.contentHash) || (await findStoredHashes(store.db, [raw.contentHash])).has(raw.contentHash);
      seenHashes.add(raw.contentHash);
      if (already) {
        report.unchanged.push(raw.origin);
      } else {
        const outcome = annotateRaw(raw, pipeline, time);
        if ('fatal' in outcome) {
          report.failures.push({ origin: raw.origin, diagnostic: outcome.fatal });
        } else {
          const { doc } = outcome;
          for (const d of doc.diagnostics)
            diagnostics.push({ origin: raw.origin, articleId: doc.article.id, diagnostic: d });
          report.warnings += doc.diagnostics.filter((d) => d.severity === 'warning').length;
          batch.push(doc);
          if (batch.length >= batchSize) await flush();
        }
      }
    }
    options.onProgress?.(report.inputs, result.origin);
  }
  await flush();

  for (const f of report.failures) diagnostics.push({ origin: f.origin, articleId: null, diagnostic: f.diagnostic });
  await recordDiagnostics(store.db, runId, diagnostics);

  const t1 = performance.now();
  const articles = await loadCorpusArticles(store.db);
  report.articlesInStore = articles.length;
  const corpus = analyzeCorpus(articles);
  await replaceCorpus(store.db, corpus, corpus.remap, corpus.inferred);
  time.corpus = performance.now() - t1;
  report.timings = {
    ingest: time.ingest,
    extract: time.extract,
    ...pipeline.timings(),
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

const unknownFailure: Diagnostic = {
  severity: 'fatal',
  stage: 'extract',
  rule: 'extract/no-article',
  reason: 'No article could be extracted',
};

/** Extract and annotate one RawDoc: the annotated doc, or the fatal diagnostic that stopped it. */
function annotateRaw(
  raw: RawDoc,
  pipeline: Pipeline,
  time: { extract: number },
): { doc: NewsDoc } | { fatal: Diagnostic } {
  let extracted: ExtractResult;
  const t0 = performance.now();
  try {
    extracted = extractArticle(raw);
    time.extract += performance.now() - t0;
  } catch (error) {
    const reason = `Unexpected error in stage \`extract\`: ${(error as Error).message}`;
    return { fatal: { severity: 'fatal', stage: 'extract', rule: 'extract/crashed', reason, cause: error } };
  }
  if (!extracted.article) {
    return { fatal: extracted.diagnostics.find((d) => d.severity === 'fatal') ?? unknownFailure };
  }
  const doc = pipeline.annotate(extracted.article);
  doc.diagnostics.unshift(...extracted.diagnostics);
  const fatal = doc.diagnostics.find((d) => d.severity === 'fatal');
  return fatal ? { fatal } : { doc };
}
