/**
 * Everything read over the network: a URL (a page, or a feed or sitemap when that is what it
 * serves), a URL list, a sitemap's pages, and the pages of feed items that carry only a summary.
 * All requests go through the one `Fetcher` of the run (per-host queue, robots.txt, limits).
 *
 * Origins: a page is its URL; a feed item is `feed#N`, or its page URL when the page was fetched.
 */
import type { RawMeta } from '../../../core/doc.js';
import { decodeBytes } from '../fetch/charset.js';
import type { Fetcher, FetchOutcome } from '../fetch/http.js';
import type { IngestResult } from '../index.js';
import { type FeedItem, feedItemMeta, parseFeed } from './feed.js';
import { gunzipLimited } from './gzip.js';
import { failure, rawResult } from './raw.js';
import { isSitemap, parseSitemap } from './sitemap.js';

type FailedResult = Extract<IngestResult, { failure: unknown }>;

export interface NetworkContext {
  fetcher: Fetcher;
  maxBytes: number;
  /** `storyline watch`: skip feed items already ingested. */
  newItemsOnly: boolean;
}

/**
 * A feed item carries only a summary (its page is fetched) when it has no full-content element
 * and its description is short, or when even its full content is a stub. Descriptions this long
 * are full texts: older feeds put the whole article there.
 */
export const FULL_DESCRIPTION_CHARS = 1500;
export const STUB_CONTENT_CHARS = 300;
/** Requests started ahead while results are taken in order (the per-host queue still applies). */
const WINDOW = 8;
/** Sitemap index → sitemap → … nesting followed. */
const MAX_SITEMAP_DEPTH = 3;

const FEED_ROOT = /<(?:rss|feed|rdf:RDF)[\s>]/;
const XML_START = /^\s*<(?:\?xml|rss|feed|rdf:RDF|urlset|sitemapindex)[\s>]/;

/** Fetch `url` and read what it serves. */
export async function* readUrl(url: string, ctx: NetworkContext, depth = 0): AsyncGenerator<IngestResult> {
  const outcome = await ctx.fetcher.fetch(url);
  if (outcome.kind !== 'ok') {
    yield notOk(outcome, url);
    return;
  }
  const text = await decodeOutcome(outcome, ctx.maxBytes);
  if ('failure' in text) {
    yield text;
    return;
  }
  // Read as a feed or sitemap only what is XML (by type or by its first element), never an HTML page.
  const head = text.content.slice(0, 4096);
  const html = /html/i.test(outcome.contentType ?? '');
  if (!html && (/xml/i.test(outcome.contentType ?? '') || XML_START.test(head))) {
    if (isSitemap(head)) {
      yield* readSitemapText(text.content, url, ctx, depth);
      return;
    }
    if (FEED_ROOT.test(head)) {
      yield* readFeedText(text.content, url, ctx);
      return;
    }
  }
  yield pageResult(outcome, text.content, url, {});
}

/** Pages of a URL list, fetched a window at a time, yielded in list order. */
export async function* readUrlList(urls: readonly string[], ctx: NetworkContext): AsyncGenerator<IngestResult> {
  yield* windowed(urls, (url) => collect(readUrl(url, ctx)));
}

/** A sitemap's text: its pages, or (sitemap index) the pages of each sitemap it lists. */
export async function* readSitemapText(
  content: string,
  origin: string,
  ctx: NetworkContext,
  depth = 0,
): AsyncGenerator<IngestResult> {
  const parsed = parseSitemap(content);
  if ('error' in parsed) {
    yield failure(origin, 'ingest/invalid-xml', parsed.error);
    return;
  }
  const list = 'pages' in parsed ? parsed.pages : parsed.sitemaps;
  if (list.length === 0) {
    yield failure(origin, 'ingest/empty', 'Sitemap lists no http(s) URL');
    return;
  }
  if ('pages' in parsed) {
    // A listed URL that is itself a sitemap index may not nest further (depth at the maximum).
    yield* windowed(parsed.pages, (url) => collect(readUrl(url, ctx, MAX_SITEMAP_DEPTH)));
    return;
  }
  if (depth >= MAX_SITEMAP_DEPTH) {
    yield failure(origin, 'ingest/too-deep', `Sitemap indexes nested more than ${MAX_SITEMAP_DEPTH} deep`);
    return;
  }
  for (const sitemap of parsed.sitemaps) yield* readUrl(sitemap, ctx, depth + 1);
}

/**
 * A feed's text: each item, with its page fetched when the item carries only a summary. With
 * `newItemsOnly`, items seen in an earlier run of this feed are skipped without a request.
 */
export async function* readFeedText(
  content: string,
  origin: string,
  ctx: NetworkContext,
): AsyncGenerator<IngestResult> {
  const feed = parseFeed(content, origin);
  if ('failure' in feed) {
    yield feed.failure;
    return;
  }
  const state = ctx.fetcher.state;
  const items: { item: FeedItem; n: number; key: string | undefined }[] = [];
  for (const [i, item] of feed.items.entries()) {
    const key = item.id ?? item.url ?? item.title;
    if (ctx.newItemsOnly && key !== undefined && (await state.seenItem(origin, key))) continue;
    items.push({ item, n: i + 1, key });
  }
  const read = async ({ item, n }: (typeof items)[number]): Promise<IngestResult[]> => {
    const itemOrigin = `${origin}#${n}`;
    const meta = feedItemMeta(item, feed.site);
    if (!needsPage(item)) return [rawResult(itemOrigin, item.content as string, item.mediaType, meta)];
    if (!item.url) {
      return [
        item.content
          ? rawResult(itemOrigin, item.content, item.mediaType, meta)
          : failure(itemOrigin, 'ingest/empty', 'Feed item has no content and no link'),
      ];
    }
    const outcome = await ctx.fetcher.fetch(item.url);
    if (outcome.kind !== 'ok') {
      const result = notOk(outcome, item.url);
      if ('failure' in result) {
        result.failure.reason = `Feed item ${n} carries only a summary and its page failed: ${result.failure.reason}`;
      }
      return [result];
    }
    const text = await decodeOutcome(outcome, ctx.maxBytes);
    if ('failure' in text) return [text];
    return [pageResult(outcome, text.content, item.url, meta)];
  };
  let index = 0;
  let itemFailed = false;
  for await (const result of windowed(items, read)) {
    // `windowed` yields each item's results in order; one result per item here.
    const entry = items[index++];
    yield result;
    if ('failure' in result) itemFailed = true;
    else if (ctx.newItemsOnly && entry?.key !== undefined) await state.markItemSeen(origin, entry.key);
  }
  // An item whose page failed (timeout, 5xx) must be tried again: forget the feed's validators so
  // the next run reads the feed in full instead of being told 304.
  if (itemFailed && /^https?:\/\//i.test(origin)) await state.saveValidators(origin, {});
}

function needsPage(item: FeedItem): boolean {
  if (!item.content) return true;
  const text = item.mediaType === 'text/html' ? item.content.replace(/<[^>]*>/g, ' ') : item.content;
  const length = text.replace(/\s+/g, ' ').trim().length;
  return length < (item.full ? STUB_CONTENT_CHARS : FULL_DESCRIPTION_CHARS);
}

/** A fetched page as a document. */
function pageResult(
  outcome: Extract<FetchOutcome, { kind: 'ok' }>,
  content: string,
  origin: string,
  meta: RawMeta,
): IngestResult {
  const type = outcome.contentType ?? 'text/html';
  if (!/^(text\/html|application\/xhtml\+xml|text\/plain)\b/i.test(type)) {
    return failure(origin, 'ingest/unsupported-type', `Unexpected content type \`${type}\`, expected HTML or text`);
  }
  if (content.trim() === '') return failure(origin, 'ingest/empty', `Page is empty (HTTP ${outcome.status})`);
  const mediaType = /^text\/plain/i.test(type) ? 'text/plain' : 'text/html';
  return rawResult(origin, content, mediaType, { url: outcome.url, ...meta });
}

function notOk(outcome: Exclude<FetchOutcome, { kind: 'ok' }>, origin: string): IngestResult {
  if (outcome.kind === 'not-modified') {
    return { origin, unchanged: 'Not modified since the last fetch (HTTP 304)' };
  }
  return failure(origin, outcome.rule, outcome.reason);
}

/** The body as text: gunzipped when it is a gzip file (a `.xml.gz` sitemap), decoded by its charset. */
async function decodeOutcome(
  outcome: Extract<FetchOutcome, { kind: 'ok' }>,
  maxBytes: number,
): Promise<{ content: string } | FailedResult> {
  let bytes = outcome.bytes;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    const out = await gunzipLimited(bytes, maxBytes);
    if ('rule' in out) return failure(outcome.requested, out.rule, out.reason) as FailedResult;
    bytes = out.bytes;
  }
  const decoded = decodeBytes(bytes, outcome.contentType);
  if ('error' in decoded) {
    return failure(outcome.requested, 'ingest/invalid-charset', decoded.error) as FailedResult;
  }
  return { content: decoded.text };
}

async function collect(results: AsyncIterable<IngestResult>): Promise<IngestResult[]> {
  const out: IngestResult[] = [];
  for await (const r of results) out.push(r);
  return out;
}

/** Run `read` on up to WINDOW items ahead, yielding their results in item order. */
async function* windowed<T>(
  items: readonly T[],
  read: (item: T) => Promise<IngestResult[]>,
): AsyncGenerator<IngestResult> {
  const pending: Promise<IngestResult[]>[] = [];
  let next = 0;
  const fill = () => {
    while (next < items.length && pending.length < WINDOW) {
      const p = read(items[next++] as T);
      p.catch(() => {}); // awaited in order below; avoid an unhandled rejection meanwhile
      pending.push(p);
    }
  };
  fill();
  while (pending.length > 0) {
    const results = await (pending.shift() as Promise<IngestResult[]>);
    fill();
    yield* results;
  }
}
