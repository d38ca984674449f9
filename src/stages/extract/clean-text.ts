/**
 * The plain-text cleaner: lines in, body paragraphs out, every dropped line recorded with its
 * reason. Runs on `.txt` files and finishes the HTML path (on the paragraphs HTML gave).
 *
 * Order per line (first hit wins, why in brackets):
 *   repeated title → top-only rules (date line, banner, tagline, category label, bare byline)
 *   [only before the body, so "World" inside the body is kept] → byline → related-links lists →
 *   boilerplate rules → caption with trailing photo credit → title detection → keep, cutting
 *   inline "Read also:".
 *
 * The top of a page stacks masthead, tagline, menu, kicker, headline, date and byline in some
 * order. A tagline ("News from the coast and the world") looks like a headline, so a short line
 * directly under the masthead, in the same block, is a tagline when a headline still follows
 * (or the title is already known); a lone line under the masthead stays the headline.
 */
import type { Removed } from '../../core/doc.js';
import { foldKey } from '../../core/text.js';
import {
  CATEGORY_WORDS,
  DOMAIN_LINE,
  findLineRule,
  INLINE_PIECES,
  INLINE_RELATED,
  MASTHEAD_TAGLINE,
  MASTHEAD_WORDS,
  RELATED_HEADER,
  RELATED_LINE,
  trailingCredit,
} from './boilerplate.js';
import { type ParsedDate, parseDate, parseDateLine } from './dates.js';
import { normalizedWhitespace } from './whitespace.js';
import { agencyOf, type WireSource } from './wire.js';

export interface CleanTextInput {
  text: string;
  /** Title known from metadata; when null the cleaner looks for a headline line. */
  title: string | null;
  site: string | null;
  /** The page's own address, when known: a line holding only it is a source-link footer. */
  url?: string | null;
}

/** What a "By …" line said. */
export interface Byline {
  text: string;
  author: string | null;
  /** Canonical wire agencies named in the byline ("By Lena Morrow, Associated Press"). */
  agencies: string[];
}

export interface CleanTextResult {
  paragraphs: string[];
  /** Reasons are already `extract/<reason>`. */
  removed: Removed[];
  title: string | null;
  /** Where the title was found in the text, or null when it came from `input.title` or nowhere. */
  titleFrom: 'first-line' | 'last-line' | null;
  site: string | null;
  byline: Byline | null;
  /** The first lone date line near the top (or a date in the byline). */
  dateLine: { text: string; parsed: ParsedDate } | null;
  /** Kept lines and removed lines in document order, for wire credits. Photo credits are not in it. */
  wireSources: WireSource[];
}

interface Unit {
  text: string;
  block: number;
}

/** Lines before the first prose line, at most this many, count as "the top". */
const TOP_MAX = 12;
/** A short line with an inner sentence end is prose only with at least this many words (taglines have 3–6). */
const PROSE_MIN_WORDS = 8;
/** Taglines under a masthead are short: "Estmark's independent voice", "Your country. Your news." */
const TAGLINE_MAX_CHARS = 60;
const TAGLINE_MAX_WORDS = 8;
/** Related-list items may be questions ("Are your passwords safe? Five steps…"); this long at most. */
const RELATED_ITEM_MAX = 140;
/** Boilerplate rules only look at lines up to this length: longer lines are prose. */
const MAX_RULE_LINE = 400;
const TERMINAL_RE = /[.!?]["'”’»)\]]?$/;
/** A sentence ends inside the line ("…until Thursday. - Reuters"): prose, not a headline. */
const INNER_SENTENCE_RE = /\p{Ll}{2}[.!?]["'”’»)]?\s+\S/u;
const JOIN_END_RE = /[.!?:;"'”’»)\]]$/;
const LOWER_START_RE = /^\p{Ll}/u;
const HEADLINE_START_RE = /^[\p{Lu}\p{N}"'“‘«]/u;
const BULLET_RE = /^(?:[-–—•*·»>▪►]|\d{1,2}[.)])\s+/;
const CATEGORY_SPLIT_RE = /\s*(?:[›»>|·/:]|\s[-–—]\s)\s*/;
const TITLE_SUFFIX_RE = /^(.{10,}?)\s+(?:\||[-–—]|::|·)\s+([^|–—]{2,40})$/;
const SUFFIX_SITE_RE = /^(?:the\s+)?\p{Lu}[\p{L}\p{N}&'’.-]*(?:\s+(?:of|the|and|&|\p{Lu}[\p{L}\p{N}&'’.-]*)){0,4}$/u;
const ALL_CAPS_RE = /^[^\p{Ll}]*\p{Lu}[^\p{Ll}]*$/u;

const NAME =
  "(?:\\p{Lu}[\\p{L}'’.-]*|\\p{Lu}\\.)(?:\\s+(?:(?:de|da|van|von|der|den|del|la|le|di|du|bin|al|el|ibn|ter)\\s+)?\\p{Lu}[\\p{L}'’.-]*){0,3}";
const BYLINE_RE = new RegExp(
  `^(?:By|BY|by|Written by|Words by|Reporting by)\\s+(${NAME}(?:\\s*(?:,|\\band\\b|&)\\s*${NAME})*)(?:\\s*(?:[,|·•—–(:]|\\s-\\s|\\bin\\b|\\bfor\\b)\\s*(.{0,100}))?$`,
  'u',
);
const BYLINE_SPLIT_RE = /\s*(?:,|\band\b|&)\s*/;
/**
 * A byline without "By" at the top, under the headline: "Sana Mirza in Lindgate",
 * "Anders Kvist, Foreign Editor", "Roman Siska, Business Reporter · 20 March 2026".
 */
const BARE_BYLINE_RE = new RegExp(
  `^(${NAME})(?:\\s+in\\s+\\p{Lu}[\\p{L}'’.-]*(?:\\s+\\p{Lu}[\\p{L}'’.-]*){0,2}(?:,\\s*\\p{Lu}[\\p{L}'’.-]*(?:\\s+\\p{Lu}[\\p{L}'’.-]*){0,2})?|\\s*,\\s*([^,·|•]{3,60}?))(?:\\s*[·|•,]\\s*(.{4,60}))?$`,
  'u',
);
/** " in Brenmouth" between two authors of one byline. */
const PLACE_BEFORE_AND_RE = /\s+in\s+\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,2}(?=\s+(?:and|&)\s+\p{Lu})/gu;
/** Job titles that make "Name, <role>" a byline: the role must be a newsroom one. */
const NEWSROOM_ROLE_RE =
  /\b(?:correspondent|editor|reporter|writer|columnist|journalist|contributor|bureau chief|staff|critic|producer)\b/i;
/** Kicker separators ("NATIONAL | Haldane floods"); colons and dashes are headline punctuation. */
const KICKER_SPLIT_RE = /\s*[|›»·•]\s*|\s+\/\s+/;
/** First words that show "By …" starts a sentence, not a name ("By Tuesday, the river…"). */
const NOT_NAME = new Set([
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'the',
  'this',
  'that',
  'then',
  'now',
  'late',
  'early',
  'mid',
  'midday',
  'midnight',
  'noon',
  'dawn',
  'nightfall',
  'law',
  'contrast',
  'comparison',
  'car',
  'bus',
  'train',
  'air',
  'sea',
  'road',
  'rail',
  'foot',
  'phone',
  'email',
  'night',
  'day',
  'morning',
  'evening',
  'afternoon',
  'sunset',
  'sunrise',
  'friday’s',
  'a',
  'an',
  'all',
  'some',
]);
/** Words that make a byline part a desk, not a person. */
const DESK_RE = /\b(?:staff|desk|team|newsroom|editors?|agencies|wires?|correspondents?|reporters?|writers?|bureau)\b/i;

/**
 * Clean one document's text.
 * @example cleanText({ text: 'WORLD\nFloods hit Kalmar\nThe river rose…', title: null, site: null })
 */
export function cleanText(input: CleanTextInput): CleanTextResult {
  const units = toUnits(input.text);
  const removed: Removed[] = [];
  const wireSources: WireSource[] = [];
  const kept: Unit[] = [];
  let title = input.title;
  let titleKey = title ? foldKey(title) : null;
  let titleFrom: CleanTextResult['titleFrom'] = null;
  let site = input.site;
  let byline: Byline | null = null;
  let dateLine: CleanTextResult['dateLine'] = null;
  let related: { block: number; items: number } | null = null;
  /** Index of the last masthead line at the top: a tagline sits right under it. */
  let bannerAt = -2;
  /** Index of the last date line at the top: a bare "Name in Place" byline sits right under it. */
  let dateAt = -2;

  const drop = (text: string, reason: string) => {
    removed.push({ text, reason: `extract/${reason}` });
    if (reason !== 'photo-credit' && reason !== 'caption') wireSources.push({ text, kind: reason });
  };
  const topEnd = findTopEnd(units);
  const ownUrl = input.url ? urlKey(input.url) : null;

  for (let i = 0; i < units.length; i++) {
    const unit = units[i] as Unit;
    const t = unit.text;
    const atTop = i < topEnd && kept.length === 0;

    if (titleKey && isTitleRepeat(t, titleKey)) {
      drop(t, 'repeated-title');
      continue;
    }
    if (ownUrl && t.length < 400 && sameUrl(t, ownUrl)) {
      drop(t, 'source-link');
      continue;
    }
    if (atTop) {
      const date = parseDateLine(t);
      if (date) {
        dateLine ??= { text: t, parsed: date };
        dateAt = i;
        drop(t, 'dateline-date');
        continue;
      }
      // Before the masthead test: "Estmark's independent voice" ends in a masthead word.
      if (
        bannerAt === i - 1 &&
        (units[i - 1] as Unit).block === unit.block &&
        isTaglineLike(t) &&
        (title !== null || hasHeadlineAhead(units, i + 1, topEnd))
      ) {
        drop(t, 'tagline');
        continue;
      }
      const banner = bannerSite(t, site);
      if (banner) {
        site ??= banner;
        bannerAt = i;
        drop(t, 'banner');
        continue;
      }
      if (isCategoryLabel(t) || isShoutedLabel(t)) {
        drop(t, 'category-label');
        continue;
      }
    }
    // Under the headline, also after a standfirst the page kept ("Roman Siska, Business Reporter · 20 March 2026").
    const bare = title && i < topEnd ? parseBareByline(t, site, dateAt === i - 1) : null;
    if (bare) {
      byline ??= bare.byline;
      if (bare.date && !dateLine) dateLine = { text: t, parsed: bare.date };
      drop(t, 'byline');
      continue;
    }

    const by = t.length <= 160 ? parseByline(t, site) : null;
    if (by) {
      byline ??= by;
      drop(t, 'byline');
      if (by.agencies.length > 0) wireSources.push({ text: by.agencies.join(', '), kind: 'byline-agency' });
      const date = parseDate(t);
      if (date && !dateLine) dateLine = { text: t, parsed: date };
      continue;
    }

    if (related) {
      const continues = related.block === unit.block || related.items === 0 || BULLET_RE.test(t);
      if (continues && (isRelatedItem(t.replace(BULLET_RE, '')) || BULLET_RE.test(t))) {
        related.items++;
        related.block = unit.block;
        drop(t, 'related-links');
        continue;
      }
      related = null;
    }
    if (t.length <= MAX_RULE_LINE && RELATED_HEADER.test(t)) {
      related = { block: unit.block, items: 0 };
      drop(t, 'related-links');
      continue;
    }
    if (t.length <= MAX_RULE_LINE && RELATED_LINE.test(t)) {
      drop(t, 'related-links');
      continue;
    }

    const rule = t.length <= MAX_RULE_LINE ? findLineRule(t) : undefined;
    if (rule) {
      // "Photo caption: … (Photo: Kasper Thun/Coastline Daily)": the credit is recorded on its own.
      const tail = rule.reason === 'caption' ? trailingCredit(t) : null;
      if (tail?.index) {
        drop(t.slice(0, tail.index).trim(), 'caption');
        drop(tail[0].trim(), 'photo-credit');
      } else drop(t, rule.reason);
      continue;
    }

    const credit = t.length <= MAX_RULE_LINE ? trailingCredit(t) : null;
    if (credit) {
      const caption = t.slice(0, credit.index).trim();
      if (caption) drop(caption, 'caption');
      drop(credit[0].trim(), 'photo-credit');
      continue;
    }

    if (!title && atTop && isHeadlineLike(t) && !TERMINAL_RE.test(t)) {
      const split = splitTitleSuffix(t);
      title = split.title;
      titleKey = foldKey(title);
      titleFrom = 'first-line';
      if (split.site) site ??= split.site;
      drop(t, 'title');
      continue;
    }

    const body = cutInlineRelated(t, drop);
    if (body) {
      kept.push({ text: body, block: unit.block });
      wireSources.push({ text: body, kind: 'body' });
    }
  }

  // A headline as the last line, when none opened the text ("the title may be the last line").
  const last = kept[kept.length - 1];
  if (!title && last && kept.length > 1 && isHeadlineLike(last.text) && !TERMINAL_RE.test(last.text)) {
    kept.pop();
    const split = splitTitleSuffix(last.text);
    title = split.title;
    titleFrom = 'last-line';
    if (split.site) site ??= split.site;
    drop(last.text, 'title');
  }

  const paragraphs = joinUnits(kept);
  return { paragraphs, removed, title, titleFrom, site, byline, dateLine, wireSources };
}

/** An address without scheme, `www.`, query, fragment or trailing slash, lower-cased. */
function urlKey(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\/(?:www\.)?/, '')
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '');
}

function sameUrl(line: string, ownKey: string): boolean {
  return /^(?:https?:\/\/|www\.)\S+$/i.test(line) && urlKey(line) === ownKey;
}

/** Non-empty lines with the index of the blank-line-separated block they sit in. */
function toUnits(text: string): Unit[] {
  const units: Unit[] = [];
  let block = 0;
  for (const line of normalizedWhitespace(text).split('\n')) {
    if (line === '') block++;
    else units.push({ text: line, block });
  }
  return units;
}

/** Index of the first prose line: long, or a full sentence of some length. */
function findTopEnd(units: readonly Unit[]): number {
  const max = Math.min(units.length, TOP_MAX);
  for (let i = 0; i < max; i++) {
    const t = (units[i] as Unit).text;
    const words = t.split(' ').length;
    // "Your country. Your news." is a tagline with an inner sentence end, not prose: prose needs words.
    if (
      t.length >= 160 ||
      (INNER_SENTENCE_RE.test(t) && words >= PROSE_MIN_WORDS) ||
      (TERMINAL_RE.test(t) && words >= 12)
    )
      return i;
  }
  return max;
}

/** Short, capitalised, no sentence end: a headline or a headline-like list item. */
export function isHeadlineLike(t: string): boolean {
  if (t.length < 10 || t.length > 180) return false;
  if (/[,;:]$/.test(t)) return false;
  if (!HEADLINE_START_RE.test(t) || INNER_SENTENCE_RE.test(t)) return false;
  const words = t.split(' ').length;
  if (words < 2 || words > 28) return false;
  // A one-sentence paragraph of ordinary prose ends with a period; headlines rarely do.
  return !/[^.]\.$/.test(t) || words <= 12;
}

function isTitleRepeat(t: string, titleKey: string): boolean {
  if (t.length > titleKey.length + 60) return false;
  const key = foldKey(t);
  if (key === titleKey) return true;
  const split = splitTitleSuffix(t);
  return split.site !== null && foldKey(split.title) === titleKey;
}

/** "Floods hit Kalmar | The Meridian Herald" → title and site. */
export function splitTitleSuffix(t: string): { title: string; site: string | null } {
  const m = TITLE_SUFFIX_RE.exec(t);
  if (m?.[1] && m[2] && SUFFIX_SITE_RE.test(m[2]) && m[2].split(' ').length <= 5) {
    return { title: m[1].trim(), site: m[2].trim() };
  }
  return { title: t, site: null };
}

/** The site name a masthead line shows, or null when the line is not a masthead. */
function bannerSite(t: string, knownSite: string | null): string | null {
  if (/^by\s/i.test(t)) return null; // "By The Associated Press" is a byline
  if (knownSite && foldKey(t).startsWith(foldKey(knownSite))) return knownSite;
  if (DOMAIN_LINE.test(t)) return t.replace(/^https?:\/\/(?:www\.)?|^www\.|\/$/g, '');
  const tagline = MASTHEAD_TAGLINE.exec(t);
  const name = (tagline?.[1] ?? t).trim();
  if (name.length > 50 || /[.!?,;:]$/.test(name)) return null;
  const words = name.split(' ');
  // One word is a section ("News | Politics | Sport"), not a masthead.
  if (words.length > 4 || words.length < 2) return null;
  const last = words[words.length - 1] ?? '';
  // "The Meridian Herald", "MERIDIAN DAILY NEWS": the masthead word closes the name, or it is shouted.
  const isMasthead = MASTHEAD_WORDS.test(last) || (ALL_CAPS_RE.test(name) && MASTHEAD_WORDS.test(name));
  if (!isMasthead || !/^\p{Lu}/u.test(name)) return null;
  return ALL_CAPS_RE.test(name) ? titleCase(name) : name;
}

function isCategoryLabel(t: string): boolean {
  if (t.length > 60) return false;
  const parts = t.toLowerCase().split(CATEGORY_SPLIT_RE).filter(Boolean);
  // "Home | World | Sport" is a menu (navigation), not the article's section.
  if (parts.length > 1 && parts[0] === 'home') return false;
  if (parts.length > 0 && parts.length <= 4 && parts.every((p) => CATEGORY_WORDS.has(p))) return true;
  // "NATIONAL | Haldane floods", "Estmark | Economy": a known section next to a named one.
  const kicker = t.split(KICKER_SPLIT_RE).filter(Boolean);
  return (
    kicker.length >= 2 &&
    kicker.length <= 3 &&
    kicker.every((p) => /^\p{L}/u.test(p) && p.length <= 25 && p.split(' ').length <= 3) &&
    kicker.some((p) => CATEGORY_WORDS.has(p.toLowerCase()))
  );
}

/**
 * "LINDGATE", "NORTH COAST": one to three shouted words alone at the top are a location or section
 * label (a shouted headline is longer; a shouted masthead was taken as the banner before this).
 */
function isShoutedLabel(t: string): boolean {
  return t.length <= 30 && SHOUTED_LABEL_RE.test(t) && t.split(' ').length <= 3;
}

const SHOUTED_LABEL_RE = /^\p{Lu}[\p{Lu}'’&-]*(?: [\p{Lu}'’&-]+)*$/u;

/** A short line that could be a tagline: no date, not lower-case, at most a few words. */
function isTaglineLike(t: string): boolean {
  return (
    t.length <= TAGLINE_MAX_CHARS &&
    t.split(' ').length <= TAGLINE_MAX_WORDS &&
    !LOWER_START_RE.test(t) &&
    !parseDate(t) &&
    !/[,;:]$/.test(t) &&
    !isCategoryLabel(t)
  );
}

/** Whether a headline line follows among the top lines `from`..`end` (masthead, kicker, date and bylines skipped). */
function hasHeadlineAhead(units: readonly Unit[], from: number, end: number): boolean {
  for (let j = from; j < end; j++) {
    const t = (units[j] as Unit).text;
    if (!isHeadlineLike(t) || TERMINAL_RE.test(t)) continue;
    if (parseDateLine(t) || isCategoryLabel(t) || bannerSite(t, null) || parseByline(t, null)) continue;
    if (findLineRule(t) || RELATED_HEADER.test(t)) continue;
    return true;
  }
  return false;
}

/** An item of a related-links list: a headline, or a short question-style teaser. */
function isRelatedItem(t: string): boolean {
  if (isHeadlineLike(t)) return true;
  return (
    t.length <= RELATED_ITEM_MAX &&
    t.split(' ').length <= 20 &&
    HEADLINE_START_RE.test(t) &&
    !/[^.]\.$/.test(t) &&
    !/[,;:]$/.test(t)
  );
}

/**
 * "Sana Mirza in Lindgate" (right under the date line), "Anders Kvist, Foreign Editor · 18 March
 * 2026" (a newsroom role): a byline without "By".
 */
function parseBareByline(
  t: string,
  site: string | null,
  afterDate: boolean,
): { byline: Byline; date: ParsedDate | null } | null {
  if (t.length > 120) return null;
  const m = BARE_BYLINE_RE.exec(t);
  const name = m?.[1];
  if (!m || !name) return null;
  const words = name.split(/\s+/);
  if (words.length < 2 || words.length > 4 || /^by$/i.test(words[0] ?? '')) return null;
  if (NOT_NAME.has((words[0] ?? '').toLowerCase()) || ALL_CAPS_RE.test(name)) return null;
  if (site && foldKey(name) === foldKey(site)) return null;
  if (MASTHEAD_WORDS.test(words[words.length - 1] ?? '') || DESK_RE.test(name)) return null;
  const role = m[2];
  // A newsroom role is evidence enough; "Name in Place" alone must sit right under the date line.
  if (role === undefined ? !afterDate : !NEWSROOM_ROLE_RE.test(role)) return null;
  const tail = m[3];
  const date = tail ? parseDate(tail) : null;
  if (tail && !date) return null;
  return { byline: { text: t, author: name, agencies: [] }, date };
}

/** A whole "By Lena Morrow, Associated Press" line, or null when "By" starts a sentence. */
export function parseByline(t: string, site: string | null): Byline | null {
  // "By Jakub Ferenc in Brenmouth and Lidia Markova in Merida City": each author's place goes.
  const m = BYLINE_RE.exec(t.replace(PLACE_BEFORE_AND_RE, ''));
  if (!m?.[1]) return null;
  const rest = (m[2] ?? '').trim().replace(/\)$/, '');
  if (LOWER_START_RE.test(rest) && !parseDate(rest)) return null;
  if (rest && TERMINAL_RE.test(rest) && rest.split(' ').length > 5) return null;
  const siteKey = site ? foldKey(site) : null;
  const authors: string[] = [];
  const agencies: string[] = [];
  for (const part of [...m[1].split(BYLINE_SPLIT_RE), ...rest.split(BYLINE_SPLIT_RE)]) {
    if (!part) continue;
    const agency = agencyOf(part.replace(/[.)]+$/, ''));
    if (agency) {
      if (!agencies.includes(agency)) agencies.push(agency);
      continue;
    }
    if (!m[1].includes(part)) continue; // the rest holds dates, titles, places: not names
    const first = (part.split(' ')[0] ?? '').toLowerCase();
    if (NOT_NAME.has(first) && !(siteKey && foldKey(part) === siteKey)) {
      if (authors.length === 0 && agencies.length === 0) return null;
      continue;
    }
    if (siteKey && foldKey(part) === siteKey) continue;
    if (DESK_RE.test(part) || MASTHEAD_WORDS.test(part.split(' ').pop() ?? '')) continue;
    authors.push(ALL_CAPS_RE.test(part) ? titleCase(part) : part);
  }
  return { text: t, author: joinNames(authors), agencies };
}

function joinNames(names: string[]): string | null {
  if (names.length === 0) return null;
  if (names.length === 1) return names[0] as string;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function cutInlineRelated(t: string, drop: (text: string, reason: string) => void): string {
  let out = t;
  if (out.includes(':')) {
    INLINE_RELATED.lastIndex = 0;
    out = out
      .replace(INLINE_RELATED, (match) => {
        drop(match.trim(), 'related-links');
        return '';
      })
      .trim();
  }
  // Only a long line can be a whole article scraped as one paragraph with pieces inside.
  if (out.length < INLINE_PIECES_MIN) return out;
  for (const { reason, pattern, hint } of INLINE_PIECES) {
    if (!hint.test(out)) continue;
    pattern.lastIndex = 0;
    out = out.replace(pattern, (match) => {
      const piece = match.trim();
      const credit = reason === 'caption' ? trailingCredit(piece) : null;
      if (credit?.index) {
        drop(piece.slice(0, credit.index).trim(), 'caption');
        drop(credit[0].trim(), 'photo-credit');
      } else drop(piece, reason);
      return '';
    });
  }
  return out.trim();
}

/** Lines shorter than this are not searched for inline captions and prompts. */
const INLINE_PIECES_MIN = 200;

/** Hard-wrapped lines of one block join back into a paragraph; other lines stay paragraphs. */
function joinUnits(units: readonly Unit[]): string[] {
  const paragraphs: string[] = [];
  let prev: Unit | null = null;
  for (const unit of units) {
    if (prev && prev.block === unit.block && !JOIN_END_RE.test(prev.text) && LOWER_START_RE.test(unit.text)) {
      paragraphs[paragraphs.length - 1] += ` ${unit.text}`;
    } else {
      paragraphs.push(unit.text);
    }
    prev = unit;
  }
  return paragraphs;
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s'’-])(\p{Ll})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}
