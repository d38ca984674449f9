/**
 * `.json` source: one article object, or an array of them. Accepted fields (as in JSON Lines):
 * `url`, `title`, `text` or `html`, `published`, `site`, `language`, `author`. `text` wins over
 * `html` when both are given; other fields are ignored.
 */
import type { RawMeta } from '../../../core/doc.js';
import type { IngestResult } from '../index.js';
import { failure, rawResult, stringField } from './raw.js';

const META_FIELDS = [
  'url',
  'title',
  'published',
  'site',
  'language',
  'author',
] as const satisfies readonly (keyof RawMeta)[];

/** One parsed JSON value → one article, or a failure naming `origin`. */
export function articleFromValue(value: unknown, origin: string): IngestResult {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return failure(origin, 'ingest/invalid-json', 'Unexpected JSON value, expected an article object');
  }
  const record = value as Record<string, unknown>;
  const text = stringField(record.text);
  const html = text === undefined ? stringField(record.html) : undefined;
  if (text === undefined && html === undefined) {
    return failure(origin, 'ingest/empty', 'Article has no `text` or `html` field');
  }
  const meta: RawMeta = {};
  for (const field of META_FIELDS) {
    const v = stringField(record[field]);
    if (v !== undefined) meta[field] = v;
  }
  return text !== undefined
    ? rawResult(origin, text, 'text/plain', meta)
    : rawResult(origin, html as string, 'text/html', meta);
}

/** A `.json` file's text → its articles (origin `file.json#N` for arrays, 1-based). */
export function readJson(content: string, file: string): IngestResult[] {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (error) {
    return [failure(file, 'ingest/invalid-json', `Invalid JSON: ${(error as Error).message}`)];
  }
  if (!Array.isArray(value)) return [articleFromValue(value, file)];
  if (value.length === 0) return [failure(file, 'ingest/empty', 'JSON array has no articles')];
  return value.map((item, i) => articleFromValue(item, `${file}#${i + 1}`));
}
