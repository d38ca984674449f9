/**
 * ingest: turns inputs (paths, directories, globs) into RawDoc records, or a failure with a reason.
 * It never interprets the article. Each kind of source is one file in `sources/`; `expandInputs`
 * decides which source reads which input, so JSONL, feeds, WARC and URLs slot in as new files.
 *
 * One input may hold several documents (JSON array, JSON Lines, feed): each gets its own origin
 * (`file.jsonl:LINE`, `feed.xml#N`) and fails or succeeds on its own.
 *
 * Rules: `ingest/not-found`, `ingest/unsupported-type`, `ingest/too-large`, `ingest/empty`,
 * `ingest/binary`, `ingest/invalid-utf8`, `ingest/invalid-json`, `ingest/invalid-xml`,
 * `ingest/unreadable`.
 */
import type { Diagnostic } from '../../core/diagnostic.js';
import type { RawDoc } from '../../core/doc.js';
import { type ExpandedInput, expandInputs } from './expand.js';
import { readFileSource } from './sources/file.js';

export interface IngestOptions {
  /** Largest file read, in bytes (default 20 MiB): news articles are far smaller; bigger is a mistake. */
  maxBytes?: number;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** One input read: a document, or why it could not be. */
export type IngestResult = { origin: string; raw: RawDoc } | { origin: string; failure: Diagnostic };

/** Expand inputs and read each file, in a stable order (sorted paths, then order in the file). */
export async function* ingest(inputs: readonly string[], options: IngestOptions = {}): AsyncGenerator<IngestResult> {
  const expanded = await expandInputs(inputs);
  for (const item of expanded) yield* await readInputs(item, options);
}

/** Read one expanded input: every document it holds, in order (a failure from expansion passes through). */
export async function readInputs(item: ExpandedInput, options: IngestOptions = {}): Promise<IngestResult[]> {
  if ('failure' in item) return [item];
  return readFileSource(item.path, { maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES });
}

export { type ExpandedInput, expandInputs } from './expand.js';
export { SUPPORTED_EXTENSIONS } from './sources/file.js';
