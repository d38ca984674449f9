/**
 * Headlines for clustering and labels: an article's title when it reads like a headline, else the
 * first headline-like line of its body.
 *
 * A title is not a headline (site chrome that extract took for one) when:
 * - it is a list of sections or a kicker: separators (`|`, `·`, `•`, `»`, ` — `, ` - `) with no
 *   segment that is itself a headline ("Markets · Companies · Economy", "WORLD | Reportage",
 *   "WorldWire Digest — the world's headlines in one place");
 * - it is all capitals ("WORLD", "THE MERIDIAN POST");
 * - articles of different copy groups share it verbatim ("News from the coast and the world"),
 *   counted corpus-wide by `sharedTitles`;
 * - its content words barely occur in its own body (`MIN_TITLE_SUPPORT`): a headline is
 *   restated in the lead, a share bar or a tagline is not ("Share on Facebook Share on X Email").
 */
import type { CorpusArticle } from '../../core/corpus.js';
import { foldWords } from '../dedupe/minhash.js';
import { contentTerms, lineHash, MAX_BOILERPLATE_LINE_CHARS } from './features.js';

/** Separators between the segments of a kicker, a section list or "headline | site". */
const SEPARATOR_RE = /\s*(?:\||·|•|»|\s[—–-]\s)\s*/u;
/** A headline has at least this many words (a kicker "Regions" or "Reportage" has one or two). */
export const MIN_HEADLINE_WORDS = 4;
/** Longer lines are paragraphs, not headlines. */
export const MAX_HEADLINE_WORDS = 30;
/**
 * Share of a title's content words found in its body for it to count as a headline. Real
 * headlines of examples/corpus restate 60-100% of their words in the body; the chrome taken for
 * titles there ("Share on Facebook Share on X Email", "News from the coast and the world",
 * "Markets · Companies · Economy · World · Opinion") reach at most 20%.
 */
export const MIN_TITLE_SUPPORT = 0.4;
/** Body lines looked at for a headline when the title is unusable (banner, kicker, date, title). */
const HEADLINE_LINES = 8;

const LETTER_RE = /\p{L}/u;
const LOWER_RE = /\p{Ll}/u;

function words(s: string): string[] {
  return s.trim().split(/\s+/).filter(Boolean);
}

/** All capitals (at least one letter and no lower-case letter). */
function isAllCaps(s: string): boolean {
  return LETTER_RE.test(s) && !LOWER_RE.test(s);
}

/** A line shaped like a headline: 4-30 words, starts with a capital or a quote, not a sentence. */
export function isHeadlineShaped(line: string): boolean {
  const s = line.trim();
  const n = words(s).length;
  if (n < MIN_HEADLINE_WORDS || n > MAX_HEADLINE_WORDS) return false;
  if (isAllCaps(s) || SEPARATOR_RE.test(s)) return false;
  // Headlines carry no final full stop; "Your country. Your news." is a tagline.
  if (/[.!?]$/.test(s) && !/["'”’»]$/.test(s)) return false;
  if (/^\p{Ll}/u.test(s)) return false;
  // Dates, bylines and counters: mostly digits or a "Published"/"By" lead.
  if (/^(?:by|published|updated|posted|source|photo)\b/i.test(s)) return false;
  const digits = s.replace(/\D/g, '').length;
  return digits < s.length / 4;
}

/** Normalised form used to count shared titles. */
export function titleKey(title: string): string {
  return foldWords(title).replace(/\s+/g, ' ').trim();
}

/**
 * Titles shared verbatim by articles of two or more copy groups: site-wide chrome, not headlines.
 * `groupOf` maps article id to its copy group (copies may legitimately share a headline).
 */
export function sharedTitles(articles: readonly CorpusArticle[], groupOf: ReadonlyMap<string, number>): Set<string> {
  const firstGroup = new Map<string, number>();
  const shared = new Set<string>();
  for (const a of articles) {
    if (!a.title) continue;
    const key = titleKey(a.title);
    const group = groupOf.get(a.id) ?? -1;
    const seen = firstGroup.get(key);
    if (seen === undefined) firstGroup.set(key, group);
    else if (seen !== group || group === -1) shared.add(key);
  }
  return shared;
}

/**
 * Share of the headline's content words that the body uses beyond the headline itself
 * (`body`: content-term counts of the whole text, which may contain the headline line once).
 */
function titleSupport(title: string, body: ReadonlyMap<string, number>, inBody: boolean): number {
  const t = new Map<string, number>();
  contentTerms(title, t);
  if (t.size === 0) return 0;
  let hit = 0;
  for (const [w, n] of t) if ((body.get(w) ?? 0) > (inBody ? n : 0)) hit++;
  return hit / t.size;
}

/** Content-term counts of an article's whole text, for `usableTitle` and `bodyHeadline`. */
export function bodyTerms(article: CorpusArticle): Map<string, number> {
  const terms = new Map<string, number>();
  contentTerms(article.text, terms);
  return terms;
}

/** The headline segment of a title with separators ("Headline | Site"), or null. */
function headlineSegment(title: string): string | null {
  const segments = title.split(SEPARATOR_RE).filter((s) => isHeadlineShaped(s));
  if (segments.length === 0) return null;
  return segments.reduce((x, y) => (words(y).length > words(x).length ? y : x));
}

/** The title when it reads like a headline of this article (see the file comment), else null. */
export function usableTitle(
  article: CorpusArticle,
  shared: ReadonlySet<string>,
  body: ReadonlyMap<string, number> = bodyTerms(article),
): string | null {
  const raw = article.title?.trim();
  if (!raw) return null;
  if (shared.has(titleKey(raw))) return null;
  const title = SEPARATOR_RE.test(raw) ? headlineSegment(raw) : raw;
  if (!title || isAllCaps(title) || words(title).length < 2) return null;
  if (titleSupport(title, body, false) < MIN_TITLE_SUPPORT) return null;
  return title;
}

/**
 * The first headline-shaped line among the first body lines that is not chrome (`chrome`: hashes
 * of lines repeated across copy groups) and whose words the rest of the body restates, or null.
 */
export function bodyHeadline(
  article: CorpusArticle,
  chrome: ReadonlySet<number> = new Set(),
  body: ReadonlyMap<string, number> = bodyTerms(article),
): string | null {
  let seen = 0;
  for (const line of article.text.split('\n')) {
    const s = line.trim();
    if (!s) continue;
    if (s.length <= MAX_BOILERPLATE_LINE_CHARS && chrome.has(lineHash(s))) continue;
    if (isHeadlineShaped(s) && titleSupport(s, body, true) >= MIN_TITLE_SUPPORT) return s;
    if (++seen >= HEADLINE_LINES) break;
  }
  return null;
}

/**
 * Best headline of an article: usable title, else body headline, else null. `body`: its
 * content-term counts (the whole text by default; the clustering features will do, since a
 * headline is restated in the lead).
 */
export function headlineOf(
  article: CorpusArticle,
  shared: ReadonlySet<string>,
  chrome: ReadonlySet<number> = new Set(),
  body: ReadonlyMap<string, number> = bodyTerms(article),
): string | null {
  return usableTitle(article, shared, body) ?? bodyHeadline(article, chrome, body);
}

/** First sentence of the first substantial paragraph (the lead), at most 300 characters. */
export function leadSentence(text: string): string {
  // A sentence, not a headline or a dateline: eight words or more and a full stop.
  const para = text.split('\n').find((l) => l.trim().split(/\s+/).length >= 8 && /[.!?]/.test(l)) ?? '';
  const m = /^(.+?[.!?])(?:\s|$)/u.exec(para.trim());
  const s = (m?.[1] ?? para).trim();
  return s.length > 300 ? `${s.slice(0, 299).trimEnd()}…` : s;
}
