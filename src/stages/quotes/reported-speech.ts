/**
 * Reported speech without "that" and without quotation marks, the bulk of attributions in news
 * (PolNeAR: about 69% of its attributions are indirect):
 * - `quotes/reported`: "X said (on Tuesday) the talks had failed" — the clause after a cue whose
 *   speaker comes before it;
 * - `quotes/trailing-cue`: "The talks had failed, X said (on Tuesday)." — the clause before a
 *   cue that closes its sentence;
 * - `quotes/according-to`: "According to X, the talks had failed." and "The talks had failed,
 *   according to X."
 * "X said that …" stays with `findIndirect` (`quotes/indirect`), direct quotes with the marks.
 *
 * Works sentence by sentence with the cues `core/attribution.ts` finds; a sentence gives at most
 * one reported clause, and never one that overlaps a quotation already found (`taken`).
 */
import {
  type AttributionContext,
  type AttributionMatch,
  attributeCue,
  findCues,
  INDIRECT_CUES,
  isInsideAny,
} from '../../core/attribution.js';
import type { QuoteItem } from '../../core/doc.js';
import type { Span } from '../../core/span.js';
import type { Draft } from '../../core/stage.js';

/** Cues that report a statement in the clause after them, without "that". */
const BARE_CUES: ReadonlySet<string> = new Set([...INDIRECT_CUES, 'according to']);
/** After a cue and before the reported clause: an optional time ("on Tuesday", "last week"). */
const TIME_GAP_RE =
  /^(?:,?\s+(?:on|late\s+on|early\s+on|last|this|earlier|later|yesterday|today|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)(?:\s+(?:\p{Lu}\p{L}+|\d+|morning|afternoon|evening|night|week|month|year))?)?,?\s+/u;
/** "told reporters", "told CNN", "told The Daily Ledger": the audience of "told". */
const AUDIENCE_RE =
  /^\s+(?:reporters|journalists|parliament|lawmakers|supporters|the\s+[\p{L}-]+(?:\s+[\p{L}-]+)?|him|her|them|us|me|(?:\p{Lu}[\p{L}.&-]*)(?:\s+\p{Lu}[\p{L}.&-]*){0,3})(?=[\s,])/u;
/** Words that cannot open a reported clause: "said in a statement", "said on Twitter", "said so". */
const NOT_CLAUSE_START_RE =
  /^(?:asked|speaking|responding|when|in|on|at|for|with|to|about|of|by|from|as|so|and|but|or|yes|no|nothing|something|anything|more|little|much|this|it's|during|after|before|through|via|over|under|than|then|earlier|later|again|last|what|when|how|why|whether|if|goodbye|hello|thanks|sorry)(?![\p{L}'’])/iu;
/** What may follow a cue that closes its sentence: "…, X said on Tuesday in a statement." */
const CLOSING_RE =
  /^(?:,?\s+(?:on|in|at|to|during|late|early|last|this|earlier|later|yesterday|today|with|after|before|via|from|by|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)(?![\p{L}])[^"“”.!?;]{0,60}?)?\s*[.!?]?["'”’)]*\s*$/u;
/** A clause ends with a comma or a dash right before the closing attribution. */
const CLAUSE_BREAK_RE = /[,—–]\s*$/u;
const WORD_RE = /[\p{L}\p{N}]+/gu;

/**
 * Verbs that report a stance or a statement without being speech cues of their own ("X questioned
 * whether …", "X cited …", "a poll shows …"). Used only here, after a subject: never as the cue
 * that gives a quotation its speaker.
 */
const REPORTING_VERBS = [
  'questioned',
  'questions',
  'cited',
  'cites',
  'described',
  'describes',
  'critici[sz]ed',
  'critici[sz]es',
  'praised',
  'praises',
  'urged',
  'urges',
  'proposed',
  'proposes',
  'demanded',
  'demands',
  'defended',
  'defends',
  'suggested',
  'suggests',
  'promised',
  'promises',
  'vowed',
  'vows',
  'pledged',
  'pledges',
  'predicted',
  'predicts',
  'believes',
  'believe',
  'thinks',
  'hopes',
  'mentioned',
  'mentions',
  'blamed',
  'blames',
  'dismissed',
  'dismisses',
  'rejected',
  'rejects',
  'called\\s+for',
  'calls\\s+for',
  'called\\s+on',
  'calls\\s+on',
  'repeated',
  'reiterated',
  'recalled',
  'conceded',
  'contended',
  'maintained',
  'pointed\\s+out',
  'emphasi[sz]ed',
  'emphasi[sz]es',
  'highlighted',
  'touted',
  'boasted',
  'lamented',
  'testified',
  'revealed',
  'disclosed',
  'indicated',
  'signall?ed',
  'shows',
  'showed',
  'found',
  'finds',
  'projected',
  'projects',
  'accused',
  'accuses',
  'argued',
  'argues',
  'acknowledged',
  'acknowledges',
  'warned',
  'warns',
  'noted',
  'notes',
  'wrote',
  'writes',
  'tweeted',
  'announced',
  'announces',
  'insisted',
  'insists',
  'claimed',
  'claims',
  'asked',
  'asks',
  'denied',
  'denies',
  'explained',
  'explains',
  'stressed',
  'stresses',
];
const REPORTING_VERB_RE = new RegExp(`(?<![\\p{L}-])(?:${REPORTING_VERBS.join('|')})(?![\\p{L}-])`, 'giu');
/** An object of a reporting verb may start with almost anything but a preposition of time or place. */
const NOT_OBJECT_START_RE =
  /^(?:in|on|at|by|from|during|after|before|to|with|for|as|and|but|or|so|then|again|too|it\b\.?)(?![\p{L}'’])/iu;
/** Fewest words in a reported clause: "he said no" is not a report. */
const MIN_CLAUSE_WORDS = 3;

function wordCount(text: string): number {
  return text.match(WORD_RE)?.length ?? 0;
}

/** Longest sentence searched for reported speech. */
const MAX_SENTENCE_CHARS = 2000;

interface OverlapIndex {
  overlaps(start: number, end: number): boolean;
}

/** Spans sorted by start with a running maximum of their ends: "does anything overlap?" in log time. */
function overlapIndex(spans: readonly Span[]): OverlapIndex {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const maxEnd: number[] = [];
  let running = -1;
  for (const s of sorted) {
    running = Math.max(running, s.end);
    maxEnd.push(running);
  }
  return {
    overlaps(start, end) {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((sorted[mid] as Span).start < end) lo = mid + 1;
        else hi = mid;
      }
      return lo > 0 && (maxEnd[lo - 1] as number) > start;
    },
  };
}

/** `[start, end)` without surrounding space, quote marks and final punctuation. */
function trimmed(view: string, start: number, end: number): Span {
  let s = start;
  let e = end;
  while (s < e && /[\s"'(]/.test(view[s] ?? '')) s++;
  while (e > s && /[\s.,;:!?"'—–)-]/.test(view[e - 1] ?? '')) e--;
  return { start: s, end: e };
}

/** How deep reported speech may nest: "X said a poll shows Y" gives two attributions. */
const MAX_NESTING = 3;

/**
 * Reported clauses of the article's sentences that `taken` spans (quotes already found, with
 * their marks) leave free. A reported clause is searched again for one nested inside it.
 */
export function findReportedSpeech(actx: AttributionContext, taken: readonly Span[]): Draft<QuoteItem>[] {
  const out: Draft<QuoteItem>[] = [];
  const takenIndex = overlapIndex(taken);
  for (const s of actx.sentences) {
    // A "sentence" of thousands of characters is a dump, not prose: skipping it keeps this linear.
    if (s.end - s.start > MAX_SENTENCE_CHARS) continue;
    let region: Span = s;
    for (let depth = 0; depth < MAX_NESTING; depth++) {
      const item = firstReported(actx, region, takenIndex);
      if (!item) break;
      out.push(item);
      region = { start: item.start, end: item.end };
    }
  }
  return out;
}

/** The first reported clause in `region`: after a speech cue, or after a reporting verb. */
function firstReported(actx: AttributionContext, region: Span, taken: OverlapIndex): Draft<QuoteItem> | null {
  const { view } = actx;
  const candidates: Array<{ cue: Span; isVerb: boolean }> = findCues(actx, region.start, region.end, actx.quoted).map(
    (cue) => ({ cue, isVerb: false }),
  );
  REPORTING_VERB_RE.lastIndex = 0;
  for (const m of view.slice(region.start, region.end).matchAll(REPORTING_VERB_RE)) {
    const at = region.start + (m.index ?? 0);
    const cue = { start: at, end: at + m[0].length };
    if (isInsideAny(actx.quoted, cue.start, cue.end)) continue;
    candidates.push({ cue, isVerb: true });
  }
  // Speech cues first ("X, who criticised Y, said Z" reports Z), then reporting verbs.
  candidates.sort((a, b) => Number(a.isVerb) - Number(b.isVerb) || a.cue.start - b.cue.start);
  for (const { cue, isVerb } of candidates) {
    const item = isVerb ? afterReportingVerb(actx, region, cue) : afterSpeechCue(actx, region, cue);
    if (item && !taken.overlaps(item.start, item.end)) return item;
  }
  return null;
}

function afterSpeechCue(actx: AttributionContext, s: Span, cue: Span): Draft<QuoteItem> | null {
  const { text, view } = actx;
  const cueText = view.slice(cue.start, cue.end).toLowerCase().replace(/\s+/g, ' ');
  if (!BARE_CUES.has(cueText)) return null;
  // A recognised subject that cannot be resolved ("they say …" with nobody to point at) still
  // reports the clause: the speaker stays unknown.
  const match = attributeCue(actx, cue, s.start, s.end) ?? subjectPhrase(actx, s, cue, cueText);
  if (!match) return null;
  const found = reportedClause(actx, s, cue, cueText, match);
  if (!found) return null;
  const { span, rule } = found;
  if (wordCount(view.slice(span.start, span.end)) < MIN_CLAUSE_WORDS) return null;
  return {
    kind: 'quote',
    start: span.start,
    end: span.end,
    text: text.slice(span.start, span.end),
    speaker: match.speaker,
    cue: cueText,
    cueSpan: { start: cue.start, end: cue.end },
    speakerSpan: match.speaker ? { start: match.speakerStart, end: match.speakerEnd } : null,
    prov: { rule, confidence: match.speaker ? 0.7 : 0.5 },
  };
}

/** "X questioned whether …", "a poll shows …": the rest of the clause after a reporting verb whose subject comes right before it. */
function afterReportingVerb(actx: AttributionContext, s: Span, cue: Span): Draft<QuoteItem> | null {
  const { text, view } = actx;
  const match = attributeCue(actx, cue, s.start, s.end);
  if (!match?.speaker || match.speakerEnd > cue.start) return null;
  const gap = TIME_GAP_RE.exec(view.slice(cue.end, s.end));
  if (!gap) return null;
  const start = cue.end + gap[0].length;
  const rest = view.slice(start, s.end);
  if (NOT_OBJECT_START_RE.test(rest) || !/^["“\p{L}\p{N}$€£]/u.test(rest)) return null;
  const span = trimmed(view, start, s.end);
  if (wordCount(view.slice(span.start, span.end)) < MIN_CLAUSE_WORDS) return null;
  return {
    kind: 'quote',
    start: span.start,
    end: span.end,
    text: text.slice(span.start, span.end),
    speaker: match.speaker,
    cue: view.slice(cue.start, cue.end).toLowerCase().replace(/\s+/g, ' '),
    cueSpan: cue,
    speakerSpan: { start: match.speakerStart, end: match.speakerEnd },
    prov: { rule: 'quotes/reported', confidence: 0.6 },
  };
}

/** Words that cannot sit inside a subject noun phrase: verbs, relatives, conjunctions of clauses. */
const NOT_IN_SUBJECT_RE =
  /(?<![\p{L}'’-])(?:is|was|are|were|be|been|has|have|had|do|does|did|will|would|can|could|should|may|might|must|that|which|who|whom|whose|when|while|if|because|since|although|though|as|after|before|than|but|so|not|it|he|she|they|we|i|you|this|these|those|there)(?![\p{L}'’-])/iu;
/** A subject noun phrase opening the sentence: a determiner or a capitalised word, then up to 7 words. */
const SUBJECT_PHRASE_RE =
  /^\s*(?:(?:But|And|Yet|Still|Meanwhile|Now),?\s+)?((?:(?:the|a|an|some|many|most|several|both|all|other|few|two|three|four|five)\s+|\p{Lu})[\p{L}\p{N}'’.&-]*(?:\s+[\p{L}\p{N}'’.&-]+){0,7}?)\s+(?:(?:also|have|has|had|then|later|now)\s+)?$/u;

const DETERMINER_RE = /^(?:the|a|an|some|many|most|several|both|all|other|few|two|three|four|five)\s/iu;

/**
 * "The network said it would …", "Developers and supporters in Congress say …": a noun phrase
 * that opens the sentence right before a speech cue is its subject, even when no entity, role or
 * body matches it; kept as a description with no entity (nothing is guessed beyond the words).
 */
function subjectPhrase(actx: AttributionContext, s: Span, cue: Span, cueText: string): AttributionMatch | null {
  if (cue.start - s.start > 120) return null;
  const m = SUBJECT_PHRASE_RE.exec(actx.view.slice(s.start, cue.start));
  const phrase = m?.[1];
  if (!m || !phrase || NOT_IN_SUBJECT_RE.test(phrase) || /[,;:"()]/.test(phrase)) return null;
  const start = s.start + m[0].indexOf(phrase);
  const end = start + phrase.length;
  if (isInsideAny(actx.quoted, start, end)) return null;
  // A description keeps its determiner in lower case ("the network"); a phrase without one must be
  // a name, every word capitalised ("Clear Water Alliance"): "Customers contacted by …" is neither.
  const determiner = DETERMINER_RE.exec(phrase);
  if (!determiner && !phrase.split(/\s+/).every((w) => /^[\p{Lu}\p{N}]/u.test(w))) return null;
  const written = actx.text.slice(start, end);
  return {
    speaker: { entityId: null, name: determiner ? written[0]?.toLowerCase() + written.slice(1) : written },
    speakerStart: start,
    speakerEnd: end,
    how: 'unnamed',
    isPerson: false,
    cue: cueText,
    cueStart: cue.start,
    cueEnd: cue.end,
  };
}

function reportedClause(
  actx: AttributionContext,
  s: Span,
  cue: Span,
  cueText: string,
  match: AttributionMatch,
): { span: Span; rule: string } | null {
  const { view } = actx;
  const regionStart = Math.min(match.speakerStart, cue.start);
  const regionEnd = Math.max(match.speakerEnd, cue.end);
  const before = view.slice(s.start, regionStart);
  const after = view.slice(regionEnd, s.end);

  // "The talks had failed, X said." / "…, according to X."
  if (CLAUSE_BREAK_RE.test(before) && CLOSING_RE.test(after)) {
    const span = trimmed(view, s.start, regionStart);
    // "In a short statement, X said: …" is a setting, not a reported clause.
    if (span.end > span.start && !NOT_CLAUSE_START_RE.test(view.slice(span.start, span.end))) {
      return { span, rule: cueText === 'according to' ? 'quotes/according-to' : 'quotes/trailing-cue' };
    }
  }
  // "According to X, the talks had failed."
  if (cueText === 'according to') {
    if (!/^\s*$/.test(before)) return null;
    const comma = /^[^,]{0,80},\s+/.exec(after);
    if (!comma) return null;
    return { span: trimmed(view, regionEnd + comma[0].length, s.end), rule: 'quotes/according-to' };
  }
  // "X said (on Tuesday) the talks had failed": the speaker must come first.
  if (match.speakerEnd > cue.start) return null;
  let at = cue.end;
  if (cueText === 'told' || cueText === 'tells') {
    const audience = AUDIENCE_RE.exec(view.slice(at, s.end));
    if (!audience) return null;
    at += audience[0].length;
  }
  const gap = TIME_GAP_RE.exec(view.slice(at, s.end));
  if (!gap) return null;
  const start = at + gap[0].length;
  const rest = view.slice(start, s.end);
  if (/^that\s/i.test(rest)) return null; // findIndirect's
  if (/^["“”']/.test(rest) || NOT_CLAUSE_START_RE.test(rest)) return null;
  if (!/^[\p{L}\p{N}]/u.test(rest)) return null;
  return { span: trimmed(view, start, s.end), rule: 'quotes/reported' };
}
