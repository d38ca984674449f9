/**
 * ingest: turns inputs (paths, directories, globs, URLs) into RawDoc records, or a failure with
 * a reason. It never interprets the article. Each kind of source is one file in `sources/`
 * (files, gzip, JSON, JSON Lines, feeds, WARC, URL lists, sitemaps, URLs); `fetch/` is the
 * polite HTTP client they share. `streamInputs` decides which source reads which input.
 *
 * One input may hold several documents (JSON array, JSON Lines, feed, WARC, URL list, sitemap):
 * each gets its own origin (`file.jsonl:LINE`, `feed.xml#N`, `crawl.warc.gz#N`, a page URL) and
 * fails or succeeds on its own.
 *
 * Network access happens only when `fetch` or `fetcher` is given (the `analyze` pipeline gives
 * one unless `--offline`): feed items are then followed to their pages, and URL inputs, URL
 * lists and sitemaps are read; without it they fail with `ingest/offline`.
 *
 * Rules: `ingest/not-found`, `ingest/unsupported-type`, `ingest/too-large`, `ingest/empty`,
 * `ingest/binary`, `ingest/invalid-utf8`, `ingest/invalid-json`, `ingest/invalid-xml`,
 * `ingest/unreadable`, `ingest/truncated`, `ingest/invalid-warc`, `ingest/offline`,
 * `ingest/invalid-url`, `ingest/robots-disallowed`, `ingest/timeout`, `ingest/network`,
 * `ingest/http-error`, `ingest/redirect-loop`, `ingest/too-many-redirects`, `ingest/invalid-charset`.
 */
import type { Diagnostic } from '../../core/diagnostic.js';
import type { RawDoc } from '../../core/doc.js';
import { type ExpandedInput, expandInputs } from './expand.js';
import { Fetcher, type FetchOptions } from './fetch/http.js';
import { loadFile, readLoadedFile } from './sources/file.js';
import { failure } from './sources/raw.js';
import { isSitemap } from './sources/sitemap.js';
import { type NetworkContext, readFeedText, readSitemapText, readUrl, readUrlList } from './sources/url.js';
import { urlList } from './sources/urls.js';
import { isWarcFile, readWarc } from './sources/warc.js';

export interface IngestOptions {
  /** Largest file, page or record read, in bytes (default 20 MiB): news articles are far smaller; bigger is a mistake. */
  maxBytes?: number;
  /** Fetch settings; giving them turns network access on (see the module comment). */
  fetch?: FetchOptions;
  /** The run's shared client (per-host queue and robots cache); made from `fetch` when absent. */
  fetcher?: Fetcher;
  /** `storyline watch`: skip feed items already ingested from the same feed. */
  newItemsOnly?: boolean;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/**
 * One input read: a document, why it could not be, or (conditional request answered 304)
 * that it is unchanged since the last fetch.
 */
export type IngestResult =
  | { origin: string; raw: RawDoc }
  | { origin: string; failure: Diagnostic }
  | { origin: string; unchanged: string };

/** Expand inputs and read each one, in a stable order (sorted paths, then order in the file). */
export async function* ingest(inputs: readonly string[], options: IngestOptions = {}): AsyncGenerator<IngestResult> {
  const expanded = await expandInputs(inputs);
  const shared = withFetcher(options);
  for (const item of expanded) yield* streamInputs(item, shared);
}

/** Read one expanded input: every document it holds, in order (a failure from expansion passes through). */
export async function readInputs(item: ExpandedInput, options: IngestOptions = {}): Promise<IngestResult[]> {
  const out: IngestResult[] = [];
  for await (const result of streamInputs(item, options)) out.push(result);
  return out;
}

const fetchers = new WeakMap<IngestOptions, Fetcher>();

/** `options` with its run's Fetcher when network access is on (one per options object). */
export function withFetcher(options: IngestOptions): IngestOptions {
  if (options.fetcher || !options.fetch) return options;
  let fetcher = fetchers.get(options);
  if (!fetcher) {
    fetcher = new Fetcher({ maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES, ...options.fetch });
    fetchers.set(options, fetcher);
  }
  return { ...options, fetcher };
}

/** The documents of one expanded input as they are read (a WARC file or sitemap is never held whole). */
export async function* streamInputs(item: ExpandedInput, options: IngestOptions = {}): AsyncGenerator<IngestResult> {
  if ('failure' in item) {
    yield item;
    return;
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const fetcher = withFetcher(options).fetcher;
  const network: NetworkContext | undefined = fetcher
    ? { fetcher, maxBytes, newItemsOnly: options.newItemsOnly ?? false }
    : undefined;
  const offline = (origin: string, what: string) =>
    failure(origin, 'ingest/offline', `${what} needs network access, which is off (--offline)`);
  if ('url' in item) {
    if (network) yield* readUrl(item.url, network);
    else yield offline(item.url, 'A URL');
    return;
  }
  if (isWarcFile(item.path)) {
    yield* readWarc(item.path, { maxBytes });
    return;
  }
  const loaded = await loadFile(item.path, { maxBytes });
  if (Array.isArray(loaded)) {
    yield* loaded;
    return;
  }
  const { ext, content, file } = loaded;
  const urls = ext === '.txt' || ext === '.urls' ? urlList(content) : undefined;
  if (urls) {
    if (network) yield* readUrlList(urls, network);
    else yield offline(file, 'A URL list');
    return;
  }
  if (ext === '.urls') {
    yield failure(file, 'ingest/invalid-url', 'Unexpected line in a URL list, expected one http(s) URL per line');
    return;
  }
  if (ext === '.xml' && isSitemap(content)) {
    if (network) yield* readSitemapText(content, file, network);
    else yield offline(file, 'A sitemap');
    return;
  }
  if ((ext === '.xml' || ext === '.rss' || ext === '.atom') && network) {
    yield* readFeedText(content, file, network);
    return;
  }
  yield* readLoadedFile(loaded);
}

export { type ExpandedInput, expandInputs } from './expand.js';
export { DEFAULT_USER_AGENT, Fetcher, type FetchOptions } from './fetch/http.js';
export { type FetchStateStore, memoryFetchState, type Validators } from './fetch/state.js';
export { SUPPORTED_EXTENSIONS } from './sources/file.js';
