/**
 * HTML selectors as data (after trafilatura's `xpaths.py`): what to drop before choosing the main
 * content, with the reason each dropped block is recorded under, and where the content usually is.
 */

/** Tags skipped silently: never text a reader sees. */
export const SILENT_TAGS: ReadonlySet<string> = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'canvas',
  'iframe',
  'object',
  'embed',
  'link',
  'meta',
  'button',
  'select',
  'input',
  'textarea',
  'video',
  'audio',
  'source',
  'title',
]);

/** Tags dropped with a reason (a class/id token naming the block wins over the tag, see below). */
export const DROP_TAGS: ReadonlyMap<string, string> = new Map([
  ['figcaption', 'caption'],
  ['nav', 'navigation'],
  ['header', 'banner'],
  ['footer', 'footer'],
  ['aside', 'sidebar'],
  ['form', 'form'],
  ['dialog', 'overlay'],
]);

/** ARIA roles dropped with a reason. */
export const DROP_ROLES: ReadonlyMap<string, string> = new Map([
  ['navigation', 'navigation'],
  ['banner', 'banner'],
  ['contentinfo', 'footer'],
  ['complementary', 'sidebar'],
  ['dialog', 'overlay'],
  ['alertdialog', 'overlay'],
]);

/** Class tokens of captions that are not `<figcaption>` (`itemprop="caption"` counts too). */
export const CAPTION_CLASSES: ReadonlySet<string> = new Set([
  'caption',
  'wp-caption-text',
  'image-caption',
  'media-caption',
  'photo-caption',
]);

/**
 * Class and id tokens (split on spaces, `-` and `_`, lower-cased) that mark a block to drop, with
 * the reason. Whole tokens only: `comment` matches `comment-list` but not `commentary`; two neighbouring
 * tokens are also tried joined by `-` (`banner-ad`, `author-bio`).
 */
export const DROP_TOKENS: ReadonlyMap<string, string> = new Map([
  ...tokens('comment-form', [
    'comment',
    'comments',
    'commentlist',
    'disqus',
    'respond',
    'discussion',
    'replies',
    'talkback',
    'coral',
  ]),
  ...tokens('related-links', [
    'related',
    'relatedarticles',
    'relatedstories',
    'recommended',
    'recommendations',
    'recirc',
    'recirculation',
    'outbrain',
    'taboola',
    'mostread',
    'mostpopular',
    'popular',
    'trending',
    'readmore',
    'readnext',
    'teaser',
    'teasers',
    'morestories',
    'also',
    'seealso',
    'promo',
    'promos',
  ]),
  ...tokens('share-prompt', ['share', 'sharing', 'sharebar', 'sharetools', 'social', 'socialshare', 'sociallinks']),
  ...tokens('newsletter', ['newsletter', 'newsletters', 'signup', 'subscribe-box']),
  ...tokens('advertisement', [
    'ad',
    'ads',
    'advert',
    'adverts',
    'advertisement',
    'adslot',
    'adunit',
    'dfp',
    'sponsored',
    'banner-ad',
  ]),
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

/** Elements whose text becomes one paragraph each (innermost wins when nested). */
export const PARAGRAPH_TAGS: ReadonlySet<string> = new Set(['p', 'h2', 'h3', 'h4', 'blockquote', 'li', 'pre']);

/** Class tokens of byline elements, read before any block is dropped. */
export const AUTHOR_CLASSES: ReadonlySet<string> = new Set(['byline', 'byline__name', 'author-name', 'byline-name']);

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
