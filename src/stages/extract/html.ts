/**
 * HTML → metadata + body paragraphs. Reads metadata first (before anything is dropped), then
 * drops boilerplate blocks by tag and by class/id token (data in `selectors.ts`), picks the element
 * with the most paragraph text (preferring `[itemprop=articleBody]` and `<article>`), and returns
 * its `<p>`/`<h2>`/`<blockquote>`/`<li>` texts. Cheerio (htmlparser2) loads each page once.
 */
import type { Cheerio, CheerioAPI } from 'cheerio/slim';
import { load } from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import type { Removed } from '../../core/doc.js';
import { TRAILING_CREDIT } from './boilerplate.js';
import {
  AUTHOR_SELECTORS,
  BODY_SELECTORS,
  DATE_META,
  DROP_TAGS,
  DROP_TOKENS,
  PARAGRAPH_TAGS,
  SILENT_TAGS,
} from './selectors.js';

/** What the page said about itself, and its body paragraphs. */
export interface HtmlResult {
  paragraphs: string[];
  removed: Removed[];
  /** Title candidates, strongest first, with where each was read. */
  titles: Array<{ text: string; evidence: string }>;
  site: string | null;
  author: string | null;
  /** Date strings from metadata, strongest first, with where each was read. */
  dates: Array<{ text: string; evidence: string }>;
  url: string | null;
}

/** Stands for `<br>` until paragraph text is flattened (HTML source newlines are only spaces). */
const BR = '\ue000';
const SPACE_RE = /\s+/g;
const BR_RE = / ?\ue000[ \ue000]*/g;
const TOKEN_SPLIT_RE = /[\s_-]+/;
const URL_RE = /^https?:\/\//i;
/** A block holding more than this share of the page's paragraph text is content, whatever its class says. */
const CONTENT_SHARE = 0.5;
/** `[itemprop=articleBody]`/`<article>` win when they hold at least this share of the best block's text. */
const PREFER_SHARE = 0.5;

/** Parse `html` once and extract metadata and body paragraphs. */
export function extractHtml(html: string): HtmlResult {
  const $ = load(html);
  const removed: Removed[] = [];
  const meta = readMetaTags($);
  const ld = readJsonLd($);

  const titles: HtmlResult['titles'] = [];
  const pushTitle = (text: string | null | undefined, evidence: string) => {
    const t = text ? clean(text) : '';
    if (t) titles.push({ text: t, evidence });
  };
  pushTitle(meta.get('og:title'), 'meta[og:title]');
  pushTitle(firstText($, 'article h1') ?? firstText($, 'h1'), 'h1');
  pushTitle(ld.headline, 'json-ld[headline]');
  pushTitle(meta.get('twitter:title'), 'meta[twitter:title]');
  pushTitle($('title').first().text(), 'title');

  const site = clean(meta.get('og:site_name') ?? ld.publisher ?? meta.get('application-name') ?? '') || null;

  const dates: HtmlResult['dates'] = [];
  for (const key of DATE_META) {
    const v = meta.get(key);
    if (v) dates.push({ text: v, evidence: `meta[${key}]` });
  }
  if (ld.datePublished) dates.push({ text: ld.datePublished, evidence: 'json-ld[datePublished]' });
  const time = $('article time[datetime], time[itemprop="datePublished"], time[datetime]').first().attr('datetime');
  if (time) dates.push({ text: time, evidence: 'time[datetime]' });

  const url = meta.get('og:url') ?? $('link[rel="canonical"]').attr('href') ?? null;
  const author = pickAuthor($, meta, ld);

  $(SILENT_TAGS).remove();
  $('br').replaceWith(BR);
  const pageText = paragraphLength($, $.root());
  const isContent = (el: AnyNode): boolean => {
    const tag = (el as Element).tagName;
    if (tag === 'html' || tag === 'body' || tag === 'main' || tag === 'article') return true;
    const $el = $(el);
    if ($el.is('[itemprop="articleBody"]') || $el.find('article, main, [itemprop="articleBody"]').length > 0) return true;
    return pageText > 0 && paragraphLength($, $el) > pageText * CONTENT_SHARE;
  };

  for (const { selector, reason } of DROP_TAGS) {
    $(selector).each((_, el) => {
      if (reason !== 'caption' && isContent(el)) return;
      // A class naming the block ("related", "comments") says more than its tag (<aside>, <section>).
      const attrs = (el as Element).attribs ?? {};
      const named = reason === 'caption' ? undefined : tokenReason(`${attrs.class ?? ''} ${attrs.id ?? ''}`);
      record(removed, blockText(el), named ?? reason);
      $(el).remove();
    });
  }
  const dropped = new Set<AnyNode>();
  $('[class], [id]').each((_, el) => {
    for (let p = el.parent; p; p = p.parent) if (dropped.has(p)) return;
    const reason = tokenReason(`${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`);
    if (!reason) return;
    // Comment threads can outgrow the article, so they are dropped even when large.
    if (reason === 'comment-form' ? isStructural(el) : isContent(el)) return;
    dropped.add(el);
    record(removed, blockText(el), reason);
  });
  for (const el of dropped) $(el).remove();

  const root = pickBody($);
  const paragraphs = root ? paragraphsOf($, root) : [];
  return { paragraphs, removed, titles, site, author, dates, url };
}

function readMetaTags($: CheerioAPI): Map<string, string> {
  const meta = new Map<string, string>();
  $('meta').each((_, el) => {
    const key = (el.attribs.property ?? el.attribs.name ?? el.attribs.itemprop ?? '').toLowerCase();
    const content = el.attribs.content;
    if (key && content && !meta.has(key)) meta.set(key, content.trim());
  });
  return meta;
}

interface JsonLd {
  headline?: string;
  datePublished?: string;
  author?: string;
  publisher?: string;
}

/** The first NewsArticle-like object in the page's JSON-LD (arrays and `@graph` included). */
function readJsonLd($: CheerioAPI): JsonLd {
  const out: JsonLd = {};
  $('script[type="application/ld+json"]').each((_, el) => {
    let data: unknown;
    try {
      data = JSON.parse($(el).text());
    } catch {
      return; // broken JSON-LD is common; the other metadata still counts
    }
    const stack: unknown[] = [data];
    while (stack.length > 0) {
      const node = stack.pop();
      if (Array.isArray(node)) {
        stack.push(...node);
        continue;
      }
      if (!node || typeof node !== 'object') continue;
      const o = node as Record<string, unknown>;
      if (Array.isArray(o['@graph'])) stack.push(...o['@graph']);
      if (typeof o.datePublished === 'string') out.datePublished ??= o.datePublished;
      if (typeof o.headline === 'string') out.headline ??= o.headline;
      const author = nameOf(o.author);
      if (author) out.author ??= author;
      const publisher = nameOf(o.publisher);
      if (publisher) out.publisher ??= publisher;
    }
  });
  return out;
}

function nameOf(v: unknown): string | undefined {
  if (typeof v === 'string') return URL_RE.test(v) ? undefined : v;
  if (Array.isArray(v)) {
    const names = v.map(nameOf).filter((n): n is string => Boolean(n));
    return names.length > 0 ? names.join(' and ') : undefined;
  }
  if (v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string') {
    return (v as { name: string }).name;
  }
  return undefined;
}

function pickAuthor($: CheerioAPI, meta: Map<string, string>, ld: JsonLd): string | null {
  for (const candidate of [meta.get('author'), meta.get('article:author'), meta.get('dc.creator'), ld.author]) {
    if (candidate && !URL_RE.test(candidate)) return clean(candidate);
  }
  for (const selector of AUTHOR_SELECTORS) {
    const text = firstText($, selector);
    if (text) return text.replace(/^by\s+/i, '');
  }
  return null;
}

function firstText($: CheerioAPI, selector: string): string | null {
  const text = clean($(selector).first().text());
  return text || null;
}

function tokenReason(attrs: string): string | undefined {
  const tokens = attrs.toLowerCase().split(TOKEN_SPLIT_RE);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    if (!t) continue;
    const reason = DROP_TOKENS.get(t) ?? DROP_TOKENS.get(`${t}-${tokens[i + 1] ?? ''}`);
    if (reason) return reason;
  }
  return undefined;
}

function isStructural(el: Element): boolean {
  return el.tagName === 'html' || el.tagName === 'body' || el.tagName === 'main' || el.tagName === 'article';
}

function paragraphLength($: CheerioAPI, $el: Cheerio<AnyNode>): number {
  let n = 0;
  $el.find('p').each((_, p) => {
    n += clean($(p).text()).length;
  });
  return n;
}

/**
 * The element holding the article: every parent of a `<p>` scores its paragraphs' text (the
 * grandparent half of it, after Readability); `[itemprop=articleBody]` and `<article>` win when
 * they hold a fair share of the best score.
 */
function pickBody($: CheerioAPI): Cheerio<AnyNode> | null {
  const scores = new Map<AnyNode, number>();
  let best: AnyNode | null = null;
  let bestScore = 0;
  $('p').each((_, p) => {
    const len = clean($(p).text()).length;
    if (len < 25) return;
    const parent = p.parent;
    const grand = parent?.parent;
    for (const [node, share] of [
      [parent, 1],
      [grand, 0.5],
    ] as const) {
      if (!node) continue;
      const s = (scores.get(node) ?? 0) + len * share;
      scores.set(node, s);
      if (s > bestScore) {
        bestScore = s;
        best = node;
      }
    }
  });
  if (!best) return null;
  for (const selector of BODY_SELECTORS) {
    let pick: Cheerio<AnyNode> | null = null;
    let pickLen = 0;
    $(selector).each((_, el) => {
      const len = paragraphLength($, $(el));
      if (len > pickLen) {
        pickLen = len;
        pick = $(el);
      }
    });
    if (pick && pickLen >= bestScore * PREFER_SHARE) return pick;
  }
  return $(best);
}

/** Innermost paragraph-like elements under `root`, in document order. */
function paragraphsOf($: CheerioAPI, root: Cheerio<AnyNode>): string[] {
  const nodes = root.find(PARAGRAPH_TAGS).toArray();
  const set = new Set<AnyNode>(nodes);
  const outer = new Set<AnyNode>();
  for (const node of nodes) {
    for (let p = node.parent; p; p = p.parent) {
      if (set.has(p)) outer.add(p);
    }
  }
  const out: string[] = [];
  for (const node of nodes) {
    if (outer.has(node)) continue;
    const text = clean($(node).text());
    if (text) out.push(text);
  }
  return out;
}

const BLOCK_TAGS = new Set([
  'p', 'div', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'header', 'footer',
  'nav', 'aside', 'blockquote', 'figure', 'figcaption', 'table', 'tr', 'td', 'th', 'dd', 'dt', 'form', 'label',
]);

/** Text of a dropped block with its blocks kept apart ("Home Local Business", not "HomeLocalBusiness"). */
function blockText(node: AnyNode): string {
  if (node.type === 'text') return (node as unknown as { data: string }).data;
  const el = node as Element;
  if (!el.children) return '';
  let text = '';
  for (const child of el.children) text += blockText(child);
  return BLOCK_TAGS.has(el.tagName) ? ` ${text} ` : text;
}

/** Record a dropped block; a caption's trailing photo credit is recorded on its own. */
function record(removed: Removed[], raw: string, reason: string): void {
  const text = clean(raw);
  if (!text) return;
  if (reason === 'caption') {
    const credit = TRAILING_CREDIT.exec(text);
    if (credit) {
      const caption = text.slice(0, credit.index).trim();
      if (caption) removed.push({ text: caption, reason: 'extract/caption' });
      removed.push({ text: credit[0].trim(), reason: 'extract/photo-credit' });
      return;
    }
  }
  removed.push({ text, reason: `extract/${reason}` });
}

/** Collapse spaces but keep `<br>` line breaks, which the text cleaner splits on. */
function clean(text: string): string {
  return text.replace(SPACE_RE, ' ').replace(BR_RE, '\n').trim();
}
