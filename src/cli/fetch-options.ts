/**
 * The fetching options `analyze` and `watch` share: politeness (per-host delay and concurrency),
 * timeout, and `--offline`.
 */
import type { Command } from 'commander';
import type { FetchOptions } from '../stages/ingest/index.js';
import { UsageError } from './io.js';

export interface FetchFlags {
  offline?: boolean;
  delay?: string;
  perHost?: string;
  timeout?: string;
}

export const FETCH_HELP = {
  offline: 'no network: URLs, URL lists and sitemaps fail, feed items are not followed',
  delay: 'milliseconds between requests to one host (default 1000; robots.txt Crawl-delay may raise it)',
  perHost: 'requests in flight per host (default 1)',
  timeout: 'give up on a request after this long (default 30)',
};

/** `--delay`, `--per-host`, `--timeout` (and `--offline` unless `offline` is false). */
export function addFetchOptions(command: Command, offline = true): Command {
  if (offline) command.option('--offline', FETCH_HELP.offline);
  return command
    .option('--delay <ms>', FETCH_HELP.delay)
    .option('--per-host <n>', FETCH_HELP.perHost)
    .option('--timeout <seconds>', FETCH_HELP.timeout);
}

export function fetchOptionsFrom(flags: FetchFlags): FetchOptions {
  const options: FetchOptions = {};
  if (flags.delay !== undefined) {
    const ms = Number(flags.delay);
    if (!Number.isInteger(ms) || ms < 0)
      throw new UsageError(`Unexpected \`--delay ${flags.delay}\`, expected milliseconds`);
    options.delayMs = ms;
  }
  if (flags.perHost !== undefined) {
    const n = Number(flags.perHost);
    if (!Number.isInteger(n) || n <= 0 || n > 8) {
      throw new UsageError(`Unexpected \`--per-host ${flags.perHost}\`, expected 1 to 8`);
    }
    options.perHost = n;
  }
  if (flags.timeout !== undefined) {
    const s = Number(flags.timeout);
    if (!Number.isFinite(s) || s <= 0)
      throw new UsageError(`Unexpected \`--timeout ${flags.timeout}\`, expected seconds`);
    options.timeoutMs = Math.round(s * 1000);
  }
  return options;
}
