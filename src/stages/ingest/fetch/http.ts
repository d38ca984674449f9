/**
 * The polite HTTP client every network source goes through (URL arguments, URL lists, sitemaps,
 * feeds and their items, `storyline watch`).
 *
 * Built on Node's own `fetch` (undici): no dependency, streamed bodies (so the size limit is
 * enforced while reading, on the decompressed bytes: a gzip bomb stops at the limit),
 * transparent gzip/deflate/brotli, and `AbortSignal` timeouts. Redirects are followed by hand
 * (`redirect: 'manual'`) so that every hop is checked against robots.txt, goes through the
 * per-host queue, and a loop is reported as a loop.
 *
 * Every request names Storyline in its User-Agent, waits its turn in the per-host queue, and is
 * checked against the host's robots.txt. Validators (ETag / Last-Modified) of a successful fetch
 * are remembered; the next fetch of the same URL sends them and a 304 is `not-modified`.
 */
import robotsModule from 'robots-parser';
import { formatBytes } from '../sources/raw.js';
import { HostQueue } from './host-queue.js';
import { type FetchStateStore, memoryFetchState, type Validators } from './state.js';

export const DEFAULT_USER_AGENT = 'Storyline/0.1 (news analysis; respects robots.txt)';
/** The product token robots.txt groups are matched against. */
const ROBOTS_AGENT = 'Storyline';

export interface FetchOptions {
  userAgent?: string;
  /** Requests in flight per host (default 1). */
  perHost?: number;
  /** Milliseconds between request starts to one host (default 1000; robots.txt Crawl-delay may raise it). */
  delayMs?: number;
  /** Whole-request timeout in milliseconds, body included (default 30 s). */
  timeoutMs?: number;
  /** Largest body in bytes, after decompression (default 20 MiB). */
  maxBytes?: number;
  /** Redirects followed before giving up (default 5). */
  maxRedirects?: number;
  /** Check robots.txt (default true). */
  robots?: boolean;
  /** Remembered validators and seen feed items (default: in memory, forgotten after the run). */
  state?: FetchStateStore;
}

export type FetchOutcome =
  | {
      kind: 'ok';
      /** The URL asked for, and the one answered after redirects. */
      requested: string;
      url: string;
      status: number;
      contentType: string | null;
      bytes: Buffer;
    }
  | { kind: 'not-modified'; requested: string; url: string }
  | { kind: 'failed'; requested: string; rule: string; reason: string };

/** Longest Crawl-delay honoured: a robots.txt asking for an hour between pages is not followed to the letter. */
const MAX_CRAWL_DELAY_MS = 60_000;
const ROBOTS_MAX_BYTES = 512 * 1024;

interface Robots {
  isDisallowed(url: string, ua?: string): boolean | undefined;
  getMatchingLineNumber(url: string, ua?: string): number;
  getCrawlDelay(ua?: string): number | undefined;
}
// robots-parser is CommonJS (`module.exports = fn`); its typings describe an ES default export.
const robotsParser = robotsModule as unknown as (url: string, contents: string) => Robots;
/** A host's rules: parsed robots.txt, or everything allowed / disallowed with the reason. */
type RobotsRules = { robots: Robots } | { allowAll: true } | { disallowAll: string };

export class Fetcher {
  readonly state: FetchStateStore;
  private readonly queue: HostQueue;
  private readonly robots = new Map<string, Promise<RobotsRules>>();
  private readonly options: Required<Omit<FetchOptions, 'state'>>;

  constructor(options: FetchOptions = {}) {
    this.options = {
      userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
      perHost: options.perHost ?? 1,
      delayMs: options.delayMs ?? 1000,
      timeoutMs: options.timeoutMs ?? 30_000,
      maxBytes: options.maxBytes ?? 20 * 1024 * 1024,
      maxRedirects: options.maxRedirects ?? 5,
      robots: options.robots ?? true,
    };
    this.state = options.state ?? memoryFetchState();
    this.queue = new HostQueue(this.options.perHost, this.options.delayMs);
  }

  /**
   * GET `requested`, following redirects. `conditional` (default true) sends the validators
   * remembered for the URL; a 304 is `not-modified`.
   */
  async fetch(requested: string, conditional = true): Promise<FetchOutcome> {
    const failed = (rule: string, reason: string): FetchOutcome => ({ kind: 'failed', requested, rule, reason });
    const chain: string[] = [];
    let url = requested;
    for (;;) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return failed('ingest/invalid-url', `Unexpected URL \`${url}\``);
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        return failed('ingest/invalid-url', `Unexpected URL scheme \`${parsed.protocol}\`, expected http or https`);
      }
      parsed.hash = '';
      url = parsed.href;
      if (chain.includes(url)) {
        return failed('ingest/redirect-loop', `Redirect loop: ${[...chain, url].join(' → ')}`);
      }
      chain.push(url);
      const blocked = await this.robotsVerdict(parsed);
      if (blocked) return failed('ingest/robots-disallowed', `Blocked by robots.txt: ${blocked}`);
      const validators = conditional && chain.length === 1 ? await this.state.validators(requested) : undefined;
      const step = await this.queue.run(
        parsed.host,
        () => this.request(url, validators, this.options.maxBytes),
        await this.delayFor(parsed),
      );
      if ('rule' in step) return failed(step.rule, step.reason);
      if (step.location !== undefined) {
        if (chain.length > this.options.maxRedirects) {
          return failed(
            'ingest/too-many-redirects',
            `More than ${this.options.maxRedirects} redirects: ${chain.join(' → ')} → …`,
          );
        }
        url = new URL(step.location, url).href;
        continue;
      }
      if (step.status === 304) return { kind: 'not-modified', requested, url };
      if (step.status < 200 || step.status >= 300) {
        const retry = step.retryAfter ? ` (the server asks to retry after ${step.retryAfter})` : '';
        return failed(
          'ingest/http-error',
          `HTTP ${step.status}${step.statusText ? ` ${step.statusText}` : ''}${retry}`,
        );
      }
      if (step.validators.etag || step.validators.lastModified) {
        await this.state.saveValidators(requested, step.validators);
      }
      return {
        kind: 'ok',
        requested,
        url,
        status: step.status,
        contentType: step.contentType,
        bytes: step.bytes ?? Buffer.alloc(0),
      };
    }
  }

  /** One HTTP exchange, no redirect following. */
  private async request(
    url: string,
    validators: Validators | undefined,
    maxBytes: number,
  ): Promise<
    | {
        status: number;
        statusText: string;
        retryAfter?: string;
        location?: string;
        contentType: string | null;
        validators: Validators;
        bytes?: Buffer;
      }
    | { rule: string; reason: string }
  > {
    const headers: Record<string, string> = {
      'user-agent': this.options.userAgent,
      accept:
        'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.8',
    };
    if (validators?.etag) headers['if-none-match'] = validators.etag;
    if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
    const seconds = `${(this.options.timeoutMs / 1000).toFixed(this.options.timeoutMs < 1000 ? 1 : 0)}s`;
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    let response: Response;
    try {
      response = await fetch(url, { headers, redirect: 'manual', signal });
    } catch (error) {
      return networkFailure(error, seconds);
    }
    const base = {
      status: response.status,
      statusText: response.statusText,
      ...(response.headers.get('retry-after') ? { retryAfter: response.headers.get('retry-after') as string } : {}),
      contentType: response.headers.get('content-type'),
      validators: {
        ...(response.headers.get('etag') ? { etag: response.headers.get('etag') as string } : {}),
        ...(response.headers.get('last-modified')
          ? { lastModified: response.headers.get('last-modified') as string }
          : {}),
      },
    };
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && response.status !== 304 && location) {
      await response.body?.cancel().catch(() => {});
      return { ...base, location };
    }
    if (response.status < 200 || response.status >= 300) {
      await response.body?.cancel().catch(() => {});
      return base;
    }
    // A declared length over the limit is refused before reading (only when not compressed:
    // Content-Length then counts the same bytes we would).
    const declared = Number(response.headers.get('content-length'));
    if (!response.headers.get('content-encoding') && Number.isFinite(declared) && declared > maxBytes) {
      await response.body?.cancel().catch(() => {});
      return tooLarge(`Response is ${formatBytes(declared)}, over`, maxBytes);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      if (response.body) {
        for await (const chunk of response.body) {
          size += chunk.byteLength;
          if (size > maxBytes) {
            await response.body.cancel().catch(() => {});
            return tooLarge('Response (after decompression) is over', maxBytes);
          }
          chunks.push(Buffer.from(chunk));
        }
      }
    } catch (error) {
      return networkFailure(error, seconds);
    }
    return { ...base, bytes: Buffer.concat(chunks, size) };
  }

  /** Why robots.txt forbids `url` to us, or undefined when it is allowed. */
  private async robotsVerdict(url: URL): Promise<string | undefined> {
    if (!this.options.robots) return undefined;
    const rules = await this.rulesFor(url);
    if ('disallowAll' in rules) return rules.disallowAll;
    if ('allowAll' in rules) return undefined;
    if (rules.robots.isDisallowed(url.href, ROBOTS_AGENT)) {
      const line = rules.robots.getMatchingLineNumber(url.href, ROBOTS_AGENT);
      return `${url.origin}/robots.txt disallows ${url.pathname}${line > 0 ? ` (line ${line})` : ''}`;
    }
    return undefined;
  }

  private async delayFor(url: URL): Promise<number> {
    if (!this.options.robots) return this.options.delayMs;
    const rules = await this.rulesFor(url);
    const crawlDelay = 'robots' in rules ? rules.robots.getCrawlDelay(ROBOTS_AGENT) : undefined;
    return Math.max(this.options.delayMs, Math.min(MAX_CRAWL_DELAY_MS, (crawlDelay ?? 0) * 1000));
  }

  private rulesFor(url: URL): Promise<RobotsRules> {
    let rules = this.robots.get(url.origin);
    if (!rules) {
      rules = this.loadRobots(url.origin);
      this.robots.set(url.origin, rules);
    }
    return rules;
  }

  /**
   * RFC 9309: a 4xx robots.txt means no rules; a 5xx means the whole site is off limits for now.
   * An unreachable host is left to the page request itself, which reports its own error.
   */
  private async loadRobots(origin: string): Promise<RobotsRules> {
    const robotsUrl = `${origin}/robots.txt`;
    let url = robotsUrl;
    for (let hop = 0; hop <= this.options.maxRedirects; hop++) {
      const host = new URL(url).host;
      const step = await this.queue.run(host, () => this.request(url, undefined, ROBOTS_MAX_BYTES));
      if ('rule' in step) return { allowAll: true };
      if (step.location !== undefined) {
        url = new URL(step.location, url).href;
        continue;
      }
      if (step.status >= 500)
        return { disallowAll: `${robotsUrl} answers HTTP ${step.status}, so the site is off limits` };
      if (step.status >= 400 || !step.bytes) return { allowAll: true };
      return { robots: robotsParser(robotsUrl, step.bytes.toString('utf8')) };
    }
    return { allowAll: true };
  }
}

function tooLarge(what: string, maxBytes: number): { rule: string; reason: string } {
  return { rule: 'ingest/too-large', reason: `${what} the ${formatBytes(maxBytes)} limit (--max-bytes)` };
}

function networkFailure(error: unknown, timeout: string): { rule: string; reason: string } {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') {
    return { rule: 'ingest/timeout', reason: `No complete answer within ${timeout} (--timeout)` };
  }
  const cause = e.cause?.code ?? e.cause?.message ?? e.message;
  return { rule: 'ingest/network', reason: `Request failed: ${cause}` };
}
