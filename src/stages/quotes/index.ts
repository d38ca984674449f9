/**
 * quotes: direct and reported speech with its speaker.
 *
 * Reads `article.text`, the `sentences` layer and the `entities` layer; writes the `quotes` layer.
 * A quote's span covers the quoted words WITHOUT the quotation marks (for a multi-paragraph quote it
 * runs from the first word to the last, so it includes the paragraph break and the repeated opening
 * mark in between). A reported-speech item covers the clause after "that".
 *
 * Rules (`prov.rule`):
 * - `quotes/direct`: a full quoted sentence or more ("“We will not retreat,” Morrow said.").
 * - `quotes/partial`: a few quoted words inside the writer's sentence ("called it “a grave mistake”").
 *   Single quoted words and Title Case phrases with no cue are skipped (scare quotes, titles).
 * - `quotes/multi-paragraph`: opening mark on each paragraph, closing mark only on the last.
 * - `quotes/unclosed`: no closing mark before the paragraph ends; closed there, with a
 *   `quotes/unclosed-quote` warning.
 * - `quotes/indirect`: "X said (on Tuesday) that …".
 * - `quotes/reported`, `quotes/trailing-cue`, `quotes/according-to`: reported speech without
 *   "that" or marks ("X said the talks failed", "The talks failed, X said", "According to X, …"),
 *   see `reported-speech.ts`.
 *
 * Speaker search, in order (`prov.confidence` drops as the evidence gets further away):
 * the rest of the sentence right after the closing mark (0.9), the sentence before the opening mark
 * (0.9), the rest of the sentence further on (0.8), a previous sentence ending with a colon (0.8),
 * the previous quote's speaker when this quote continues it in the next sentence (0.7), a cue at
 * the start of the next sentence (0.7), an attributed person in the previous sentence (0.6).
 * Speaker shapes and their resolution live in `core/attribution.ts`.
 *
 * Limits: no gender agreement for "he"/"she"; "it"/"they" stay unresolved; quotes in headlines or
 * captions are treated like body text; nested quotes are folded into the outer quote.
 */
import {
  type AttributionContext,
  type AttributionMatch,
  attributeCue,
  attributionOf,
  createAttributionContext,
  findAttribution,
  findCues,
  INDIRECT_CUES,
  isInsideAny,
  mentionWithin,
  sentenceSubject,
} from '../../core/attribution.js';
import type { EntityMention, QuoteItem } from '../../core/doc.js';
import type { Span } from '../../core/span.js';
import { type Draft, defineStage, type StageContext } from '../../core/stage.js';
import { sentenceAt, splitSentences } from '../../core/text.js';
import { findQuoteMarks, type QuoteMarks } from './find-quote-marks.js';
import {
  addExtraCues,
  clauseEnd,
  findReportedSpeech,
  openingPhrase,
  openingSubject,
  subjectOf,
} from './reported-speech.js';

/** After an indirect-speech cue: an optional audience and time, then "that". */
const INDIRECT_TAIL_RE =
  /^(?:\s+(?:reporters|journalists|parliament|lawmakers|the\s+[\p{L}-]+(?:\s+[\p{L}-]+)?|him|her|them|us|me|[A-Z][\p{L}.-]*(?:\s+[A-Z][\p{L}.-]*){0,3}))?(?:,?\s+(?:on|late\s+on|early\s+on|last|this|in|during|at|after|earlier|later|yesterday|today|separately|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)(?:\s+[^\s,"]+){0,4}?)?,?\s+that\s+(?=["\p{L}\p{N}])/u;
/** A clause starting with a verb: the "that" before it was a pronoun ("said that was a question for …"). */
const PRONOUN_THAT_RE = /^(?:was|is|were|are|would|will|could|had|has|should|might|may)\s/u;
/**
 * A sentence that introduces the quote after it without a cue verb: "Lindquist read a prepared
 * statement before taking questions." The speaker is the subject named before the verb.
 */
const INTRODUCER_RE =
  /(?<![\p{L}])(?:read(?:\s+out)?|issued|delivered|gave|made|released|posted)\s+(?:a|an|the|his|her|its|their)\s+(?:[\p{L}-]+\s+){0,2}?(?:statement|speech|address|remarks|message|declaration)(?![\p{L}])/iu;
const TITLE_CASE_RE = /^(?:[\p{Lu}\p{N}][\p{L}\p{N}'’-]*\s*)+$/u;
const TRAILING_PUNCT_RE = /[\s.!?;:,"')\]]+$/;

/** Characters searched before a quote or cue for its attribution: keeps every search local, so long inputs stay linear. */
const SEARCH_WINDOW = 400;

/** Options of the quotes stage. */
export interface QuotesOptions {
  /** Quoted passages with fewer words and no cue are scare quotes, not partial quotes. Default 2. */
  minPartialWords: number;
}

/** Defaults of `QuotesOptions`. */
export const QUOTES_DEFAULTS: QuotesOptions = { minPartialWords: 2 };

/**
 * Quotes of one article: direct, partial, multi-paragraph and unclosed quoted passages, then
 * reported speech ("X said that …"), in text order.
 * @param text article text
 * @param ctx stage context, for `quotes/unclosed-quote` warnings
 * @example
 * findQuotes(actx, ctx) // [{kind: 'quote', text: 'We will not retreat', speaker: {name: 'Lena Morrow', …}, cue: 'said', …}]
 */
export function findQuotes(
  actx: AttributionContext,
  ctx: Pick<StageContext, 'warn'>,
  options: QuotesOptions = QUOTES_DEFAULTS,
): Draft<QuoteItem>[] {
  const { text, view } = actx;
  const marks = findQuoteMarks(text, view);
  actx.quoted = marks.map((m) => ({ start: m.open, end: m.close }));
  const items: Draft<QuoteItem>[] = [];
  let previous: { item: Draft<QuoteItem>; sentence: number } | null = null;

  for (let k = 0; k < marks.length; k++) {
    const m = marks[k] as QuoteMarks;
    const content = view.slice(m.start, m.end);
    const words = content.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
    if (words.length === 0) continue;
    const prevClose = k > 0 ? (marks[k - 1] as QuoteMarks).close : 0;
    const nextOpen = k + 1 < marks.length ? (marks[k + 1] as QuoteMarks).open : text.length;
    const sOpen = sentenceAt(actx.sentences, m.open);
    const sClose = sentenceAt(actx.sentences, Math.max(m.open, m.close - 1));
    const openSentence = actx.sentences[sOpen];
    const headStart = Math.max(openSentence?.start ?? m.open, prevClose);
    const head = view.slice(headStart, m.open).trim();
    const isUpper = /^[^\p{L}\p{N}]*[\p{Lu}\p{N}]/u.test(content) || /^(?:\.\.\.|…)/.test(content);
    const continuesQuote = prevClose > (openSentence?.start ?? m.open) && /,$/.test(head);
    const isFull =
      (isUpper && (head === '' || /[:,-]$/.test(head) || endsWithCue(actx, headStart, m.open))) ||
      continuesQuote ||
      m.isMultiParagraph;

    if (m.isUnclosed) {
      ctx.warn(
        'quotes/unclosed-quote',
        'Unexpected unclosed quotation, expected a closing mark before the end of the paragraph',
        { start: m.open, end: m.end },
      );
    }

    let found = attributeQuote(actx, m, { prevClose, nextOpen, sOpen, sClose, headStart, isFull });
    let continued: Draft<QuoteItem> | null = null;
    if (!found && isFull && previous?.item.speaker && previous.sentence >= sOpen - 1) {
      // The same speaker carries on in the next sentence: “We will fight,” she said. “We will win.”
      // One attribution in two pieces: the cue and speaker words are those of the first piece.
      found = { speaker: previous.item.speaker, cue: previous.item.cue, confidence: 0.7, match: null };
      continued = previous.item;
    }
    if (!found) found = cueBeforeMark(actx, m, headStart, sOpen);
    if (!found && isFull) found = fromNeighbours(actx, m, sOpen, sClose, nextOpen);

    if (!isFull && !found) {
      if (words.length < options.minPartialWords) continue;
      if (TITLE_CASE_RE.test(content.trim())) continue; // a title or a name in quotes
    }
    if (!isFull && words.length < options.minPartialWords && !m.isUnclosed) continue;

    const rule = m.isUnclosed
      ? 'quotes/unclosed'
      : m.isMultiParagraph
        ? 'quotes/multi-paragraph'
        : isFull
          ? 'quotes/direct'
          : 'quotes/partial';
    const item: Draft<QuoteItem> = {
      kind: 'quote',
      start: m.start,
      end: m.end,
      text: text.slice(m.start, m.end),
      speaker: found?.speaker ?? null,
      cue: found?.cue ?? null,
      ...(continued
        ? { cueSpan: continued.cueSpan ?? null, speakerSpan: continued.speakerSpan ?? null }
        : spansOf(found?.match ?? null)),
      prov: { rule, confidence: found ? found.confidence : 0.5 },
    };
    items.push(item);
    previous = { item, sentence: sClose };
    if (found?.match?.isPerson && found.speaker) {
      actx.speakers.push({ at: found.match.speakerStart, speaker: found.speaker });
    }
  }

  items.push(...findIndirect(actx, marks));
  // Reported speech without "that" or marks: only where no quote found so far sits (a partial
  // quote already carries the attribution of the clause around it, when it has a speaker).
  const taken: Span[] = items
    .filter((q) => q.speaker !== null || q.prov.rule !== 'quotes/partial')
    .map((q) => ({ start: Math.max(0, q.start - 1), end: q.end + 1 }));
  const reported = findReportedSpeech(actx, taken);
  // "Clinton says Trump's “latest meltdown is unhinged”": the partial quote takes the speaker of
  // the reported clause holding it.
  // Both lists are in text order and clauses of different sentences never overlap: one pass.
  let next = 0;
  for (const q of items) {
    if (q.speaker !== null || q.prov.rule !== 'quotes/partial') continue;
    while (next < reported.length && (reported[next] as Draft<QuoteItem>).end <= q.start) next++;
    const holder = reported.slice(next, next + 4).find((r) => r.start <= q.start && q.end <= r.end);
    if (!holder) continue;
    q.speaker = holder.speaker;
    q.cue = holder.cue;
    q.cueSpan = holder.cueSpan ?? null;
    q.speakerSpan = holder.speakerSpan ?? null;
  }
  items.push(...reported);
  attributeByStance(actx, items);
  return withTranscriptLines(actx, items).sort((a, b) => a.start - b.start);
}

/**
 * Verbs of stance that take a few quoted words as their object, PolNeAR-style: "Trump is promising
 * lower taxes and “jobs, jobs, jobs”", "Reid called him “a con artist”", "She mocked the “sad
 * excuse”". Only for partial quotes, and only with a subject right before the verb: the verb alone
 * never makes a speaker.
 */
const STANCE_VERB_RE = new RegExp(
  `(?<![\\p{L}-])(?:(?:is|was|are|were|has\\s+been|have\\s+been)\\s+)?(?:${[
    'call(?:s|ed|ing)?',
    'promis(?:es|ed|ing)',
    'mock(?:s|ed|ing)',
    'accus(?:es|ed|ing)',
    'describ(?:es|ed|ing)',
    'label(?:s|ed|led|ing|ling)?',
    'brand(?:s|ed|ing)',
    'dismiss(?:es|ed|ing)',
    'denounc(?:es|ed|ing)',
    'prais(?:es|ed|ing)',
    'critici[sz](?:es|ed|ing)',
    'attack(?:s|ed|ing)',
    'slam(?:s|med|ming)',
    'blast(?:s|ed|ing)',
    'tout(?:s|ed|ing)',
    'hail(?:s|ed|ing)',
    'vow(?:s|ed|ing)',
    'pledg(?:es|ed|ing)',
    'warn(?:s|ed|ing)',
    'urg(?:es|ed|ing)',
    'insist(?:s|ed|ing)',
    'claim(?:s|ed|ing)',
    'den(?:ies|ied|ying)',
    'defend(?:s|ed|ing)',
    'question(?:s|ed|ing)',
    'deri(?:des|ded|ding)',
    'refer(?:s|red|ring)\\s+to',
    'characteri[sz](?:es|ed|ing)',
    'tweet(?:s|ed|ing)',
    'wr(?:ites|ote|iting)',
  ].join('|')})(?![\\p{L}-])`,
  'giu',
);

/** A partial quote with no speaker yet: the subject of the last stance verb before it in its sentence. */
function attributeByStance(actx: AttributionContext, items: Draft<QuoteItem>[]): void {
  for (const q of items) {
    if (q.speaker !== null || q.prov.rule !== 'quotes/partial') continue;
    const s = actx.sentences[sentenceAt(actx.sentences, q.start)];
    if (!s) continue;
    const from = Math.max(s.start, q.start - SEARCH_WINDOW);
    let verb: RegExpExecArray | null = null;
    STANCE_VERB_RE.lastIndex = 0;
    const window = actx.view.slice(from, q.start);
    for (let m = STANCE_VERB_RE.exec(window); m; m = STANCE_VERB_RE.exec(window)) verb = m;
    if (!verb) {
      // No stance verb: the person or organisation opening the sentence, whose words these are,
      // else the noun phrase opening it ("The Republican nominee … vowed to punish “…”").
      const opening = openingSubject(actx, { start: s.start, end: q.start });
      const subject = opening?.speaker && opening.isPerson ? opening : openingPhrase(actx, s, q.start);
      if (!subject?.speaker) continue;
      q.speaker = subject.speaker;
      q.speakerSpan = { start: subject.start, end: subject.end };
      q.prov = { ...q.prov, confidence: 0.4 };
      continue;
    }
    const cue = { start: from + verb.index, end: from + verb.index + verb[0].length };
    if (isInsideAny(actx.quoted, cue.start, cue.end)) continue;
    const match = attributeCue(actx, cue, s.start, q.start) ?? sentenceSubject(actx, s.start, cue);
    if (!match?.speaker) {
      // The subject opening the sentence: "Trump openly admires Putin as a “strong leader”".
      const subject = openingSubject(actx, { start: s.start, end: q.start }) ?? openingPhrase(actx, s, cue.start);
      if (!subject || subject.end > cue.start) continue;
      q.speaker = subject.speaker;
      q.cue = actx.text.slice(cue.start, cue.end).toLowerCase();
      q.cueSpan = { start: cue.start, end: cue.end };
      q.speakerSpan = { start: subject.start, end: subject.end };
      q.prov = { ...q.prov, confidence: 0.5 };
      continue;
    }
    q.speaker = match.speaker;
    q.cue = match.cue;
    q.cueSpan = { start: cue.start, end: cue.end };
    q.speakerSpan = { start: match.speakerStart, end: match.speakerEnd };
    q.prov = { ...q.prov, confidence: 0.6 };
  }
}

/** A transcript line: "PENCE: Well, look …", the speaker's name in capitals, a colon, the words. */
const TRANSCRIPT_LINE_RE = /^[ \t]*"?[ \t]*(\p{Lu}[\p{Lu}.'’-]+(?:[ \t]+\p{Lu}[\p{Lu}.'’-]+){0,2}):[ \t]+(?=\S)/gmu;
/** Labels in capitals that are not speakers: headings and page furniture. */
const NOT_SPEAKER_LABELS: ReadonlySet<string> = new Set([
  'UPDATE',
  'NOTE',
  'EDITOR',
  'WATCH',
  'READ',
  'MORE',
  'RELATED',
  'PHOTOS',
  'VIDEO',
  'CORRECTION',
  'CLARIFICATION',
  'BREAKING',
  'WARNING',
  'ALSO',
  'SOURCE',
  'SOURCES',
]);

/**
 * Transcript lines become one quote each, the capitalised label as speaker (`quotes/transcript`),
 * replacing any quoted passage that runs over them (a transcript inside quotation marks); a partial
 * quote inside a line takes the line's speaker. Only when two or more lines have a label, so a lone
 * "WASHINGTON:" dateline or heading is not a transcript.
 */
function withTranscriptLines(actx: AttributionContext, items: Draft<QuoteItem>[]): Draft<QuoteItem>[] {
  const { text, view } = actx;
  const lines: Draft<QuoteItem>[] = [];
  for (const m of view.matchAll(TRANSCRIPT_LINE_RE)) {
    const label = m[1] as string;
    if (NOT_SPEAKER_LABELS.has(label.replace(/[.'’-]+$/, ''))) continue;
    const labelStart = (m.index ?? 0) + m[0].indexOf(label);
    const start = (m.index ?? 0) + m[0].length;
    const lineEnd = view.indexOf('\n', start);
    const end = trimClause(view, start, lineEnd < 0 ? view.length : lineEnd);
    if (end <= start) continue;
    const entity = speakerForLabel(actx, label);
    lines.push({
      kind: 'quote',
      start,
      end,
      text: text.slice(start, end),
      speaker: entity
        ? attributionOf(entity)
        : { entityId: null, name: text.slice(labelStart, labelStart + label.length) },
      cue: ':',
      cueSpan: { start: labelStart + label.length, end: labelStart + label.length + 1 },
      speakerSpan: { start: labelStart, end: labelStart + label.length },
      prov: { rule: 'quotes/transcript', confidence: 0.8 },
    });
  }
  if (lines.length < 2) return items;
  const kept = items.filter((q) => {
    const holder = lines.find((l) => l.start <= q.start && q.end <= l.end);
    if (holder) {
      if (q.prov.rule !== 'quotes/partial') return false;
      q.speaker = holder.speaker;
      q.cue = holder.cue;
      q.cueSpan = holder.cueSpan ?? null;
      q.speakerSpan = holder.speakerSpan ?? null;
      return true;
    }
    return !lines.some((l) => q.start < l.start && l.start < q.end);
  });
  return [...kept, ...lines];
}

/** "PENCE" → the person the article names "Mike Pence": the label is the full name or its last word. */
function speakerForLabel(actx: AttributionContext, label: string): EntityMention | null {
  const upper = label.toUpperCase();
  for (const e of actx.entities) {
    if (e.type !== 'person') continue;
    const name = actx.text.slice(e.start, e.end).toUpperCase();
    if (name === upper || name.endsWith(` ${upper}`)) return e;
  }
  return null;
}

interface Found {
  speaker: QuoteItem['speaker'];
  cue: string | null;
  confidence: number;
  match: AttributionMatch | null;
}

/** Cue and speaker offsets of a match made in this article; null when carried over or inferred. */
function spansOf(match: AttributionMatch | null): Pick<QuoteItem, 'cueSpan' | 'speakerSpan'> {
  if (!match) return { cueSpan: null, speakerSpan: null };
  return {
    cueSpan: { start: match.cueStart, end: match.cueEnd },
    // An unresolved shape ("they said") still marks where the speaker words sit.
    speakerSpan: { start: match.speakerStart, end: match.speakerEnd },
  };
}

function foundOf(match: AttributionMatch, confidence: number): Found {
  return { speaker: match.speaker, cue: match.cue, confidence, match };
}

function attributeQuote(
  actx: AttributionContext,
  m: QuoteMarks,
  at: { prevClose: number; nextOpen: number; sOpen: number; sClose: number; headStart: number; isFull: boolean },
): Found | null {
  const closeSentence = actx.sentences[at.sClose];
  const tailEnd = Math.min(closeSentence?.end ?? m.close, at.nextOpen);
  const tail = m.isUnclosed ? null : findAttribution(actx, m.close, tailEnd, 'first');
  if (tail && tail.cueStart - m.close <= 60) return foundOf(tail, 0.9);
  const head = findAttribution(actx, at.headStart, m.open, 'last');
  if (head) return foundOf(head, 0.9);
  if (tail) return foundOf(tail, 0.8);
  // "… said the breach was “…” and that he took “full personal responsibility”": the cue sits
  // before an earlier quote of the same sentence.
  // At most `SEARCH_WINDOW` back: a ten-thousand-mark "sentence" must not be rescanned per mark.
  const sentenceStart = Math.max(actx.sentences[at.sOpen]?.start ?? at.headStart, m.open - SEARCH_WINDOW);
  if (sentenceStart < at.headStart) {
    const earlier = findAttribution(actx, sentenceStart, m.open, 'last', actx.quoted);
    if (earlier) return foundOf(earlier, 0.8);
  }
  if (m.isUnclosed) return null;
  return (
    invertedSubject(actx, m.close, tailEnd) ?? dashSignature(actx, m.close, at.nextOpen) ?? lineLabel(actx, m.open)
  );
}

/** A line opening with a name and a colon ("Lena Morrow: ‘We will not retreat’", a headline or a transcript). */
const LINE_LABEL_RE = /^[ \t]*((?:\p{Lu}[\p{L}'’.-]*[ \t]+){0,3}\p{Lu}[\p{L}'’.-]+):[ \t][^:\n]*$/u;

function lineLabel(actx: AttributionContext, open: number): Found | null {
  // Only the 300 characters before the mark: a page without line breaks must not be rescanned per quote.
  const from = Math.max(0, open - 300);
  const breakAt = actx.view.slice(from, open).lastIndexOf('\n');
  if (breakAt < 0 && from > 0) return null;
  const lineStart = breakAt < 0 ? 0 : from + breakAt + 1;
  const label = LINE_LABEL_RE.exec(actx.view.slice(lineStart, open));
  const name = label?.[1];
  if (!label || !name) return null;
  const start = lineStart + label[0].indexOf(name);
  const stop = start + name.length;
  const mention = mentionWithin(actx, start, stop, ['person']);
  const resolved = mention ?? (name === name.toUpperCase() ? speakerForLabel(actx, name) : null);
  // Only a person: "Update: …", "Live: …" and section labels are not speakers.
  if (!resolved) return null;
  const speaker = attributionOf(resolved);
  const match: AttributionMatch = {
    speaker,
    speakerStart: start,
    speakerEnd: stop,
    how: 'entity',
    isPerson: true,
    cue: ':',
    cueStart: stop,
    cueEnd: stop + 1,
  };
  return { speaker, cue: ':', confidence: 0.7, match };
}

/** After a closing mark: ", Rep. Ann Ruiz (D-Ore.) said" / ", Ann Ruiz, the state's attorney general, said". */
const INVERTED_SUBJECT_RE =
  /^[,\s]*((?:(?:the|a|an|my|his|her|their|its|our|one|another)\s+)?[\p{Lu}\p{Ll}][^"\n]{0,158}?)\s*,?\s+(?:(?:has|had|also|later|then)\s+)?$/u;
const STARTS_DESCRIPTIVE_RE = /^(?:\p{Lu}|(?:the|a|an|my|his|her|their|its|our|one|another)\s)/u;

/**
 * “…,” then a subject of any length, then the cue: the long noun phrase that `attributeCue` does not
 * read (a name with a party tag, a name with an apposition, a description). The speaker is the first
 * person or organisation named in the phrase, else the phrase itself as a description.
 */
function invertedSubject(actx: AttributionContext, close: number, end: number): Found | null {
  const cue = findCues(actx, close, Math.min(end, close + 200))[0];
  if (!cue) return null;
  const between = actx.view.slice(close, cue.start);
  // Another quotation or a long stretch in between: not this quote's subject (and no regex work).
  if (between.length > 160 || between.includes('"')) return null;
  const phrase = INVERTED_SUBJECT_RE.exec(between);
  if (!phrase?.[1] || !STARTS_DESCRIPTIVE_RE.test(phrase[1])) return null;
  const start = close + phrase[0].indexOf(phrase[1]);
  const stop = start + phrase[1].length;
  if (findCues(actx, start, stop).length > 0) return null;
  const mention = mentionWithin(actx, start, stop, ['person', 'organization']);
  const speaker = mention ? attributionOf(mention) : { entityId: null, name: actx.text.slice(start, stop) };
  const cueText = actx.view.slice(cue.start, cue.end).toLowerCase().replace(/\s+/g, ' ');
  return {
    speaker,
    cue: cueText,
    confidence: 0.7,
    match: {
      speaker,
      speakerStart: start,
      speakerEnd: stop,
      how: mention ? 'entity' : 'unnamed',
      isPerson: mention?.type === 'person',
      cue: cueText,
      cueStart: cue.start,
      cueEnd: cue.end,
    },
  };
}

/** “…” ― Ann Ruiz: a signature after a dash closes a quoted comment (reader comments, social posts). */
const DASH_SIGNATURE_RE = /^[\s.]*[―—–]\s*((?:\p{Lu}[\p{L}'’.-]*\s+){0,3}\p{Lu}[\p{L}'’.-]*)/u;

function dashSignature(actx: AttributionContext, close: number, nextOpen: number): Found | null {
  // The text, not the view: the view folds dashes into hyphens.
  const sig = DASH_SIGNATURE_RE.exec(actx.text.slice(close, Math.min(nextOpen, close + 80)));
  if (!sig?.[1]) return null;
  const dash = close + sig[0].search(/[―—–]/u);
  const start = close + sig[0].length - sig[1].length;
  const stop = close + sig[0].length;
  const mention = mentionWithin(actx, start, stop, ['person']);
  const speaker = mention ? attributionOf(mention) : { entityId: null, name: actx.text.slice(start, stop) };
  const match: AttributionMatch = {
    speaker,
    speakerStart: start,
    speakerEnd: stop,
    how: mention ? 'entity' : 'name',
    isPerson: true,
    cue: '―',
    cueStart: dash,
    cueEnd: dash + 1,
  };
  return { speaker, cue: null, confidence: 0.7, match };
}

/** The sentence before (ending with a colon, or naming a person speaker) or the sentence after. */
function fromNeighbours(
  actx: AttributionContext,
  m: QuoteMarks,
  sOpen: number,
  sClose: number,
  nextOpen: number,
): Found | null {
  const { view, sentences } = actx;
  const whole = sentences[sOpen - 1];
  // Only the end of the sentence before matters (its introducer, colon or speaker).
  const before = whole ? { start: Math.max(whole.start, whole.end - SEARCH_WINDOW), end: whole.end } : undefined;
  if (before) {
    const introducer = INTRODUCER_RE.exec(view.slice(before.start, before.end));
    const subject = introducer ? subjectBefore(actx, before.start, before.start + introducer.index) : null;
    if (subject) return { speaker: attributionOf(subject), cue: null, confidence: 0.7, match: null };
  }
  if (before && /:\s*$/.test(view.slice(before.end - 4, before.end))) {
    const found = findAttribution(actx, before.start, before.end, 'last', actx.quoted);
    if (found) return foundOf(found, 0.8);
  }
  const closeSentence = sentences[sClose];
  const after = sentences[sClose + 1];
  const restOfSentence = closeSentence ? view.slice(m.close, Math.min(closeSentence.end, m.close + 8)) : '';
  if (after && TRAILING_PUNCT_RE.test(restOfSentence.padEnd(1, ' ')) && after.start < nextOpen) {
    const found = findAttribution(actx, after.start, Math.min(after.end, after.start + 120), 'first');
    if (found && found.speakerStart - after.start <= 40 && found.cueStart - after.start <= 60)
      return foundOf(found, 0.7);
  }
  if (before) {
    const found = findAttribution(actx, before.start, before.end, 'last', actx.quoted);
    if (found?.speaker && found.isPerson) return foundOf(found, 0.6);
  }
  return null;
}

/** The last person or organisation named in `[start, end)` right before the verb (at most two adverbs apart). */
function subjectBefore(actx: AttributionContext, start: number, end: number): EntityMention | null {
  for (let i = actx.entities.length - 1; i >= 0; i--) {
    const m = actx.entities[i] as EntityMention;
    if (m.start < start) break;
    if (m.end > end) continue;
    if (m.type !== 'person' && m.type !== 'organization') return null;
    return /^\s*(?:[\p{Ll}]+\s+){0,2}$/u.test(actx.view.slice(m.end, end)) ? m : null;
  }
  return null;
}

/**
 * “The announcer said, “…”: a cue right before the opening mark whose speaker is a description or
 * a subject that `findAttribution` does not read (`subjectOf` in `reported-speech.ts`).
 */
function cueBeforeMark(actx: AttributionContext, m: QuoteMarks, headStart: number, sOpen: number): Found | null {
  const cues = findCues(actx, Math.max(headStart, m.open - 40), m.open);
  const last = cues[cues.length - 1];
  const sentence = actx.sentences[sOpen];
  if (!last || !sentence || !/^[\s,:]*$/.test(actx.view.slice(last.end, m.open))) return null;
  const match = subjectOf(actx, { start: Math.max(sentence.start, headStart), end: m.open }, last);
  return match?.speaker && match.speakerEnd <= last.start ? foundOf(match, 0.7) : null;
}

/** True when the text before the opening mark ends with a cue ("he said “We…"). */
function endsWithCue(actx: AttributionContext, start: number, open: number): boolean {
  const cues = findCues(actx, Math.max(start, open - 40), open);
  const last = cues[cues.length - 1];
  return last !== undefined && /^[\s,:]*$/.test(actx.view.slice(last.end, open));
}

/** "X said (on Tuesday) that …": the reported clause, to the end of the sentence. */
function findIndirect(actx: AttributionContext, marks: readonly QuoteMarks[]): Draft<QuoteItem>[] {
  const { text, view, sentences } = actx;
  const quoted: Span[] = marks.map((q) => ({ start: q.open, end: q.close }));
  const out: Draft<QuoteItem>[] = [];
  for (const s of sentences) {
    for (const cue of findCues(actx, s.start, s.end, quoted)) {
      const cueText = view.slice(cue.start, cue.end).toLowerCase();
      if (!INDIRECT_CUES.has(cueText)) continue;
      const tail = INDIRECT_TAIL_RE.exec(view.slice(cue.end, Math.min(s.end, cue.end + SEARCH_WINDOW)));
      if (!tail) continue;
      const start = cue.end + tail[0].length;
      if (view[start] === '"') continue; // "said that “…”": the direct quote already covers it
      // Up to the end of the sentence, or to a second attribution ("… and encouraged voters to …").
      const end = trimClause(view, start, clauseEnd(actx, start, s.end));
      const clause = view.slice(start, end);
      if (clause.split(/\s+/).length < 2) continue;
      // "said that was …": "that" is a pronoun, not the start of a reported clause.
      if (PRONOUN_THAT_RE.test(clause)) continue;
      if (isInsideAny(quoted, start, end)) continue;
      // "She said the army had cancelled leave … but stressed that …": the subject of the first verb.
      const match =
        subjectOf(actx, s, cue) ??
        findAttribution(actx, s.start, cue.start, 'first', quoted) ??
        sentenceSubject(actx, s.start, cue);
      out.push({
        kind: 'quote',
        start,
        end,
        text: text.slice(start, end),
        speaker: match?.speaker ?? null,
        cue: cueText,
        cueSpan: { start: cue.start, end: cue.end },
        speakerSpan: match ? { start: match.speakerStart, end: match.speakerEnd } : null,
        prov: { rule: 'quotes/indirect', confidence: match ? 0.8 : 0.5 },
      });
      break; // one reported clause per sentence: a later "that" is inside this clause
    }
  }
  return out;
}

/** End of a reported clause: without final punctuation, keeping a closing mark that pairs an opening one. */
function trimClause(view: string, start: number, end: number): number {
  let e = end;
  for (;;) {
    const c = view[e - 1] ?? '';
    if (e <= start) return e;
    if (/[\s.!?;:,)\]]/.test(c)) e--;
    else if ((c === '"' || c === "'") && view.slice(start, e).split(c).length % 2 === 0) e--;
    else return e;
  }
}

/** The quotes stage: runs after `sentences` and `entities`. */
export const quotesStage = defineStage({
  name: 'quotes',
  version: 1,
  requires: ['sentences', 'entities'],
  run(doc, ctx) {
    const text = doc.article.text;
    const actx = createAttributionContext(
      text,
      doc.layers.sentences ?? splitSentences(text),
      doc.layers.entities ?? [],
    );
    addExtraCues(actx);
    return findQuotes(actx, ctx);
  },
});
