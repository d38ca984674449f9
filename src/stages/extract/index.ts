/**
 * extract: RawDoc (decoded `.txt` or `.html`) → clean Article.
 *
 * Reads `raw.content`, `raw.mediaType`, `raw.meta`; writes `Article` with `text` (paragraphs
 * separated by "\n\n"), `removed` (every dropped piece with `extract/<reason>`), title, site,
 * published, language, wire, author. Diagnostics are values: `extract/empty-body` is fatal and
 * leaves `article` null.
 *
 * Order (why):
 *   1. HTML only: metadata is read before any block is dropped (header/footer hold the byline,
 *      date and site); then boilerplate blocks go and the densest body element gives paragraphs.
 *   2. The plain-text cleaner runs on the text (txt) or those paragraphs (HTML): it knows the
 *      title by then, so repeated titles are caught in both.
 *   3. Date: metadata first, then a date line near the top (`how: 'text'`); never the crawl date
 *      or today. A numeric date that reads both ways (12/03/2026) is read day-first when dotted,
 *      else by evidence in the document (other numeric dates, the weekday on the date line, month
 *      names, British spelling; see `dates.ts`), else kept as the honest range between the two
 *      readings.
 *   4. Wire credits from datelines, closing credits, bylines, "Source: AP" lines and copyright
 *      lines; photo credits were set aside by the cleaner and never count.
 *   5. Author: the byline ("By Tomas Brezina in Aldmere", or a bare "Niklas Berg in Lindgate"
 *      under the headline), then metadata, each cut to the name (no role, place or date).
 *
 * Limits: English boilerplate patterns; one article per document; a numeric date with no evidence
 * stays a two-date range; a headline containing "U.S." cut by inline "Read also:"; HTML blocks
 * outside the chosen body element are dropped without a record.
 */
import type { Diagnostic } from '../../core/diagnostic.js';
import type { Article, ArticleStatus, FieldSources, Published, RawDoc, Removed } from '../../core/doc.js';
import { foldKey } from '../../core/text.js';
import { type CleanTextResult, cleanText, parseByline, splitTitleSuffix } from './clean-text.js';
import { numericOrder, type ParsedDate, parseDate, parseUrlDate } from './dates.js';
import { repairGluedWords } from './glued-words.js';
import { extractHtml, type HtmlResult } from './html.js';
import { detectLanguage } from './language.js';
import { buildOffsetMap, locateRemoved } from './offsets.js';
import { pageStatus } from './status.js';
import { normalizedWhitespace } from './whitespace.js';
import { agencyOf, findWires } from './wire.js';

/** Options of {@link extractArticle}. */
export interface ExtractOptions {
  /** Fewer body characters than this is `extract/empty-body`. Default 80. */
  minBodyChars?: number;
}

/** The article (null when the document has none) and what went wrong. */
export interface ExtractResult {
  article: Article | null;
  diagnostics: Diagnostic[];
  /** The article's status, also when there is no article (`too-short`, `blocked`, `not-an-article`). */
  status: ArticleStatus;
  statusReason?: string;
}

const DEFAULTS: Required<ExtractOptions> = { minBodyChars: 80 };

/**
 * Turn one decoded document into a clean article.
 * @example
 * const { article } = extractArticle({ origin: 'a.txt', content: 'Floods hit Kalmar\n\nKALMAR (AP) — …',
 *   mediaType: 'text/plain', contentHash: 'ab12…', meta: {} });
 * article?.wire; // ['AP']
 */
export function extractArticle(raw: RawDoc, options: ExtractOptions = {}): ExtractResult {
  for (const key of Object.keys(options)) {
    if (!(key in DEFAULTS))
      throw new TypeError(
        `Cannot use option \`${key}\` in \`extractArticle\`: expected one of \`${Object.keys(DEFAULTS).join('`, `')}\``,
      );
  }
  const { minBodyChars } = { ...DEFAULTS, ...options };
  const diagnostics: Diagnostic[] = [];
  const diag = (severity: Diagnostic['severity'], rule: string, reason: string) =>
    diagnostics.push({ severity, stage: 'extract', rule, reason });

  const html = raw.mediaType === 'text/html' ? extractHtml(raw.content) : null;
  const metaTitle = raw.meta.title?.trim() || null;
  const htmlTitle = html ? pickHtmlTitle(html, raw.meta.site ?? html.site) : null;
  const knownTitle = metaTitle ?? htmlTitle?.title ?? null;
  const knownSite = raw.meta.site?.trim() || html?.site || htmlTitle?.site || null;

  const cleaned = cleanText({
    text: html ? html.paragraphs.join('\n\n') : raw.content,
    title: knownTitle,
    site: knownSite,
    url: raw.meta.url ?? html?.url ?? null,
  });
  const removed: Removed[] = [...(html?.removed ?? []), ...cleaned.removed];
  let text = normalizedWhitespace(cleaned.paragraphs.join('\n\n'));
  // Scraped plain text loses the spaces around stripped links; HTML keeps its text nodes as written.
  if (!html) {
    const glue = repairGluedWords(text);
    text = glue.text;
    for (const r of glue.repairs) removed.push({ text: r.glued, reason: 'extract/glued-word', fixed: r.fixed });
  }
  const status = pageStatus({ text, removed, title: knownTitle, html: Boolean(html), minBodyChars });

  if (text.length < minBodyChars) {
    diag(
      'fatal',
      'extract/empty-body',
      `Unexpected ${html ? 'page' : 'document'} without article text, expected at least ${minBodyChars} characters of body (found ${text.length}; status ${status.status}: ${status.reason ?? 'too short'})`,
    );
    return { article: null, diagnostics, status: status.status, statusReason: status.reason ?? 'too short' };
  }
  if (status.status !== 'ok')
    diag('warning', `extract/${status.status}`, `Unexpected ${status.status} article: ${status.reason}`);

  const title = cleaned.title;
  if (!title)
    diag(
      'warning',
      'extract/missing-title',
      'Unexpected article without a title, expected a headline line, `og:title`, `h1` or `<title>`',
    );
  const site = cleaned.site;
  const published = pickPublished(raw, html, cleaned, [text, ...removed.map((r) => r.text)].join('\n'));
  if (published.how === 'unknown')
    diag(
      'info',
      'extract/unknown-date',
      'Unexpected article without a publication date, expected metadata or a date line',
    );

  const wire = findWires(cleaned.wireSources);
  const author = pickAuthor(raw.meta.author ?? html?.author ?? null, cleaned, site, raw.meta.site ?? null);
  const detected = detectLanguage(text);
  const language = detected ?? normalizeLanguage(raw.meta.language);
  const url = raw.meta.url ?? html?.url ?? null;

  const fieldSources: FieldSources = {};
  if (title)
    fieldSources.title = metaTitle
      ? 'raw.meta'
      : htmlTitle
        ? (html?.titles.find((t) => t.text.startsWith(htmlTitle.title))?.evidence ?? 'html')
        : `text:${cleaned.titleFrom ?? 'first-line'}`;
  if (site)
    fieldSources.site = raw.meta.site?.trim() ? 'raw.meta' : html?.site ? (html.sources.site ?? 'html') : 'text:banner';
  if (author)
    fieldSources.author =
      author === cleaned.byline?.author
        ? 'text:byline'
        : raw.meta.author
          ? 'raw.meta'
          : (html?.sources.author ?? 'html');
  if (language) fieldSources.language = detected ? 'text:language-detector' : 'raw.meta';
  if (url) fieldSources.url = raw.meta.url ? 'raw.meta' : (html?.sources.url ?? 'html');
  if (wire.length) fieldSources.wire = 'text:credits';

  // Offsets: the clean text and every removed piece, back into the decoded original.
  const offsets = buildOffsetMap(text, raw.content);
  locateRemoved(removed, raw.content);

  const article: Article = {
    id: `a_${raw.contentHash.slice(0, 12)}`,
    origin: raw.origin,
    contentHash: raw.contentHash,
    site,
    title,
    published,
    language,
    wire,
    author,
    text,
    removed,
    status: status.status,
    ...(status.reason ? { statusReason: status.reason } : {}),
    url,
    fieldSources,
    offsets,
  };
  return { article, diagnostics, status: status.status, ...(status.reason ? { statusReason: status.reason } : {}) };
}

/** og:title, then h1, then JSON-LD/twitter, then <title>, each without a " | Site" suffix. */
function pickHtmlTitle(html: HtmlResult, site: string | null): { title: string; site: string | null } | null {
  const siteKey = site ? foldKey(site) : null;
  for (const { text, evidence } of html.titles) {
    const split = splitTitleSuffix(text);
    // Only <title> and og:title carry site suffixes; an h1 with " - " is the headline itself.
    if (split.site && (evidence === 'title' || evidence.startsWith('meta') || foldKey(split.site) === siteKey)) {
      return split;
    }
    if (siteKey && foldKey(text) === siteKey) continue; // "<title>Meridian Herald</title>" on a bare page
    return { title: text, site: null };
  }
  return null;
}

function pickPublished(raw: RawDoc, html: HtmlResult | null, cleaned: CleanTextResult, evidence: string): Published {
  const candidates: Array<{ text: string; evidence: string }> = [];
  if (raw.meta.published) candidates.push({ text: raw.meta.published, evidence: 'meta.published' });
  if (html) candidates.push(...html.dates);
  for (const { text, evidence } of candidates) {
    const parsed = parseDate(text);
    if (parsed) return toPublished(parsed, 'metadata', evidence);
  }
  for (const url of [raw.meta.url, html?.url, raw.origin]) {
    const parsed = url ? parseUrlDate(url) : null;
    if (parsed) return toPublished(parsed, 'metadata', 'url');
  }
  if (cleaned.dateLine) {
    const { parsed, text } = cleaned.dateLine;
    const order = parsed.readings ? numericOrder(parsed.readings, text, evidence) : null;
    const resolved = order ? parseDate(text, order.order) : null;
    if (order && resolved) return toPublished(resolved, 'text', `date-line, ${order.order} by ${order.why}`);
    return toPublished(parsed, 'text', 'date-line');
  }
  return { date: null, from: null, to: null, how: 'unknown' };
}

function toPublished(parsed: ParsedDate, how: Published['how'], evidence: string): Published {
  return { date: parsed.date, from: parsed.from, to: parsed.to, how, evidence };
}

/** A person's name: never a wire agency, never the site, without role or date ("Name, Labour Correspondent · 12 March"). */
function pickAuthor(
  metaAuthor: string | null,
  cleaned: CleanTextResult,
  site: string | null,
  feedSite: string | null,
): string | null {
  const siteKey = site ? foldKey(site) : null;
  const feedKey = feedSite ? foldKey(feedSite) : null;
  const meta = metaAuthor?.trim() ?? null;
  const metaName =
    meta && /[,·|•]/.test(meta) ? (parseByline(`By ${meta.replace(/^by\s+/i, '')}`, site)?.author ?? null) : meta;
  for (const candidate of [cleaned.byline?.author, metaName]) {
    const name = candidate?.trim();
    if (!name) continue;
    // Never a wire agency, the site or the feed's name ("By Reuters", "By Meridian Post Staff").
    if (agencyOf(name) || (siteKey && foldKey(name) === siteKey) || (feedKey && foldKey(name) === feedKey)) continue;
    return name;
  }
  return null;
}

function normalizeLanguage(code: string | undefined): string | null {
  const m = code ? /^([a-z]{2})(?:[-_]|$)/i.exec(code.trim()) : null;
  return m?.[1] ? m[1].toLowerCase() : null;
}
