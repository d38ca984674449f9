import type { MiddlewareHandler } from 'hono';
import type { CorpusUpdater } from '../../pipeline/corpus-update.js';
import type { Store } from '../../store/open.js';

/** What every route factory gets from `createApp`. */
export interface RouteDeps {
  store: Store;
  /** Run a write job after every earlier one: two corpus recomputes must not interleave. */
  serially: <T>(job: () => Promise<T>) => Promise<T>;
  /** Middleware every write route runs first (body-size limit, bearer token when configured). */
  writeGuard: MiddlewareHandler;
  /** Background corpus updates after an ingest (single flight, run through `serially`). */
  corpus: CorpusUpdater;
}

/** A queue of write jobs, one at a time, in call order; a failed job does not stop the next. */
export function serialQueue(): RouteDeps['serially'] {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(job: () => Promise<T>): Promise<T> => {
    const next = queue.then(job, job);
    queue = next.catch(() => undefined);
    return next;
  };
}
