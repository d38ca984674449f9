/**
 * A worker thread running one of our modules, from source or built. The built CLI loads plain JS;
 * under tsx/vitest the thread must register tsx itself first, since Node 20 does not pass module
 * hooks on to worker threads.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Start a worker thread on `entry`, a `.ts` or `.js` file path. */
export function startModuleWorker(entry: string, options: WorkerOptions = {}): Worker {
  if (!entry.endsWith('.ts')) return new Worker(entry, options);
  const tsx = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const source = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(entry).href)}); });`;
  return new Worker(source, { ...options, eval: true });
}
