/**
 * Analyse one posted document (text, HTML, or JSON fields) the way `analyze` analyses a file:
 * extract → annotate → store, in one run. Used by `POST /api/ingest`, which then brings the
 * corpus outputs up to date in the background (`CorpusUpdater` in corpus-update.ts).
 */
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../core/diagnostic.js';
import type { RawDoc, RawMeta } from '../core/doc.js';
import { analyzeCorpus } from '../corpus/index.js';
import type { Store } from '../store/open.js';
import { findStoredHashes, insertDocs, loadCorpusArticles } from '../store/repos/articles.js';
import { replaceCorpus } from '../store/repos/corpus.js';
import { bumpStoredGeneration } from '../store/repos/corpus-state.js';
import { loadOverrides, setOverride } from '../store/repos/overrides.js';
import { finishRun, recordDiagnostics, startRun } from '../store/repos/runs.js';
import { createRawAnnotator } from './annotate-raw.js';
import { CODE_VERSION } from './version.js';

/** Fields of a JSON ingest body (`text` or `html` is required; the rest become metadata). */
export interface IngestFields {
  text?: string;
  html?: string;
  title?: string;
  url?: string;
  site?: string;
  published?: string;
  language?: string;
  author?: string;
}

export const INGEST_FIELDS: readonly (keyof IngestFields)[] = [
  'text',
  'html',
  'title',
  'url',
  'site',
  'published',
  'language',
  'author',
];

/** A posted body: its exact bytes (hashed) and how to read them. */
export type IngestBody =
  | { kind: 'text/plain' | 'text/html'; bytes: Uint8Array; content: string }
  | { kind: 'application/json'; bytes: Uint8Array; fields: IngestFields };

export interface IngestReport {
  runId: number | null;
  stored: string[];
  unchanged: string[];
  failures: { origin: string; rule: string; reason: string }[];
}

/**
 * Build the RawDoc for a posted body: `contentHash` is the SHA-256 of the bytes as posted,
 * `origin` the given `url` or `api:<first 12 hex of the hash>`.
 * @example rawDocFromBody({ kind: 'text/plain', bytes, content: 'Title\n\nBody…' })
 */
export function rawDocFromBody(body: IngestBody): RawDoc {
  const contentHash = createHash('sha256').update(body.bytes).digest('hex');
  if (body.kind !== 'application/json') {
    return {
      origin: `api:${contentHash.slice(0, 12)}`,
      content: body.content,
      mediaType: body.kind,
      contentHash,
      meta: {},
    };
  }
  const { text, html, ...rest } = body.fields;
  const meta: RawMeta = {};
  for (const [key, value] of Object.entries(rest)) {
    if (typeof value === 'string' && value.trim() !== '') meta[key as keyof RawMeta] = value;
  }
  return {
    origin: meta.url ?? `api:${contentHash.slice(0, 12)}`,
    content: html ?? text ?? '',
    mediaType: html !== undefined ? 'text/html' : 'text/plain',
    contentHash,
    meta,
  };
}

/** Built on first use: the stages' gazetteers and tables are loaded once per process. */
let annotator: ReturnType<typeof createRawAnnotator> | undefined;

/**
 * Analyse one posted document and store it. Bytes already stored are reported `unchanged` and
 * nothing is written. The corpus outputs are not recomputed here: a stored article marks them
 * behind (`corpus_state`), and the caller runs `updateCorpus`/`CorpusUpdater` when it suits it.
 */
export async function ingestBody(store: Store, body: IngestBody): Promise<IngestReport> {
  const raw = rawDocFromBody(body);
  if ((await findStoredHashes(store.db, [raw.contentHash])).has(raw.contentHash)) {
    return { runId: null, stored: [], unchanged: [raw.origin], failures: [] };
  }
  const runId = await startRun(store.db, [raw.origin], CODE_VERSION);
  annotator ??= createRawAnnotator('record');
  const outcome = annotator.annotate(raw);
  const report: IngestReport = { runId, stored: [], unchanged: [], failures: [] };
  if ('fatal' in outcome) {
    report.failures.push(failure(raw.origin, outcome.fatal));
    await recordDiagnostics(store.db, runId, [{ origin: raw.origin, articleId: null, diagnostic: outcome.fatal }]);
  } else {
    const { doc } = outcome;
    report.stored = await insertDocs(store.db, [doc], runId);
    if (report.stored.length === 0) report.unchanged.push(raw.origin);
    await recordDiagnostics(
      store.db,
      runId,
      doc.diagnostics.map((diagnostic) => ({ origin: raw.origin, articleId: doc.article.id, diagnostic })),
    );
    // The corpus stages run later (`CorpusUpdater`): mark the corpus outputs as behind.
    if (report.stored.length > 0) await bumpStoredGeneration(store.db);
  }
  await finishRun(store.db, runId, {
    stored: report.stored.length,
    skipped: report.unchanged.length,
    failed: report.failures.length,
  });
  return report;
}

/** Rerun the corpus stages over the whole store, with the user's entity overrides. */
export async function recomputeCorpus(store: Store): Promise<void> {
  const corpus = analyzeCorpus(await loadCorpusArticles(store.db), await loadOverrides(store.db));
  await replaceCorpus(store.db, corpus, corpus.remap, corpus.inferred);
}

/**
 * Record user entity overrides (`from` → `to` merges, `from` → null splits), then rerun the
 * corpus stages, as one run (so API ETags change). Callers serialise calls with corpus updates.
 */
export async function applyOverrides(store: Store, overrides: ReadonlyMap<string, string | null>): Promise<void> {
  const inputs = [...overrides].map(([from, to]) => (to === null ? `split:${from}` : `merge:${from}>${to}`));
  const runId = await startRun(store.db, inputs, CODE_VERSION);
  try {
    for (const [from, to] of overrides) await setOverride(store.db, from, to);
    await recomputeCorpus(store);
  } finally {
    await finishRun(store.db, runId, { stored: 0, skipped: 0, failed: 0 });
  }
}

const failure = (origin: string, d: Diagnostic) => ({ origin, rule: d.rule, reason: d.reason });
