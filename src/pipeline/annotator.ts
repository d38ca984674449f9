/**
 * Runs extract + annotate either in this thread or on a pool of worker threads (one per core by
 * default), so a laptop's cores all work on a big batch. Results come back in submission order,
 * so runs stay deterministic whatever the concurrency.
 *
 * Hand-written over node:worker_threads rather than piscina: piscina depends on a native
 * package with per-platform builds that the npm registry mirror here cannot serve for every
 * platform, which breaks `npm ci`; what we need is ~60 lines.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { RawDoc } from '../core/doc.js';
import { type AnnotateOutcome, createRawAnnotator } from './annotate-raw.js';
import { startModuleWorker } from './module-worker.js';

export interface Annotator {
  /** Start annotating `raw`; the promise settles with its outcome. */
  submit(raw: RawDoc): Promise<AnnotateOutcome>;
  /** How many submissions may be in flight before the caller should wait. */
  readonly capacity: number;
  /** Summed milliseconds per step over all threads. */
  timings(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export interface AnnotatorOptions {
  /** Worker threads; 1 runs in this thread (default: cores, at most 8). */
  concurrency?: number;
  errorPolicy?: 'throw' | 'record';
}

/** Default worker count: one per core, capped, and 1 on single-core machines. */
export function defaultConcurrency(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

export function createAnnotator(options: AnnotatorOptions = {}): Annotator {
  const concurrency = options.concurrency ?? defaultConcurrency();
  if (concurrency <= 1 || options.errorPolicy === 'throw') return inThread(options.errorPolicy);
  return workerPool(concurrency);
}

function inThread(errorPolicy: 'throw' | 'record' = 'record'): Annotator {
  const annotator = createRawAnnotator(errorPolicy);
  return {
    capacity: 1,
    submit: async (raw) => annotator.annotate(raw),
    timings: async () => annotator.timings(),
    close: async () => {},
  };
}

function workerPool(size: number): Annotator {
  const self = fileURLToPath(import.meta.url);
  const entry = self.replace(/annotator\.(ts|js)$/, `annotate-worker.$1`);
  const spawn = (): Worker => startModuleWorker(entry);
  const pending = new Map<number, { resolve: (o: AnnotateOutcome) => void; reject: (e: unknown) => void }>();
  let nextId = 0;
  const workers = Array.from({ length: size }, () => {
    const worker = spawn();
    worker.on('message', (message: { id: number; outcome: AnnotateOutcome }) => {
      if (!('id' in message)) return;
      pending.get(message.id)?.resolve(message.outcome);
      pending.delete(message.id);
    });
    worker.on('error', (error) => {
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    });
    return worker;
  });
  return {
    capacity: size * 4,
    submit(raw) {
      const id = nextId++;
      const worker = workers[id % size] as Worker;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, raw });
      });
    },
    async timings() {
      const all = await Promise.all(
        workers.map(
          (w) =>
            new Promise<Record<string, number>>((resolve) => {
              const onMessage = (m: { timings?: Record<string, number> }) => {
                if (!m.timings) return;
                w.off('message', onMessage);
                resolve(m.timings);
              };
              w.on('message', onMessage);
              w.postMessage({ timings: true });
            }),
        ),
      );
      const sum: Record<string, number> = {};
      for (const t of all) for (const [k, v] of Object.entries(t)) sum[k] = (sum[k] ?? 0) + v;
      return sum;
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
