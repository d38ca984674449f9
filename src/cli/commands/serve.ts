import path from 'node:path';
import type { Command } from 'commander';
import { createApp } from '../../api/app.js';
import { packageRoot } from '../../api/root.js';
import { isLoopback, listen } from '../../api/server.js';
import { openStore } from '../../store/open.js';
import { dbLocation, UsageError } from '../io.js';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 4317;

export interface ServeOptions {
  db?: string;
  host: string;
  port: string;
  token?: string;
  cors?: string;
}

export function registerServe(program: Command, setExit: (code: number) => void): void {
  program
    .command('serve')
    .description('Serve the HTTP API (/api/, /openapi.json) and the web UI (/) for a store')
    .option('--db <store>', 'SQLite file or postgres:// URL (default: $STORYLINE_DB or storyline.db)')
    .option('--host <host>', 'interface to bind; anything but loopback needs a token', DEFAULT_HOST)
    .option('--port <n>', 'port (0 picks a free one)', String(DEFAULT_PORT))
    .option('--token <token>', 'bearer token required for writes (default: $STORYLINE_TOKEN)')
    .option('--cors <origin>', 'allow this origin (or *) to call the API from a browser; off by default')
    .action((opts: ServeOptions) => runServe(opts, setExit));
}

/** Validate the options, serve until SIGINT/SIGTERM, then close the server and the store. */
export async function runServe(opts: ServeOptions, setExit: (code: number) => void): Promise<void> {
  const port = Number(opts.port);
  if (!/^\d{1,5}$/.test(opts.port) || port > 65535) {
    throw new UsageError(`Unexpected \`--port ${opts.port}\`, expected a port number from 0 to 65535`);
  }
  const token = opts.token ?? process.env.STORYLINE_TOKEN ?? undefined;
  if (token !== undefined && token.length < 8) {
    throw new UsageError('Unexpected short token, expected at least 8 characters');
  }
  if (!isLoopback(opts.host) && !token) {
    throw new UsageError(
      `Refusing to serve on non-loopback host \`${opts.host}\` without a token: writes would be open to the network. Pass --token <token> or set STORYLINE_TOKEN`,
    );
  }
  if (opts.cors !== undefined && opts.cors !== '*' && !/^https?:\/\/[^/\s]+$/.test(opts.cors)) {
    throw new UsageError(`Unexpected \`--cors ${opts.cors}\`, expected an origin such as https://example.org or *`);
  }
  const location = dbLocation(opts.db);
  const store = await openStore(location);
  const uiDir = path.join(packageRoot(), 'dist/web');
  const app = createApp({
    store,
    uiDir,
    ...(token ? { token } : {}),
    ...(opts.cors ? { cors: opts.cors } : {}),
  });
  let server: Awaited<ReturnType<typeof listen>>;
  try {
    server = await listen(app, opts.host, port);
  } catch (error) {
    await store.close();
    process.stderr.write(`storyline: cannot listen on ${opts.host}:${port}: ${(error as Error).message}\n`);
    setExit(1);
    return;
  }
  process.stdout.write(`Storyline is serving ${location} at ${server.url}\n`);
  process.stdout.write(`  API: ${server.url}api/stats   OpenAPI: ${server.url}openapi.json   (Ctrl+C to stop)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await store.close();
}
