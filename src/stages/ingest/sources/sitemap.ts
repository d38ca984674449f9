/**
 * Sitemaps (sitemaps.org): a `<urlset>` lists pages, a `<sitemapindex>` lists further sitemaps.
 * From a file (`.xml`, `.xml.gz`) or a URL (gzip-compressed bodies too). Only the `<loc>` of
 * each entry is used; `lastmod` is the page's modification date, not its publication date, so it
 * is not passed on as `published`.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type ParsedSitemap = { pages: string[] } | { sitemaps: string[] } | { error: string };

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => name === 'url' || name === 'sitemap',
  removeNSPrefix: true,
});

/** Whether an XML text is a sitemap (its root element is `urlset` or `sitemapindex`). */
export function isSitemap(content: string): boolean {
  return /<(?:\w+:)?(?:urlset|sitemapindex)[\s>]/.test(content.slice(0, 4096));
}

export function parseSitemap(content: string): ParsedSitemap {
  const valid = XMLValidator.validate(content);
  if (valid !== true) return { error: `Malformed sitemap XML at line ${valid.err.line}: ${valid.err.msg}` };
  const doc = parser.parse(content) as Record<string, { url?: unknown[]; sitemap?: unknown[] } | undefined>;
  const locs = (entries: unknown[] | undefined) =>
    (entries ?? [])
      .map((e) => (e !== null && typeof e === 'object' ? (e as { loc?: unknown }).loc : undefined))
      .filter((loc): loc is string => typeof loc === 'string' && /^https?:\/\//i.test(loc.trim()))
      .map((loc) => loc.trim());
  if (doc.sitemapindex) return { sitemaps: locs(doc.sitemapindex.sitemap) };
  if (doc.urlset) return { pages: locs(doc.urlset.url) };
  return { error: 'Unexpected XML document, expected a sitemap `<urlset>` or `<sitemapindex>`' };
}
