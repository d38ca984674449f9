/**
 * HTML → metadata + body paragraphs, in three walks over one parsed tree (no CSS selector
 * queries: each costs a full-tree pass, and the bench runs 20 000 pages):
 *   1. `survey`: metadata (meta tags, JSON-LD, <title>, h1, <time>, canonical, byline) and, per
 *      element, its paragraph-text length, whether it holds the article, and whether it has
 *      nested paragraph tags. Metadata is read before anything is dropped: the header and footer
 *      hold the byline, date and site.
 *   2. `sweep`: drops boilerplate blocks by tag, role and class/id token (data in `selectors.ts`),
 *      recording each with its reason; scores the remaining `<p>` parents (after Readability).
 *      Paragraphs written without `<p>` vote too: a div (section, td…) with no block inside and
 *      enough prose, and loose text runs between a container's blocks (`<br><br>`-separated posts).
 *   3. `collect`: innermost `<p>`/`<h2>`/`<blockquote>`/`<li>` texts of the chosen body element,
 *      and those div paragraphs and loose runs in place, split at `<br><br>`.
 */
import type { Removed } from '../../core/doc.js';
import { findLineRule, trailingCredit } from './boilerplate.js';
import { type HtmlNode, parseHtml } from './html-tree.js';
import {
  AUTHOR_CLASSES,
  CAPTION_CLASSES,
  DATE_META,
  DROP_ROLES,
  DROP_TAGS,
  DROP_TOKENS,
  PARAGRAPH_TAGS,
  SILENT_TAGS,
} from './selectors.js';
import { isJsSpace } from './whitespace.js';

type AnyNode = HtmlNode;
type Element = HtmlNode;

/**
 * The attributes the walks below read, and the tags they are read on (null: every tag); the
 * parser skips all others (see `parseHtml`).
 */
const READ_ATTRIBUTES: ReadonlyMap<string, ReadonlySet<string> | null> = new Map([
  ['class', null],
  ['id', null],
  ['role', null],
  ['itemprop', null],
  ['rel', null],
  ['aria-modal', null],
  ['property', new Set(['meta'])],
  ['name', new Set(['meta'])],
  ['content', new Set(['meta'])],
  ['href', new Set(['link'])],
  ['type', new Set(['script'])],
  ['datetime', new Set(['time'])],
]);

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
  /** Where `site`, `author` and `url` were read. */
  sources: { site?: string; author?: string; url?: string };
}

/** Stands for `<br>` until paragraph text is flattened (HTML source newlines are only spaces). */
const BR = '\ue000';
const SPACE_RE = /\s+/g;
const BR_RE = / ?\ue000[ \ue000]*/g;
const TOKEN_SPLIT_RE = /[\s_-]+/;
const URL_RE = /^https?:\/\//i;
/** A block holding more than this share of the page's paragraph text is content, whatever its class says. */
const CONTENT_SHARE = 0.5;
/** `[itemprop=articleBody]`/`<article>`/`<main>` win when they hold this share of the best block's text. */
const PREFER_SHARE = 0.5;
/** Substrings every AUTHOR_CLASSES / CAPTION_CLASSES token in selectors.ts holds (keep it so when adding one). */
const AUTHOR_MARK = /byline|author/i;
const CAPTION_MARK = /caption/i;
/** Elements whose own first text "By Name" makes them a byline even without a byline class. */
const BYLINE_HOLDERS: ReadonlySet<string> = new Set(['p', 'div', 'span']);
/** A byline element is short; a paragraph starting "By Tuesday, …" is prose. */
const MAX_BYLINE = 120;
const BY_START_RE = /^\s*By\s+\p{Lu}/u;
/** "By Hanne Solvik · 11 March", "By The Associated Press": capitalised words up to the end or a separator. */
const BY_NAME_RE = /^By\s+\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){1,3}\s*(?:$|[,·|•(])/u;
/** Paragraphs shorter than this do not vote for their parent (bylines, "Advertisement"). */
const MIN_VOTE = 25;
/** Containers whose text may be a paragraph written without `<p>` (cnn's `div.zn-body__paragraph`, Blogger's `<br>` posts). */
const TEXT_CONTAINERS: ReadonlySet<string> = new Set(['div', 'section', 'article', 'main', 'td', 'center']);
/**
 * Inline tags that sometimes wrap a whole body with blocks inside (appleinsider's `<span>`): their
 * loose text counts, but they are never a paragraph themselves.
 */
const LOOSE_CONTAINERS: ReadonlySet<string> = new Set(['span']);
/**
 * Loose text shorter than this is not a paragraph ("Advertisement", "Share", a date line); set
 * at the MIN_VOTE scale so a one-sentence div paragraph still counts.
 */
const MIN_PROSE = 25;
/** Loose text that is more than this share link text is a link list, not prose (Readability's link-density cut). */
const MAX_LINK_SHARE = 0.5;
/** Tags never dropped, whatever their class or id says. */
const UNDROPPABLE_TAGS: ReadonlySet<string> = new Set(['html', 'body', 'main']);
/** Two `<br>`s in a row (spaces between allowed) end a paragraph. */
const BR_BREAK_RE = /\ue000[ \t\r\n]*\ue000/;
const BLOCK_TAGS = new Set([
  'p',
  'div',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'section',
  'article',
  'header',
  'footer',
  'nav',
  'aside',
  'blockquote',
  'figure',
  'figcaption',
  'table',
  'tr',
  'td',
  'th',
  'dd',
  'dt',
  'form',
  'label',
]);

interface Survey {
  meta: Map<string, string>;
  ld: JsonLd;
  title: string | null;
  h1: string | null;
  h1InArticle: string | null;
  time: string | null;
  canonical: string | null;
  byline: string | null;
  /** Paragraph text length of the whole page. */
  pageLen: number;
  /** Paragraph text length under each element (`<p>` and paragraphs written as divs or loose text). */
  pLen: Map<AnyNode, number>;
  /** `<p>` text length of the whole page (see {@link tagLenOf}): loose text in menus must not unprotect the article. */
  pageTagLen: number;
  /** Elements that are or hold `<article>`, `<main>`, `[itemprop=articleBody]`. */
  structural: Set<AnyNode>;
  /** Paragraph-tag elements that contain another paragraph tag. */
  outer: Set<AnyNode>;
  /** Containers with no block inside and enough prose: paragraphs written as `<div>` (with `<br>`s). */
  textBlocks: Set<AnyNode>;
  /** Containers with block children whose loose inline text between them is prose: text length per container. */
  looseText: Map<AnyNode, number>;
  /** Blocks `sweep` dropped, so `collect` need not judge them again. */
  dropped: Set<AnyNode>;
  /** Elements that are or hold an `<h1>`. */
  holdsH1: Set<AnyNode>;
  /** Paragraph text length under each element once `sweep` has dropped boilerplate. */
  kept: Map<AnyNode, number>;
  /** Where `sweep` and `collect` record what they leave out. */
  removed: Removed[];
  /** Inert blocks cut before parsing, to translate parser indices back to the source (see {@link stripInert}). */
  cuts: readonly Cut[];
}

interface JsonLd {
  headline?: string;
  datePublished?: string;
  author?: string;
  publisher?: string;
}

/** Parse `html` once and extract metadata and body paragraphs. */
export function extractHtml(html: string): HtmlResult {
  const inert = stripInert(html);
  // Start and end indices give dropped blocks their original offsets.
  const root = parseHtml(inert.html, { attributes: READ_ATTRIBUTES });
  const s = survey(root);
  s.cuts = inert.cuts;

  const titles: HtmlResult['titles'] = [];
  const pushTitle = (text: string | null | undefined, evidence: string) => {
    const t = text ? flat(text) : '';
    if (t) titles.push({ text: t, evidence });
  };
  pushTitle(s.meta.get('og:title'), 'meta[og:title]');
  pushTitle(s.h1InArticle ?? s.h1, 'h1');
  pushTitle(s.ld.headline, 'json-ld[headline]');
  pushTitle(s.meta.get('twitter:title'), 'meta[twitter:title]');
  pushTitle(s.title, 'title');

  const siteFrom = s.meta.has('og:site_name')
    ? 'meta[og:site_name]'
    : s.ld.publisher
      ? 'json-ld[publisher]'
      : s.meta.has('application-name')
        ? 'meta[application-name]'
        : undefined;
  const site = flat(s.meta.get('og:site_name') ?? s.ld.publisher ?? s.meta.get('application-name') ?? '') || null;

  const dates: HtmlResult['dates'] = [];
  for (const key of DATE_META) {
    const v = s.meta.get(key);
    if (v) dates.push({ text: v, evidence: `meta[${key}]` });
  }
  if (s.ld.datePublished) dates.push({ text: s.ld.datePublished, evidence: 'json-ld[datePublished]' });
  if (s.time) dates.push({ text: s.time, evidence: 'time[datetime]' });

  // The canonical link is the page's own statement of its address; og:url is often the share link.
  const url = s.canonical ?? s.meta.get('og:url') ?? null;
  const urlFrom = s.canonical ? 'link[rel=canonical]' : url ? 'meta[og:url]' : undefined;
  const { author, from: authorFrom } = pickAuthor(s);

  const removed = s.removed;
  const body = sweep(root, s, removed);
  const paragraphs: string[] = [];
  if (body) collectWithSections(body, s, paragraphs);
  const sources: HtmlResult['sources'] = {};
  if (site && siteFrom) sources.site = siteFrom;
  if (author && authorFrom) sources.author = authorFrom;
  if (url && urlFrom) sources.url = urlFrom;
  return { paragraphs, removed, titles, site, author, dates, url, sources };
}

function survey(root: AnyNode): Survey {
  const s: Survey = {
    meta: new Map(),
    ld: {},
    title: null,
    h1: null,
    h1InArticle: null,
    time: null,
    canonical: null,
    byline: null,
    pageLen: 0,
    pLen: new Map(),
    pageTagLen: 0,
    structural: new Set(),
    outer: new Set(),
    textBlocks: new Set(),
    looseText: new Map(),
    dropped: new Set(),
    holdsH1: new Set(),
    kept: new Map(),
    removed: [],
    cuts: [],
  };
  // itemprop=datePublished beats a <time> inside the article, which beats one in a sidebar.
  let timeItemprop: string | null = null;
  let timeInArticle: string | null = null;
  let timeAny: string | null = null;
  // `visit` returns the paragraph text length under a node and leaves the rest of what it learnt in
  // these (read right after each call; no tuple allocated per node): holds a paragraph tag, holds
  // article/main/articleBody, is or holds a block, <p> text length.
  let outPara = false;
  let outStructural = false;
  let outBlock = false;
  let outTagLen = 0;
  const nothing = (): number => {
    outPara = outStructural = outBlock = false;
    outTagLen = 0;
    return 0;
  };
  const visit = (node: AnyNode, inArticle: boolean): number => {
    if (node.type !== 'tag' && node.type !== 'root' && node.type !== 'script' && node.type !== 'style')
      return nothing();
    const el = node as Element;
    const tag = el.tagName ?? '';
    const attrs = el.attribs ?? {};
    switch (tag) {
      case 'meta': {
        const key = (attrs.property ?? attrs.name ?? attrs.itemprop ?? '').toLowerCase();
        if (key && attrs.content && !s.meta.has(key)) s.meta.set(key, attrs.content.trim());
        return nothing();
      }
      case 'title':
        s.title ??= textOf(el, true);
        return nothing();
      case 'link':
        if (attrs.rel === 'canonical' && attrs.href) s.canonical ??= attrs.href;
        return nothing();
      case 'script':
        if (attrs.type === 'application/ld+json') readJsonLd(textOf(el, true), s.ld);
        return nothing();
      case 'h1': {
        const text = flat(textOf(el));
        if (text) {
          s.h1 ??= text;
          if (inArticle) s.h1InArticle ??= text;
        }
        s.holdsH1.add(el);
        break;
      }
      case 'time':
        if (attrs.datetime) {
          if (attrs.itemprop === 'datePublished') timeItemprop ??= attrs.datetime;
          else if (inArticle) timeInArticle ??= attrs.datetime;
          else timeAny ??= attrs.datetime;
        }
        break;
      default:
        break;
    }
    if (SILENT_TAGS.has(tag)) return nothing();
    if (
      !s.byline &&
      (attrs.rel === 'author' || attrs.itemprop === 'author' || hasToken(attrs.class, AUTHOR_CLASSES, AUTHOR_MARK))
    ) {
      s.byline = flat(textOf(el)) || null;
    } else if (!s.byline && BYLINE_HOLDERS.has(tag) && startsWithBy(el)) {
      // An unnamed meta line: <div class="article-meta">By Hanne Solvik · <time>…</time></div>.
      const text = flat(textOf(el));
      if (text.length <= MAX_BYLINE && BY_NAME_RE.test(text)) s.byline = text;
    }
    const isArticle = tag === 'article' || tag === 'main' || attrs.itemprop === 'articleBody';
    let len = 0;
    let holdsPara = false;
    let structural = isArticle;
    let holdsBlock = false;
    let tagLen = 0;
    // Loose inline runs between block children are measured as they go (only for text containers).
    const container = TEXT_CONTAINERS.has(tag) || LOOSE_CONTAINERS.has(tag);
    const run: Measure | null = container ? { len: 0, space: false, links: 0 } : null;
    let loose = 0;
    for (const child of el.children ?? []) {
      const l = visit(child, inArticle || isArticle);
      const p = outPara;
      const st = outStructural;
      const b = outBlock;
      const t = outTagLen;
      if (s.holdsH1.has(child)) s.holdsH1.add(el);
      len += l;
      tagLen += t;
      holdsPara ||= p;
      structural ||= st;
      holdsBlock ||= b;
      if (!run) continue;
      if (!b) measure(child, run, false);
      else if (run.len > 0) {
        loose += proseOf(run);
        run.len = run.links = 0;
        run.space = false;
      }
    }
    if (tag === 'p') {
      // Measured without building the string: this runs on every <p> of the page.
      const m: Measure = { len: 0, space: false, links: 0 };
      measure(el, m, false);
      len = m.len;
      tagLen = len;
    } else if (run && !holdsBlock && TEXT_CONTAINERS.has(tag)) {
      // <div>Prose…<br><br>More prose…</div>: a paragraph written without <p> (the run is all of it).
      const prose = proseOf(run);
      if (prose > 0) {
        len = prose;
        s.textBlocks.add(el);
        holdsPara = true;
      }
    } else if (run && holdsBlock) {
      loose += proseOf(run);
      if (loose > 0) {
        len += loose;
        s.looseText.set(el, loose);
        holdsPara = true;
      }
    }
    if (PARAGRAPH_TAGS.has(tag) && holdsPara) s.outer.add(el);
    // Unset reads as 0 everywhere: most elements hold no paragraph text and cost no entry.
    if (len !== 0) s.pLen.set(el, len);
    if (structural) s.structural.add(el);
    const block = holdsBlock || BLOCK_TAGS.has(tag) || PARAGRAPH_TAGS.has(tag) || TEXT_CONTAINERS.has(tag);
    outPara = holdsPara || PARAGRAPH_TAGS.has(tag);
    outStructural = structural;
    outBlock = block;
    outTagLen = tagLen;
    return len;
  };
  visit(root, false);
  const pageTagLen = outTagLen;
  s.time = timeItemprop ?? timeInArticle ?? timeAny;
  s.pageLen = s.pLen.get(root) ?? 0;
  s.pageTagLen = pageTagLen;
  return s;
}

/**
 * Drop boilerplate blocks (recorded in `removed`) and return the body element: the parent with
 * the most paragraph text, unless `[itemprop=articleBody]`, `<article>` or `<main>` holds a fair
 * share of it.
 */
function sweep(root: AnyNode, s: Survey, removed: Removed[]): AnyNode | null {
  const scores = new Map<AnyNode, number>();
  const kept = s.kept;
  const preferred: AnyNode[] = [];

  const visit = (node: AnyNode): number => {
    if (node.type !== 'tag' && node.type !== 'root') return 0;
    const el = node as Element;
    const tag = el.tagName ?? '';
    if (SILENT_TAGS.has(tag)) return 0;
    const attrs = el.attribs ?? {};
    if (node.type === 'tag') {
      const reason = dropReason(el);
      const related = reason ? undefined : relatedHeadingReason(el);
      // A teaser box headed "You may also like" is often an <article> itself and can outgrow a short
      // post: only a headline inside protects it.
      if ((reason && !isProtected(el, reason, s)) || (related && !s.holdsH1.has(el))) {
        record(removed, blockText(el), (reason ?? related) as string, el, s.cuts);
        s.dropped.add(el);
        return 0;
      }
    }
    let len = 0;
    for (const child of el.children ?? []) len += visit(child);
    if (tag === 'p' || s.textBlocks.has(el)) {
      len = s.pLen.get(el) ?? 0;
      if (len >= MIN_VOTE) {
        if (el.parent) scores.set(el.parent, (scores.get(el.parent) ?? 0) + len);
        if (el.parent?.parent) scores.set(el.parent.parent, (scores.get(el.parent.parent) ?? 0) + len / 2);
      }
    } else {
      // Loose text between blocks votes as paragraphs whose parent is this element.
      const loose = s.looseText.get(el) ?? 0;
      if (loose > 0) {
        len += loose;
        scores.set(el, (scores.get(el) ?? 0) + loose);
        if (el.parent) scores.set(el.parent, (scores.get(el.parent) ?? 0) + loose / 2);
      }
    }
    if (len !== 0) kept.set(el, len);
    if (tag === 'article' || tag === 'main' || attrs.itemprop === 'articleBody' || attrs.role === 'main')
      preferred.push(el);
    return len;
  };
  visit(root);

  let best: AnyNode | null = null;
  let bestScore = 0;
  for (const [node, score] of scores) {
    if (score > bestScore) {
      bestScore = score;
      best = node;
    }
  }
  if (!best) return null;
  // Strongest first: articleBody, then article, then main/role=main; the largest of a kind wins.
  const rank = (el: Element) => (el.attribs?.itemprop === 'articleBody' ? 0 : el.tagName === 'article' ? 1 : 2);
  let pick: AnyNode | null = null;
  let pickRank = 3;
  let pickLen = 0;
  for (const el of preferred as Element[]) {
    const len = kept.get(el) ?? 0;
    if (len < bestScore * PREFER_SHARE) continue;
    const r = rank(el);
    if (r < pickRank || (r === pickRank && len > pickLen)) {
      pick = el;
      pickRank = r;
      pickLen = len;
    }
  }
  return pick ?? best;
}

/** How far up from the body element continuation sections are looked for. */
const SECTION_LEVELS = 6;
/** A continuation section holds at least this much paragraph text (a caption box or ad slot holds less). */
const MIN_SECTION = 400;
/**
 * …and at least this share of the body's: a press release's short "About Ascom" boilerplate block
 * is often styled like the text above it, while continuation sections are of the same order.
 */
const MIN_SECTION_SHARE = 0.2;
/** Teaser grids (headline links over one-line blurbs) run at 40 % link text and more; prose at a few %. */
const MAX_SECTION_LINK_SHARE = 0.25;
const ABOUT_RE = /^\s*(?:About|Über|À propos|Sobre|Acerca|Informazioni su|Tentang)\s/u;

/**
 * The body's paragraphs, plus those of continuation sections: long articles are often cut into
 * repeated sibling blocks of the same tag and class between full-width figures and quotes
 * (`<section class="post-section">` × 3). The densest one wins the vote alone, so siblings of
 * the body or of one of its close ancestors that look exactly like it (same tag, same class) and
 * hold paragraph text are read too, in document order. A sibling with its own `<h1>` is the next
 * article of an infinite-scroll page, not a continuation.
 */
function collectWithSections(body: AnyNode, s: Survey, out: string[]): void {
  const extra = new Set<AnyNode>();
  const bodyLen = s.kept.get(body) ?? 0;
  let top: AnyNode = body;
  let node: AnyNode = body;
  for (let level = 0; level < SECTION_LEVELS && node.parent; level++) {
    const me = node as Element;
    const cls = me.attribs?.class;
    if (cls && node.type === 'tag') {
      for (const sib of node.parent.children ?? []) {
        if (sib === node || sib.type !== 'tag') continue;
        const el = sib as Element;
        if (el.tagName !== me.tagName || el.attribs?.class !== cls) continue;
        if (s.dropped.has(el) || s.holdsH1.has(el) || s.structural.has(el)) continue;
        const len = s.kept.get(el) ?? 0;
        if (len < Math.max(MIN_SECTION, bodyLen * MIN_SECTION_SHARE) || linkShare(el) > MAX_SECTION_LINK_SHARE)
          continue;
        // "About Ascom: Ascom is a global…": a press release's company boilerplate, styled like the text.
        if (ABOUT_RE.test(textOf(el).slice(0, 80))) continue;
        // A block opening on a horizontal rule is set apart by its author: a boilerplate or note after the article.
        if (opensWithRule(el)) continue;
        extra.add(el);
        top = node.parent;
      }
    }
    node = node.parent;
  }
  if (extra.size === 0) {
    collect(body, s, out);
    return;
  }
  // Walk down from the highest shared ancestor, reading the body and the sections in place.
  const walk = (n: AnyNode): void => {
    if (n === body || extra.has(n)) {
      collect(n, s, out);
      return;
    }
    if (!isAncestorOf(n, body)) return;
    for (const child of (n as Element).children ?? []) walk(child);
  };
  walk(top);
}

/** Share of the text under `el` that is link text. */
function linkShare(el: Element): number {
  const m: Measure = { len: 0, space: false, links: 0 };
  measure(el, m, false);
  return m.len > 0 ? m.links / m.len : 1;
}

function opensWithRule(el: Element): boolean {
  for (const child of el.children ?? []) {
    if (child.type === 'text' && !(child as unknown as { data: string }).data.trim()) continue;
    if (child.type !== 'tag') return false;
    const c = child as Element;
    return c.tagName === 'hr' || (c.tagName === 'div' && opensWithRule(c));
  }
  return false;
}

function isAncestorOf(a: AnyNode, b: AnyNode): boolean {
  for (let n: AnyNode | null = b.parent; n; n = n.parent) if (n === a) return true;
  return false;
}

/**
 * A container whose first child is a heading such as "You may also like" or "Leia também" is a
 * related-links box even when its classes say nothing (`<article class="postbox">` lists of
 * teasers on blog themes). Only short headings match; a section titled "Related research" with
 * prose under it is protected like any block holding most of the page's text.
 */
function relatedHeadingReason(el: Element): string | undefined {
  if (!RELATED_CONTAINERS.has(el.tagName)) return undefined;
  for (const child of el.children ?? []) {
    if (child.type === 'text') {
      if ((child as unknown as { data: string }).data.trim()) return undefined;
      continue;
    }
    if (child.type !== 'tag') continue;
    const c = child as Element;
    if (!HEADING_TAGS.has(c.tagName)) return undefined;
    const text = flat(textOf(c));
    if (text.length > 60 || !RELATED_HEADING_RE.test(text)) return undefined;
    // A wrapper around the heading alone is left to the text cleaner, which drops the label and the teaser lines under it.
    let next = c.next;
    while (next && next.type !== 'tag') next = next.next;
    return next ? 'related-links' : undefined;
  }
  return undefined;
}

const RELATED_CONTAINERS: ReadonlySet<string> = new Set(['div', 'section', 'aside', 'article', 'ul']);
const HEADING_TAGS: ReadonlySet<string> = new Set(['h2', 'h3', 'h4', 'h5', 'h6']);
/** Headings of teaser lists, in the languages of the sites we see most. */
const RELATED_HEADING_RE =
  /^(?:you (?:may|might) (?:also )?(?:like|enjoy)|related(?: (?:posts?|articles?|stories|news|content|coverage|reading))?|more (?:stories|news|from\b.*|on\b.*)|read (?:also|more|next)|also read|see also|recommended(?: for you)?|most (?:read|popular|viewed)|trending(?: now)?|popular (?:posts|stories)|leia (?:também|mais)|veja (?:também|mais)|voc[eê] (?:também )?pode gostar|(?:posts|notícias|matérias) relacionad[oa]s|lee también|te puede interesar|noticias relacionadas|leggi anche|articoli correlati|potrebbe interessarti|baca juga|berita terkait|lesen sie auch|mehr zum thema|(?:à )?lire aussi|sur le même sujet)[\s.…:!]*$/iu;

/** Innermost paragraph-like texts under `node`, skipping dropped and silent blocks. */
function collect(node: AnyNode, s: Survey, out: string[]): void {
  if (node.type !== 'tag' && node.type !== 'root') return;
  const el = node as Element;
  const tag = el.tagName ?? '';
  if (SILENT_TAGS.has(tag)) return;
  if (s.dropped.has(el)) return;
  if (PARAGRAPH_TAGS.has(tag) && !s.outer.has(el)) {
    const text = clean(textOf(el));
    if (!text) return;
    if (isTeaserLink(el, text)) s.removed.push({ text: flat(text), reason: 'extract/related-links' });
    else out.push(text);
    return;
  }
  if (tag === 'table' && isDataTable(el)) {
    pushTableRows(el, out);
    return;
  }
  if (s.textBlocks.has(el)) {
    pushProse(el.children ?? [], s, out);
    return;
  }
  if (!s.looseText.has(el)) {
    for (const child of el.children ?? []) collect(child, s, out);
    return;
  }
  // Loose inline runs between blocks are paragraphs in place; blocks are walked as usual.
  let run: AnyNode[] = [];
  for (const child of el.children ?? []) {
    if (child.type === 'text' || (child.type === 'tag' && !holdsBlock(child as Element))) {
      run.push(child);
      continue;
    }
    pushProse(run, s, out);
    run = [];
    collect(child, s, out);
  }
  pushProse(run, s, out);
}

/**
 * A table of data (standings, results, prices) inside the article is part of it, but its cells are
 * too short to count as paragraphs: it is read row by row, cells joined by spaces. A layout table
 * (cells holding paragraphs or other tables) is walked like any container.
 */
function isDataTable(table: Element): boolean {
  let rows = 0;
  const check = (node: AnyNode): boolean => {
    if (node.type !== 'tag') return true;
    const el = node as Element;
    if (el.tagName === 'tr') rows++;
    if (el.tagName === 'table' && el !== table) return false;
    if (el.tagName === 'p' || el.tagName === 'div' || el.tagName === 'ul' || el.tagName === 'ol') return false;
    for (const child of el.children ?? []) if (!check(child)) return false;
    return true;
  };
  return check(table) && rows >= 2;
}

function pushTableRows(table: Element, out: string[]): void {
  const visit = (node: AnyNode): void => {
    if (node.type !== 'tag') return;
    const el = node as Element;
    if (SILENT_TAGS.has(el.tagName)) return;
    if (el.tagName !== 'tr') {
      for (const child of el.children ?? []) visit(child);
      return;
    }
    const cells: string[] = [];
    for (const child of el.children ?? []) {
      if (child.type !== 'tag') continue;
      const cell = flat(textOf(child));
      if (cell) cells.push(cell);
    }
    if (cells.length) out.push(cells.join(' '));
  };
  visit(table);
}

/** A teaser headline is short; a linked sentence in a list of sources reads longer. */
const MAX_TEASER = 120;
/** Teasers are all link (a bullet or a date may sit outside it). */
const TEASER_LINK_SHARE = 0.9;
const OFFER_OR_ADDRESS_RE = /[$€£¥₹]\s?\d|\d\s?(?:€|EUR|USD)\b|^(?:https?:\/\/|www\.)\S+$|^[\w-]+(?:\.[\w-]+)+\/?$/u;
const TEASER_END_RE = /[.!?:;,"'”’»)\]…]$/u;

/**
 * A paragraph or list item that is one short link without closing punctuation is a teaser for
 * another article ("Man charged in death of best friend") slipped into the body by a related-
 * stories widget without a telling class; prose links end in a full stop or sit inside text.
 */
function isTeaserLink(el: Element, text: string): boolean {
  if (text.length > MAX_TEASER || TEASER_END_RE.test(text) || text.includes('\n')) return false;
  // Deal posts list their offers as links ("Get it on Amazon for $39.99"), and a bare address is shown as itself.
  if (OFFER_OR_ADDRESS_RE.test(text)) return false;
  const m: Measure = { len: 0, space: false, links: 0 };
  measure(el, m, false);
  return m.len > 0 && m.links >= m.len * TEASER_LINK_SHARE;
}

/** Paragraphs of an inline run: split at `<br><br>`; link lists and short scraps are not prose. */
function pushProse(nodes: readonly AnyNode[], s: Survey, out: string[]): void {
  if (nodes.length === 0 || proseLength(nodes) === 0) return;
  let raw = '';
  for (const node of nodes) {
    if (s.dropped.has(node)) continue;
    raw += textOf(node);
  }
  for (const part of raw.split(BR_BREAK_RE)) {
    const text = clean(part);
    if (text) out.push(text);
  }
}

/**
 * Flat text length of an inline run when it reads as prose, else 0: at least {@link MIN_PROSE}
 * characters, and not mostly link text (a row of nav links or teaser headlines).
 */
function proseLength(nodes: readonly AnyNode[]): number {
  const m: Measure = { len: 0, space: false, links: 0 };
  for (const node of nodes) measure(node, m, false);
  return proseOf(m);
}

function proseOf(m: Measure): number {
  return m.len < MIN_PROSE || m.links > m.len * MAX_LINK_SHARE ? 0 : m.len;
}

interface Measure {
  /** Length of the text as {@link flat} would leave it (before its final trim). */
  len: number;
  /** A whitespace run is pending. */
  space: boolean;
  /** Characters inside `<a>`. */
  links: number;
}

/** Measure text under `node` without building it: this runs on every leaf container and loose run of a page. */
function measure(node: AnyNode, m: Measure, inLink: boolean): void {
  if (node.type === 'text') {
    const text = (node as unknown as { data: string }).data;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      // \t \n \v \f \r, space and nbsp collapse to one space.
      if (c === 32 || (c >= 9 && c <= 13) || c === 0xa0) {
        m.space = m.len > 0;
        continue;
      }
      const n = m.space ? 2 : 1;
      m.len += n;
      if (inLink) m.links += n;
      m.space = false;
    }
    return;
  }
  if (node.type !== 'tag') return;
  const el = node as Element;
  if (el.tagName === 'br') {
    m.space = m.len > 0;
    return;
  }
  if (SILENT_TAGS.has(el.tagName)) return;
  const link = inLink || el.tagName === 'a';
  for (const child of el.children ?? []) measure(child, m, link);
}

/** The element is or holds a block tag (walks only inline subtrees, which are small). */
function holdsBlock(el: Element): boolean {
  if (BLOCK_TAGS.has(el.tagName) || PARAGRAPH_TAGS.has(el.tagName) || TEXT_CONTAINERS.has(el.tagName)) return true;
  for (const child of el.children ?? []) if (child.type === 'tag' && holdsBlock(child as Element)) return true;
  return false;
}

/**
 * A block named like boilerplate that is kept anyway: it holds the article (or most of the page's
 * paragraph text). Comment threads can outgrow the article, so only structure protects them;
 * captions always go.
 */
function isProtected(el: Element, reason: string, s: Survey): boolean {
  if (reason === 'caption') return false;
  if (reason === 'comment-form') return isStructuralTag(el);
  return s.structural.has(el) || holdsMostText(el, s);
}

function holdsMostText(el: Element, s: Survey): boolean {
  return (
    (s.pageLen > 0 && (s.pLen.get(el) ?? 0) > s.pageLen * CONTENT_SHARE) ||
    (s.pageTagLen > 0 && tagLenOf(el, s) > s.pageTagLen * CONTENT_SHARE)
  );
}

/** `<p>` text length under `el`, walked only for the few named-like-boilerplate blocks that reach this test. */
function tagLenOf(node: AnyNode, s: Survey): number {
  if (node.type !== 'tag') return 0;
  const el = node as Element;
  if (el.tagName === 'p') return s.pLen.get(el) ?? 0;
  let n = 0;
  for (const child of el.children ?? []) n += tagLenOf(child, s);
  return n;
}

/** Why a block is boilerplate: a caption, or a class/id token naming it, or its tag or role. */
function dropReason(el: Element): string | undefined {
  const attrs = el.attribs ?? {};
  const tag = el.tagName;
  // A page-wide class ("blog-recirc-group-3" on <body>) names the page, not a block in it.
  if (UNDROPPABLE_TAGS.has(tag)) return undefined;
  if (tag === 'figcaption' || attrs.itemprop === 'caption' || hasToken(attrs.class, CAPTION_CLASSES, CAPTION_MARK))
    return 'caption';
  const token = tokenReason(`${attrs.class ?? ''} ${attrs.id ?? ''}`);
  if (token) return token;
  if (attrs['aria-modal'] === 'true') return 'overlay';
  return DROP_TAGS.get(tag) ?? (attrs.role ? DROP_ROLES.get(attrs.role) : undefined);
}

function isStructuralTag(el: Element): boolean {
  return el.tagName === 'html' || el.tagName === 'body' || el.tagName === 'main' || el.tagName === 'article';
}

/**
 * Class and id strings repeat across a page's elements and across pages of a site: their reading is
 * cached (bounded; cleared when full).
 */
const tokenReasons = new Map<string, string | null>();
const MAX_TOKEN_REASONS = 20_000;

function tokenReason(attrs: string): string | undefined {
  if (attrs.length <= 1) return undefined;
  const cached = tokenReasons.get(attrs);
  if (cached !== undefined) return cached ?? undefined;
  const reason = readTokenReason(attrs);
  if (tokenReasons.size >= MAX_TOKEN_REASONS) tokenReasons.clear();
  tokenReasons.set(attrs, reason ?? null);
  return reason;
}

function readTokenReason(attrs: string): string | undefined {
  const tokens = attrs.toLowerCase().split(TOKEN_SPLIT_RE);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    if (!t) continue;
    const reason = DROP_TOKENS.get(t) ?? DROP_TOKENS.get(`${t}-${tokens[i + 1] ?? ''}`);
    if (reason) return reason;
  }
  return undefined;
}

/** The element's first text child reads "By <Capital>…". */
function startsWithBy(el: Element): boolean {
  for (const child of el.children ?? []) {
    if (child.type !== 'text') return false;
    const data = (child as unknown as { data: string }).data;
    if (data.trim()) return BY_START_RE.test(data);
  }
  return false;
}

function hasToken(value: string | undefined, set: ReadonlySet<string>, mark?: RegExp): boolean {
  if (!value) return false;
  // Every token of the set holds `mark`: a class without it is ruled out without splitting (runs on every element).
  if (mark && !mark.test(value)) return false;
  const tokens = value.toLowerCase().split(/\s+/);
  for (const t of tokens) {
    if (set.has(t)) return true;
    for (const part of t.split(/[_-]+/)) if (set.has(part)) return true;
  }
  return false;
}

function readJsonLd(json: string, out: JsonLd): void {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return; // broken JSON-LD is common; the other metadata still counts
  }
  const stack: unknown[] = [data];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]);
      continue;
    }
    if (!node || typeof node !== 'object') continue;
    const o = node as Record<string, unknown>;
    if (Array.isArray(o['@graph'])) stack.push(o['@graph']);
    if (typeof o.datePublished === 'string') out.datePublished ??= o.datePublished;
    if (typeof o.headline === 'string') out.headline ??= o.headline;
    const author = nameOf(o.author);
    if (author) out.author ??= author;
    const publisher = nameOf(o.publisher);
    if (publisher) out.publisher ??= publisher;
  }
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

function pickAuthor(s: Survey): { author: string | null; from?: string } {
  const candidates: Array<[string | undefined, string]> = [
    [s.meta.get('author'), 'meta[author]'],
    [s.meta.get('article:author'), 'meta[article:author]'],
    [s.meta.get('dc.creator'), 'meta[dc.creator]'],
    [s.ld.author, 'json-ld[author]'],
  ];
  for (const [candidate, from] of candidates) {
    if (candidate && !URL_RE.test(candidate)) return { author: flat(candidate), from };
  }
  const byline = s.byline ? s.byline.replace(/^by\s+/i, '') || null : null;
  return byline ? { author: byline, from: 'byline' } : { author: null };
}

/** Text under `node`; `<br>` becomes {@link BR}; silent tags are skipped unless `raw`. */
function textOf(node: AnyNode, raw = false): string {
  if (node.type === 'text') return (node as unknown as { data: string }).data;
  const el = node as Element;
  if (!el.children) return '';
  if (el.tagName === 'br') return BR;
  if (!raw && SILENT_TAGS.has(el.tagName)) return '';
  let text = '';
  for (const child of el.children) text += textOf(child, raw);
  return text;
}

/** Text of a dropped block with its blocks kept apart ("Home Local Business", not "HomeLocalBusiness"). */
function blockText(node: AnyNode): string {
  if (node.type === 'text') return (node as unknown as { data: string }).data;
  const el = node as Element;
  if (!el.children || SILENT_TAGS.has(el.tagName)) return '';
  if (el.tagName === 'br') return ' ';
  let text = '';
  for (const child of el.children) text += blockText(child);
  return BLOCK_TAGS.has(el.tagName) ? ` ${text} ` : text;
}

/** Record a dropped block; a caption's trailing photo credit is recorded on its own. */
function record(removed: Removed[], raw: string, reason: string, el: Element, cuts: readonly Cut[]): void {
  const text = flat(raw);
  if (!text) return;
  if (reason === 'caption') {
    const credit = trailingCredit(text);
    if (credit) {
      const caption = text.slice(0, credit.index).trim();
      if (caption) removed.push({ text: caption, reason: 'extract/caption' });
      removed.push({ text: credit[0].trim(), reason: 'extract/photo-credit' });
      return;
    }
  }
  // The parser knows where the block stands: its whole element, markup included, is the original span.
  removed.push({
    text,
    reason: `extract/${refine(text, reason)}`,
    start: toSource(el.startIndex, cuts),
    end: toSource(el.endIndex, cuts) + 1,
  });
}

/** Class tokens such as `promo` or `widget` say little; the block's own words may say more ("SUBSCRIBE: …"). */
const VAGUE_REASONS: ReadonlySet<string> = new Set(['related-links', 'sidebar']);
/** Only short blocks are matched against the line rules (as in the text cleaner). */
const MAX_REFINE = 400;

function refine(text: string, reason: string): string {
  if (!VAGUE_REASONS.has(reason) || text.length > MAX_REFINE) return reason;
  return findLineRule(text)?.reason ?? reason;
}

/** A cut made by {@link stripInert}: from offset `at` of the stripped string on, add `shift` to reach the source. */
interface Cut {
  at: number;
  shift: number;
}

/**
 * Scripts, styles, inline SVG and comments are often half of a page's bytes and never text a
 * reader sees. They are cut with one native regex pass before parsing (JSON-LD scripts are kept:
 * they hold metadata); each cut is remembered so parser offsets still lead back to the source.
 */
const INERT_RE = /<(script|style|svg|noscript)\b([^>]*)>[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi;
const LD_JSON_RE = /ld\+json/i;

function stripInert(html: string): { html: string; cuts: Cut[] } {
  const cuts: Cut[] = [];
  const parts: string[] = [];
  let length = 0;
  let last = 0;
  let shift = 0;
  INERT_RE.lastIndex = 0;
  for (let m = INERT_RE.exec(html); m; m = INERT_RE.exec(html)) {
    if (m[1]?.toLowerCase() === 'script' && LD_JSON_RE.test(m[2] ?? '')) continue;
    parts.push(html.slice(last, m.index));
    length += m.index - last;
    shift += m[0].length;
    last = m.index + m[0].length;
    cuts.push({ at: length, shift });
  }
  if (cuts.length === 0) return { html, cuts };
  parts.push(html.slice(last));
  // One flat string (not a rope of slices): the parser reads it character by character.
  return { html: parts.join(''), cuts };
}

/** Source offset of offset `at` of the stripped string. */
function toSource(at: number, cuts: readonly Cut[]): number {
  let lo = 0;
  let hi = cuts.length - 1;
  let shift = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const cut = cuts[mid] as Cut;
    if (cut.at <= at) {
      shift = cut.shift;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return at + shift;
}

/** Collapse spaces, keeping `<br>` line breaks, which the text cleaner splits on. */
function clean(text: string): string {
  // Fast path: most paragraphs have no `<br>`, and then `clean` is `flat`.
  if (!text.includes(BR)) return flat(text);
  return text.replace(SPACE_RE, ' ').replace(BR_RE, '\n').trim();
}

/**
 * One line: every run of whitespace (`\s`) and `<br>` becomes one space, ends trimmed. A loop
 * rather than three regex passes: it runs on every paragraph and every dropped block, and most
 * text is already flat (single spaces), which is returned as it is.
 */
function flat(text: string): string {
  const n = text.length;
  let i = 0;
  while (i < n && isFlatSpace(text.charCodeAt(i))) i++;
  let out = '';
  let segment = i;
  let end = n;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isFlatSpace(c)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isFlatSpace(text.charCodeAt(j))) j++;
    if (j === n) {
      end = i;
      break;
    }
    if (c !== 32 || j > i + 1) {
      out += `${text.slice(segment, i)} `;
      segment = j;
    }
    i = j;
  }
  if (segment === 0 && end === n) return text;
  return out + text.slice(segment, end);
}

/** `\s` of JavaScript regexes, and {@link BR}. */
function isFlatSpace(c: number): boolean {
  return c === 0xe000 || isJsSpace(c);
}
