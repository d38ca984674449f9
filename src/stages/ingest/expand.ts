import { stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { Diagnostic } from '../../core/diagnostic.js';
import { SUPPORTED_EXTENSIONS } from './sources/file.js';

export type ExpandedInput = { path: string } | { url: string } | { origin: string; failure: Diagnostic };

const fail = (origin: string, rule: string, reason: string): ExpandedInput => ({
  origin,
  failure: { severity: 'fatal', stage: 'ingest', rule, reason },
});

/**
 * Paths, directories (recursively, supported extensions only) and globs → sorted file list.
 * An http(s) URL stays a URL (read over the network). A missing path or an empty glob is a
 * failure naming it, not an exception.
 */
export async function expandInputs(inputs: readonly string[]): Promise<ExpandedInput[]> {
  const out: ExpandedInput[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    const key = path.resolve(file);
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ path: file });
  };
  for (const input of inputs) {
    if (/^https?:\/\//i.test(input)) {
      if (!seen.has(input)) out.push({ url: input });
      seen.add(input);
      continue;
    }
    if (isDynamicPattern(input)) {
      const files = (await glob(input, { onlyFiles: true, dot: false })).sort();
      if (files.length === 0) out.push(fail(input, 'ingest/not-found', 'No file matches this pattern'));
      for (const file of files) add(file);
      continue;
    }
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(input);
    } catch {
      out.push(fail(input, 'ingest/not-found', 'No such file or directory'));
      continue;
    }
    if (info.isDirectory()) {
      const pattern = `**/*.{${SUPPORTED_EXTENSIONS.map((e) => e.slice(1)).join(',')}}`;
      const files = (await glob(pattern, { cwd: input, onlyFiles: true, caseSensitiveMatch: false })).sort();
      for (const file of files) add(path.join(input, file));
    } else {
      add(input);
    }
  }
  return out;
}
