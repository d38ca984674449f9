/**
 * Status of an extracted page: `ok`, `truncated` (a paywall cut the text), `too-short`,
 * `not-an-article` (an index or error page), `blocked` (a consent wall or bot check stands where
 * the article should be), each with the reason, so an empty or partial text is never silent.
 *
 * Order: blocked first (a bot check page is short and would otherwise read as too short), then
 * not-an-article, too-short, truncated.
 */
import type { ArticleStatus, Removed } from '../../core/doc.js';

export interface StatusInput {
  text: string;
  removed: readonly Removed[];
  title: string | null;
  html: boolean;
  minBodyChars: number;
}

/** Bot checks and consent walls, as their pages word them. */
const BLOCKED_RE =
  /\b(?:verify (?:that )?you are (?:a )?human|are you a robot|checking (?:if the site connection is secure|your browser before accessing)|enable javascript and cookies to continue|access (?:to this page )?(?:has been )?denied|request unsuccessful\. incapsula|attention required!? \| cloudflare|please complete the security check|unusual traffic from your computer network|captcha)\b/i;
/** A consent wall: the page asks for consent before it shows anything. */
const CONSENT_RE =
  /\b(?:we value your privacy|before you continue(?: to \w+)?|(?:accept|agree to) (?:all )?cookies to (?:continue|read|view)|manage (?:your )?(?:cookie|privacy) (?:choices|settings|preferences)|consent to (?:the use of )?cookies)\b/i;
/** Error and index pages, by their title or first line. */
const ERROR_TITLE_RE =
  /^(?:404|410|500|error|page not found|not found|file not found|this page (?:does not|doesn't) exist|sorry,? (?:we couldn't|the page)|oops)\b|\b(?:page not found|404 not found|error 404)\b/i;
const INDEX_TITLE_RE =
  /^(?:home|homepage|latest news|all (?:news|stories|articles)|archive|archives|search results?|tag|category|topics?)\b/i;
/** Removed reasons that mean a paywall cut the text. */
const PAYWALL_REASONS: ReadonlySet<string> = new Set(['extract/paywall']);
/** Headline-like lines of an index page: many short lines and few sentences. */
const MIN_INDEX_LINES = 6;
/** …each short: headlines, not a list of facts written as sentences without full stops. */
const MAX_INDEX_LINE = 90;
const SENTENCE_END_RE = /[.!?]["'”’»)]?$/;

export function pageStatus(input: StatusInput): { status: ArticleStatus; reason?: string } {
  const { text, removed, title } = input;
  const head = `${title ?? ''}\n${text.slice(0, 600)}`;
  const blocked = BLOCKED_RE.exec(head) ?? (text.length < 1500 ? BLOCKED_RE.exec(text) : null);
  if (blocked) return { status: 'blocked', reason: `bot check: "${blocked[0]}"` };
  const consent = text.length < 1500 ? CONSENT_RE.exec(text) : null;
  if (consent) return { status: 'blocked', reason: `consent wall: "${consent[0]}"` };
  if (title && ERROR_TITLE_RE.test(title)) return { status: 'not-an-article', reason: `error page: title "${title}"` };
  if (title && INDEX_TITLE_RE.test(title)) return { status: 'not-an-article', reason: `index page: title "${title}"` };
  const lines = text.split('\n\n');
  const sentences = lines.filter((l) => SENTENCE_END_RE.test(l)).length;
  if (lines.length >= MIN_INDEX_LINES && sentences < lines.length / 4 && text.length / lines.length <= MAX_INDEX_LINE)
    return {
      status: 'not-an-article',
      reason: `index page: ${lines.length} short lines, ${sentences} ending a sentence`,
    };
  if (text.length < input.minBodyChars)
    return {
      status: 'too-short',
      reason: `${text.length} characters of body, expected at least ${input.minBodyChars}`,
    };
  const paywall = removed.find((r) => PAYWALL_REASONS.has(r.reason));
  if (paywall) return { status: 'truncated', reason: `paywall: "${paywall.text.slice(0, 80)}"` };
  return { status: 'ok' };
}
