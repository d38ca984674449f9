/**
 * What `storyline enqueue` adds: one job per file (directories and globs are expanded here, so
 * many workers share a folder's files) and one per URL. Paths are made absolute: every worker
 * must see them at the same place (a shared mount), or use URLs.
 */
import path from 'node:path';
import type { Diagnostic } from '../core/diagnostic.js';
import { expandInputs } from '../stages/ingest/index.js';
import type { Store } from '../store/open.js';
import { type EnqueueResult, enqueue } from './jobs.js';

export interface EnqueueReport extends EnqueueResult {
  /** Inputs that name nothing (missing path, empty glob), each with the reason. */
  failures: { origin: string; diagnostic: Diagnostic }[];
}

export async function enqueueSources(store: Store, inputs: readonly string[]): Promise<EnqueueReport> {
  const sources: string[] = [];
  const failures: EnqueueReport['failures'] = [];
  for (const item of await expandInputs(inputs)) {
    if ('failure' in item) failures.push({ origin: item.origin, diagnostic: item.failure });
    else sources.push('url' in item ? item.url : path.resolve(item.path));
  }
  return { ...(await enqueue(store.db, sources)), failures };
}
