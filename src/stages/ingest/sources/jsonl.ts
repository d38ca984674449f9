/**
 * `.jsonl` source: JSON Lines, one article object per line, with the fields of `json.ts`
 * (`url`, `title`, `text` or `html`, `published`, `site`, `language`, `author`). Each article's
 * origin is `file.jsonl:LINE` (1-based), so a bad line is a failure naming that line only and
 * the rest of the file goes on. Blank lines are skipped.
 */
import type { IngestResult } from '../index.js';
import { articleFromValue } from './json.js';
import { failure } from './raw.js';

export function readJsonLines(content: string, file: string): IngestResult[] {
  const out: IngestResult[] = [];
  const lines = content.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    const origin = `${file}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      out.push(failure(origin, 'ingest/invalid-json', `Invalid JSON on line ${i + 1}: ${(error as Error).message}`));
      continue;
    }
    out.push(articleFromValue(value, origin));
  }
  if (out.length === 0) out.push(failure(file, 'ingest/empty', 'File has no JSON lines'));
  return out;
}
