/**
 * HTML selectors as data (after trafilatura's `xpaths.py`): what to drop before choosing the main
 * content, with the reason each dropped block is recorded under, and where the content usually is.
 */

/** Tags dropped silently: never text a reader sees. */
export const SILENT_TAGS = 'script, style, noscript, template, svg, canvas, iframe, object, embed, link, meta, button, select, input, textarea, video, audio, picture source';

/** Tags dropped with a reason; order matters only for what is recorded first. */
export const DROP_TAGS: ReadonlyArray<{ selector: string; reason: string }> = [
  { selector: 'figcaption, .caption, .wp-caption-text, [class~="image-caption"], [itemprop="caption"]', reason: 'caption' },
  { selector: 'nav, [role="navigation"], .breadcrumb, .breadcrumbs', reason: 'navigation' },
  { selector: 'header, [role="banner"]', reason: 'banner' },
  { selector: 'footer, [role="contentinfo"]', reason: 'footer' },
  { selector: 'aside, [role="complementary"]', reason: 'sidebar' },
  { selector: 'form', reason: 'form' },
  { selector: 'dialog, [role="dialog"], [aria-modal="true"]', reason: 'overlay' },
];

/**
 * Class and id tokens (split on spaces, `-` and `_`, lower-cased) that mark a block to drop, with
 * the reason. Whole tokens only: `comment` matches `comment-list` but not `commentary`; two neighbouring
 * tokens are also tried joined by `-` (`banner-ad`, `author-bio`).
 */
export const DROP_TOKENS: ReadonlyMap<string, string> = new Map([
  ...tokens('comment-form', [
    'comment', 'comments', 'commentlist', 'disqus', 'respond', 'discussion', 'replies', 'talkback', 'coral',
  ]),
  ...tokens('related-links', [
    'related', 'relatedarticles', 'relatedstories', 'recommended', 'recommendations', 'recirc', 'recirculation',
    'outbrain', 'taboola', 'mostread', 'mostpopular', 'popular', 'trending', 'readmore', 'readnext',
    'teaser', 'teasers', 'morestories', 'also', 'seealso', 'promo', 'promos',
  ]),
  ...tokens('share-prompt', ['share', 'sharing', 'sharebar', 'sharetools', 'social', 'socialshare', 'sociallinks']),
  ...tokens('newsletter', ['newsletter', 'newsletters', 'signup', 'subscribe-box']),
  ...tokens('advertisement', ['ad', 'ads', 'advert', 'adverts', 'advertisement', 'adslot', 'adunit', 'dfp', 'sponsored', 'banner-ad']),
  ...tokens('cookie-notice', ['cookie', 'cookies', 'consent', 'gdpr', 'cmp']),
  ...tokens('paywall', ['paywall', 'piano', 'regwall', 'meter', 'subscriber-only', 'premium-wall']),
  ...tokens('subscription', ['subscribe', 'subscription', 'membership', 'donate']),
  ...tokens('navigation', ['breadcrumb', 'breadcrumbs', 'pagination', 'pager', 'menu', 'navbar', 'skip', 'skiplink']),
  ...tokens('sidebar', ['sidebar', 'rail', 'widget', 'widgets']),
  ...tokens('byline-box', ['author-bio', 'authorbio', 'bio']),
  ...tokens('tags', ['tags', 'tag-list', 'taglist', 'topics', 'keywords']),
]);

function tokens(reason: string, names: string[]): Array<[string, string]> {
  return names.map((name) => [name, reason]);
}

/** Where the article body usually is, strongest first. */
export const BODY_SELECTORS = ['[itemprop="articleBody"]', 'article', '[role="main"]', 'main'];

/** Elements whose text becomes one paragraph each (innermost wins when nested). */
export const PARAGRAPH_TAGS = 'p, h2, h3, h4, blockquote, li, pre';

/** Author elements, read before any block is dropped. */
export const AUTHOR_SELECTORS = ['[itemprop="author"] [itemprop="name"]', '[rel="author"]', '[itemprop="author"]', '.byline__name', '.author-name', '.byline'];

/** Published-date meta tags, strongest first. `property` and `name` are both read. */
export const DATE_META = [
  'article:published_time',
  'og:article:published_time',
  'datepublished',
  'publishdate',
  'publish-date',
  'pubdate',
  'date',
  'dc.date',
  'dc.date.issued',
  'dcterms.created',
  'sailthru.date',
  'parsely-pub-date',
  'og:published_time',
];
