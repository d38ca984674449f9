/**
 * RSS 2.0 (and RSS 1.0/RDF) and Atom feed files (`.xml`, `.rss`, `.atom`): each item or entry is one
 * document. Content is `content:encoded`, else `description` (RSS) or `content`, else `summary`
 * (Atom), read as HTML (Atom `type="text"` as plain text). Metadata: `url` ← link, `title`,
 * `published` ← pubDate / dc:date / published / updated (ISO 8601), `site` ← channel/feed title,
 * `author` ← dc:creator / author (name).
 *
 * Read offline (`readFeed`), items are not followed to their pages. With network access
 * (`follow.ts`), an item that carries only a summary is replaced by its page.
 *
 * Origin of item N (1-based) is `feed.xml#N`. Malformed XML is one failure naming the file; an
 * item without content is a failure for that item only.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { RawDoc, RawMeta } from '../../../core/doc.js';
import type { IngestResult } from '../index.js';
import { failure, rawResult, stringField } from './raw.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  // Keep values as written: a title "2025" stays a string, dates are not coerced.
  parseTagValue: false,
  parseAttributeValue: false,
  htmlEntities: true,
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link' || name === 'author',
});

type Node = Record<string, unknown>;

/** A feed parsed: its title (the site) and items, or the failure naming the file. */
export type ParsedFeed = { site: string | undefined; items: FeedItem[] } | { failure: IngestResult };

/** A feed file's text → one result per item, or one failure naming the file. */
export function readFeed(content: string, file: string): IngestResult[] {
  const feed = parseFeed(content, file);
  if ('failure' in feed) return [feed.failure];
  return feed.items.map((item, i) => {
    const origin = `${file}#${i + 1}`;
    if (!item.content) {
      return failure(origin, 'ingest/empty', 'Feed item has no content or description (links are not followed)');
    }
    return rawResult(origin, item.content, item.mediaType, feedItemMeta(item, feed.site));
  });
}

/** Parse an RSS or Atom document (see the module comment). */
export function parseFeed(content: string, file: string): ParsedFeed {
  const valid = XMLValidator.validate(content);
  if (valid !== true) {
    return {
      failure: failure(file, 'ingest/invalid-xml', `Malformed feed XML at line ${valid.err.line}: ${valid.err.msg}`),
    };
  }
  let doc: Node;
  try {
    doc = parser.parse(content) as Node;
  } catch (error) {
    return { failure: failure(file, 'ingest/invalid-xml', `Malformed feed XML: ${(error as Error).message}`) };
  }
  const rss = asNode(doc.rss);
  const rdf = asNode(doc['rdf:RDF']);
  const atom = asNode(doc.feed);
  let items: Node[];
  let site: string | undefined;
  let read: (item: Node) => FeedItem;
  if (rss || rdf) {
    const channel = asNode((rss ?? rdf)?.channel);
    items = nodes(asNode(rss?.channel)?.item ?? rdf?.item);
    site = text(channel?.title);
    read = readRssItem;
  } else if (atom) {
    items = nodes(atom.entry);
    site = text(atom.title);
    read = readAtomEntry;
  } else {
    return {
      failure: failure(file, 'ingest/unsupported-type', 'Unexpected XML document, expected an RSS or Atom feed'),
    };
  }
  if (items.length === 0) return { failure: failure(file, 'ingest/empty', 'Feed has no items') };
  return { site, items: items.map(read) };
}

/** The metadata a feed gives about one of its items. */
export function feedItemMeta(item: FeedItem, site: string | undefined): RawMeta {
  const meta: RawMeta = {};
  if (item.url) meta.url = item.url;
  if (item.title) meta.title = item.title;
  if (item.published) meta.published = item.published;
  if (site) meta.site = site;
  if (item.author) meta.author = item.author;
  return meta;
}

export interface FeedItem {
  /** RSS guid or Atom id: what `storyline watch` remembers (falls back to the link). */
  id: string | undefined;
  /** Whether `content` is the full-content element (`content:encoded`, Atom `content`), not a description or summary. */
  full: boolean;
  content: string | undefined;
  mediaType: RawDoc['mediaType'];
  url: string | undefined;
  title: string | undefined;
  published: string | undefined;
  author: string | undefined;
}

function readRssItem(item: Node): FeedItem {
  return {
    id: text(item.guid),
    full: text(item['content:encoded']) !== undefined,
    content: text(item['content:encoded']) ?? text(item.description),
    mediaType: 'text/html',
    url: nodes(item.link).map(text).find(Boolean) ?? permalink(item.guid),
    title: text(item.title),
    published: toIsoDate(text(item.pubDate) ?? text(item['dc:date'])),
    author: text(item['dc:creator']) ?? personName(item.author),
  };
}

function readAtomEntry(entry: Node): FeedItem {
  // `type="xhtml"` content is parsed XML, not text: it is skipped for the summary (rare in news feeds).
  const source = text(entry.content) !== undefined ? entry.content : entry.summary;
  const type = stringField(asNode(source)?.['@_type']) ?? 'text';
  const links = nodes(entry.link);
  const alternate = links.find((l) => (stringField(l['@_rel']) ?? 'alternate') === 'alternate') ?? links[0];
  return {
    id: text(entry.id),
    full: source === entry.content,
    content: text(source),
    mediaType: type === 'html' || type === 'xhtml' || type.includes('html') ? 'text/html' : 'text/plain',
    url: stringField(alternate?.['@_href']),
    title: text(entry.title),
    published: toIsoDate(text(entry.published) ?? text(entry.updated)),
    author: personName(entry.author),
  };
}

function asNode(value: unknown): Node | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Node) : undefined;
}

function nodes(value: unknown): Node[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((v) => (typeof v === 'string' ? { '#text': v } : (asNode(v) ?? {})));
}

/** Text of an element given as a string or as `{ '#text': … }` (with attributes). */
function text(value: unknown): string | undefined {
  if (Array.isArray(value)) return text(value[0]);
  const node = asNode(value);
  return stringField(node ? node['#text'] : value);
}

/** RSS `guid` is a URL unless `isPermaLink="false"`. */
function permalink(guid: unknown): string | undefined {
  const node = asNode(guid);
  if (node?.['@_isPermaLink'] === 'false') return undefined;
  const value = text(guid);
  return value && /^https?:\/\//i.test(value) ? value : undefined;
}

/** Atom `<author><name>`; RSS `<author>` is "email (Name)" or a name. */
function personName(value: unknown): string | undefined {
  for (const a of Array.isArray(value) ? value : [value]) {
    const node = asNode(a);
    const name = node && 'name' in node ? text(node.name) : text(a);
    if (!name) continue;
    const inParens = /^\S+@\S+\s*\(([^)]+)\)$/.exec(name);
    if (inParens) return (inParens[1] as string).trim();
    if (/^\S+@\S+$/.test(name)) continue; // a bare e-mail address is not a name
    return name;
  }
  return undefined;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** RFC 822 zone names (the ones RSS feeds use); military single letters are too ambiguous. */
const ZONES: Record<string, string> = {
  UT: '+00:00',
  UTC: '+00:00',
  GMT: '+00:00',
  Z: '+00:00',
  EST: '-05:00',
  EDT: '-04:00',
  CST: '-06:00',
  CDT: '-05:00',
  MST: '-07:00',
  MDT: '-06:00',
  PST: '-08:00',
  PDT: '-07:00',
};

/**
 * An ISO 8601 date-time as written (its own offset kept), or RFC 822 ("Tue, 10 Jun 2025 14:05:00
 * +0200") rewritten as ISO with the same offset. Anything else is dropped: never a guessed date.
 */
export function toIsoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) return value;
  const m =
    /^(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[A-Za-z]{1,4})?)?$/.exec(
      value.trim(),
    );
  if (!m) return undefined;
  const [, day, mon, yearText, hour, minute, second, zone] = m;
  const month = MONTHS.indexOf((mon as string).toLowerCase()) + 1;
  if (month === 0) return undefined;
  const year = (yearText as string).length === 2 ? 2000 + Number(yearText) : Number(yearText);
  const date = `${year}-${pad(month)}-${pad(Number(day))}`;
  if (hour === undefined) return date;
  const time = `${pad(Number(hour))}:${minute}:${second ?? '00'}`;
  const offset =
    zone === undefined
      ? ''
      : /^[+-]\d{4}$/.test(zone)
        ? `${zone.slice(0, 3)}:${zone.slice(3)}`
        : ZONES[zone.toUpperCase()];
  if (offset === undefined) return date; // unknown zone name: the day is still right as written
  return `${date}T${time}${offset}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
