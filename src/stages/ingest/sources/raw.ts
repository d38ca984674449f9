import { createHash } from 'node:crypto';
import type { RawDoc, RawMeta } from '../../../core/doc.js';
import type { IngestResult } from '../index.js';

/** A fatal ingest failure for one origin (a file, a JSONL line, a feed item). */
export function failure(origin: string, rule: string, reason: string): IngestResult {
  return { origin, failure: { severity: 'fatal', stage: 'ingest', rule, reason } };
}

/**
 * One document from a container (JSONL line, JSON object, feed item). Its hash is the SHA-256 of its
 * own content bytes, so re-ingesting the same container is a no-op per item.
 */
export function rawResult(
  origin: string,
  content: string,
  mediaType: RawDoc['mediaType'],
  meta: RawMeta,
): IngestResult {
  const contentHash = createHash('sha256').update(content, 'utf8').digest('hex');
  return { origin, raw: { origin, content, mediaType, contentHash, meta } };
}

/** A trimmed non-empty string, or undefined (numbers are kept as text; anything else is dropped). */
export function stringField(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
  return `${n} bytes`;
}
