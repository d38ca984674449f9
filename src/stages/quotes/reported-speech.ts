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
  attributionOf,
  findCues,
  firstMentionFrom,
  INDIRECT_CUES,
  isInsideAny,
  mentionWithin,
  resolvePronoun,
  sentenceSubject,
} from '../../core/attribution.js';
import type { QuoteItem } from '../../core/doc.js';
import type { Span } from '../../core/span.js';
import type { Draft } from '../../core/stage.js';
import { sentenceAt } from '../../core/text.js';

/**
 * Speech cues this stage adds to the shared vocabulary of `core/attribution.ts`: participles that
 * report after a comma ("…, adding that …") and verbs of saying that PolNeAR counts as cues
 * ("boasted", "scolded"). They become cues of quotations and of reported speech alike.
 */
const EXTRA_CUES: readonly string[] = [
  'adding',
  'noting',
  'arguing',
  'insisting',
  'warning',
  'explaining',
  'claiming',
  'suggesting',
  'declaring',
  'telling',
  'asking',
  'writing',
  'tweeting',
  'boasted',
  'boasts',
  'scolded',
  'joked',
  'jokes',
  'quipped',
  'asserted',
  'asserts',
  'emphasized',
  'emphasised',
  'reiterated',
  'repeated',
  'echoed',
  'assured',
  'answered',
  'complained',
  'lamented',
  'observed',
  'proclaimed',
  'remarked',
  'recounted',
  'testified',
  'alleged',
  'alleges',
  'countered',
  'retorted',
  'shouted',
  'yelled',
  'chanted',
  'texted',
  'emailed',
  'hinted',
  'mused',
  'pointed out',
  'points out',
];
const EXTRA_CUE_RE = new RegExp(
  `(?<![\\p{L}\\p{N}-])(?:${EXTRA_CUES.map((c) => c.replace(/ /g, '\\s+')).join('|')})(?![\\p{L}\\p{N}-])`,
  'gu',
);

/** Adds the cues of `EXTRA_CUES` to `actx.cues`, keeping them in text order. */
export function addExtraCues(actx: AttributionContext): void {
  const extra: Span[] = [];
  for (const m of actx.view.matchAll(EXTRA_CUE_RE)) {
    const at = m.index ?? 0;
    extra.push({ start: at, end: at + m[0].length });
  }
  if (extra.length === 0) return;
  actx.cues = [...actx.cues, ...extra].sort((a, b) => a.start - b.start);
}

/** Cues that report a statement in the clause after them, without "that". */
const BARE_CUES: ReadonlySet<string> = new Set([
  ...INDIRECT_CUES,
  'according to',
  ...EXTRA_CUES.map((c) => c.replace(/ /g, ' ')),
]);
/** After a cue and before the reported clause: an optional time ("on Tuesday", "last week"). */
const TIME_GAP_RE =
  /^(?:,?\s+(?:on|late\s+on|early\s+on|last|this|earlier|later|yesterday|today|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)(?:\s+(?:\p{Lu}\p{L}+|\d+|morning|afternoon|evening|night|week|month|year))?)?,?\s+/u;
/** "told reporters", "told CNN", "told The Daily Ledger": the audience of "told". */
const AUDIENCE_RE =
  /^\s+(?:reporters|journalists|parliament|lawmakers|supporters|the\s+[\p{L}-]+(?:\s+[\p{L}-]+)?|him|her|them|us|me|(?:\p{Lu}[\p{L}.&-]*)(?:\s+\p{Lu}[\p{L}.&-]*){0,3})(?=[\s,])/u;
/** Words that cannot open a reported clause: "said in a statement", "said on Twitter", "said so". */
const NOT_CLAUSE_START_RE =
  /^(?:asked|speaking|responding|when|in|on|at|for|with|to|about|of|by|from|as|so|and|but|or|yes|no|nothing|something|anything|more|little|much|this|during|after|before|through|via|over|under|than|then|earlier|later|again|last|what|when|how|why|whether|if|goodbye|hello|thanks|sorry)(?![\p{L}'’])/iu;
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
/**
 * Verbs of stance, intention and judgement that PolNeAR annotates as cues with their object as the
 * content ("Trump is demanding Obama make a pledge", "Clinton wants to triple AmeriCorps"), all
 * forms. Like the reporting verbs, only after a subject.
 */
const STANCE_STEMS = [
  'demand',
  'complain',
  'talk',
  'spoke',
  'speak',
  'rail',
  'joke',
  'defend',
  'want',
  'plan',
  'support',
  'oppose',
  'endorse',
  'attack',
  'accuse',
  'blame',
  'criticize',
  'criticise',
  'condemn',
  'denounce',
  'decr(?:y|ie)',
  'mock',
  'slam',
  'blast',
  'praise',
  'hail',
  'tout',
  'cite',
  'hope',
  'expect',
  'fear',
  'worr(?:y|ie)',
  'doubt',
  'feel',
  'know',
  'see',
  'view',
  'consider',
  'favou?r',
  'prefer',
  'seek',
  'refuse',
  'reject',
  'dispute',
  'question',
  'challenge',
  'urge',
  'encourage',
  'promise',
  'pledge',
  'vow',
  'propose',
  'suggest',
  'predict',
  'estimate',
  'indicate',
  'reveal',
  'disclose',
  'confirm',
  'acknowledge',
  'admit',
  'concede',
  'recogni[sz]e',
  'understand',
  'remember',
  'recall',
  'describe',
  'portray',
  'characteri[sz]e',
  'label',
  'dismiss',
  'deride',
  'insist',
  'stress',
  'emphasi[sz]e',
  'highlight',
  'mention',
  'reference',
  'discuss',
  'threaten',
  'warn',
  'caution',
  'advocate',
  'push',
  'embrace',
  'admire',
  'envision',
  'imagine',
  'assume',
  'conclude',
  'determine',
  'decide',
  'find',
  'show',
  'ask',
  'answer',
  'respond',
  'reply',
  'tweet',
  'write',
  'announce',
  'unveil',
  'outline',
  'lay\\s+out',
  'call',
  'accuse',
  'allege',
  'claim',
  'argue',
  'contend',
  'maintain',
  'assert',
  'think',
  'agree',
  'disagree',
  'note',
  'observe',
  'explain',
];
/** English inflections of a stem: "want" → want, wants, wanted, wanting; "decr(?:y|ie)" → decries, decried. */
const INFLECTED = `(?:${STANCE_STEMS.join('|')})(?:s|es|d|ed|ing|[bdglmnprt](?:ed|ing))?`;
const IRREGULAR =
  'knew|known|saw|seen|felt|sought|thought|found|wrote|written|understood|laid\\s+out|took\\s+to\\s+(?:twitter|facebook)|backed|backing|backs|liked|likes|loves|loved|ruled|released|releases|reported|charged|detailed|addressed|projected';
/** An auxiliary and adverbs before the verb belong to the cue ("is once again questioning", "has also said"); no modal: "would ask" is no statement. */
const AUX = `(?:(?:is|are|was|were|has|have|had|did|does|do|'s|’s|isn't|wasn't|hasn't|didn't|doesn't)\\s+(?:(?:also|now|still|not|never|again|once\\s+again|already|repeatedly|long|been|openly|publicly|previously|even|just|only|then|since|often|frequently|recently|consistently|quickly|first|later|further|clearly|strongly|reportedly|privately|falsely|increasingly)\\s+)*)?(?:(?:also|now|still|never|again|once\\s+again|already|repeatedly|long|openly|publicly|previously|even|just|only|then|often|frequently|recently|consistently|quickly|first|later|further|clearly|strongly|reportedly|privately|falsely|increasingly)\\s+)*`;
const REPORTING_VERB_RE = new RegExp(
  `(?<![\\p{L}'’-])${AUX}(?:${REPORTING_VERBS.join('|')}|${INFLECTED}|${IRREGULAR})(?![\\p{L}-])`,
  // Lower case only: "Post", "Reports" and "Rules" open names and headlines, not statements.
  'gu',
);
/** An object of a reporting verb may start with almost anything but a preposition of time or place. */
const NOT_OBJECT_START_RE =
  /^(?:in|on|at|by|from|during|after|before|to|with|for|as|and|but|or|so|then|again|too|it\b\.?)(?![\p{L}'’])/iu;
/** Fewest words in a reported clause: "he said no" is not a report. */
const MIN_CLAUSE_WORDS = 3;
/** Fewest words in the object of a stance verb: "disclosed a breach" reports an event, not a statement. */
const MIN_OBJECT_WORDS = 3;

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
/** Most reported clauses taken from one sentence (keeps a run-on sentence linear). */
const MAX_PER_SENTENCE = 6;

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
    // Regions still to search: the sentence, then inside each clause found ("X said a poll shows
    // Y") and after it ("X said A and noted B"). At most `MAX_PER_SENTENCE` clauses per sentence.
    const regions: Array<{ region: Span; depth: number }> = [{ region: s, depth: 0 }];
    let found = 0;
    while (regions.length > 0 && found < MAX_PER_SENTENCE) {
      const { region, depth } = regions.pop() as { region: Span; depth: number };
      const item = firstReported(actx, region, takenIndex);
      if (!item) continue;
      out.push(item);
      found++;
      if (item.end < region.end) regions.push({ region: { start: item.end, end: region.end }, depth });
      if (depth + 1 < MAX_NESTING) regions.push({ region: { start: item.start, end: item.end }, depth: depth + 1 });
    }
  }
  return out.sort((a, b) => a.start - b.start);
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
  const match = subjectOf(actx, s, cue) ?? (cueText === 'according to' ? accordingToSource(actx, s, cue) : null);
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
    speakerSpan: { start: match.speakerStart, end: match.speakerEnd },
    prov: { rule, confidence: match.speaker ? 0.7 : 0.5 },
  };
}

const MODAL_BEFORE_RE = /(?<![\p{L}])(?:would|will|could|can|may|might|should|must|to)\s+$/u;

/** A preposition that belongs to the verb before it, not to a time or place. */
const PARTICLE_RE =
  /^(about|of|against|for|on|to|with|at|over|into)\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|the\s+(?:day|weekend|phone|record|air|floor|stage|show|program|campaign\s+trail)|Twitter|Facebook|CNN|Fox|MSNBC|TV|television|radio|camera|behalf|years?|months?|weeks?|days?|hours?|a\s+(?:time|moment|while|statement|rally|news\s+conference|press\s+conference|call|conference\s+call|speech|interview)|\d))/u;

/** "X questioned whether …", "a poll shows …": the rest of the clause after a reporting verb whose subject comes right before it. */
function afterReportingVerb(actx: AttributionContext, s: Span, cue: Span): Draft<QuoteItem> | null {
  const { text, view } = actx;
  // "she would ask the port …": an intention or a possibility, not a statement of its own.
  if (MODAL_BEFORE_RE.test(view.slice(Math.max(s.start, cue.start - 12), cue.start))) return null;
  const found = subjectOf(actx, s, cue);
  const match =
    found && (found.speaker || found.how === 'pronoun' || found.how === 'unnamed') && found.speakerEnd <= cue.start
      ? found
      : null;
  if (!match) return null;
  const gap = TIME_GAP_RE.exec(view.slice(cue.end, s.end));
  if (!gap) return null;
  let start = cue.end + gap[0].length;
  let rest = view.slice(start, s.end);
  // "complained about his microphone", "called for a recount", "warned against …": the preposition
  // belongs to the verb, its object is the content.
  const particle = PARTICLE_RE.exec(rest);
  const cueSpan = particle ? { start: cue.start, end: start + (particle[1]?.length ?? 0) } : cue;
  if (particle) {
    start += particle[0].length;
    rest = view.slice(start, s.end);
  }
  if (NOT_OBJECT_START_RE.test(rest) || !/^["“\p{L}\p{N}$€£]/u.test(rest)) return null;
  const span = trimmed(view, start, clauseEnd(actx, start, s.end));
  if (wordCount(view.slice(span.start, span.end)) < MIN_OBJECT_WORDS) return null;
  return {
    kind: 'quote',
    start: span.start,
    end: span.end,
    text: text.slice(span.start, span.end),
    speaker: match.speaker,
    // From the text, not the view: the cue reads as written ("isn’t saying").
    cue: text.slice(cueSpan.start, cueSpan.end).toLowerCase().replace(/\s+/g, ' '),
    cueSpan,
    speakerSpan: { start: match.speakerStart, end: match.speakerEnd },
    prov: { rule: 'quotes/reported', confidence: 0.6 },
  };
}

/** Words that cannot sit inside a subject noun phrase: verbs, relatives, conjunctions of clauses. */
const NOT_IN_SUBJECT_RE =
  /(?<![\p{L}'’-])(?:is|was|are|were|be|been|has|have|had|do|does|did|will|would|can|could|should|may|might|must|that|which|who|whom|whose|when|while|if|because|since|although|though|as|after|before|than|but|so|not|it|he|she|they|we|i|you|this|these|those|there)(?![\p{L}'’-])/iu;
/** A subject noun phrase opening the sentence: a determiner or a capitalised word, then up to 7 words. */
const SUBJECT_PHRASE_RE =
  /^\s*(?:(?:But|And|Yet|Still|Meanwhile|Now|So|Instead|However),?\s+)?((?:(?:the|a|an|another|some|many|most|several|both|all|other|few|two|three|four|five|his|her|its|their|our|my|nearly|about|almost|those|each|every|one|no|[Tt]he)\s+|\p{Lu}|\p{N})[\p{L}\p{N}'’.&%-]*(?:\s+[\p{L}\p{N}'’.&%-]+){0,7}?)\s+(?:(?:also|have|has|had|then|later|now|still|often|never|generally|largely)\s+)?$/u;

const DETERMINER_RE =
  /^(?:the|a|an|another|some|many|most|several|both|all|other|few|two|three|four|five|his|her|its|their|our|my|nearly|about|almost|those|each|every|one|no)\s/iu;
/** Plurals that are names, not descriptions: they keep their capital. */
const PROPER_PLURAL_RE =
  /^(?:Democrats|Republicans|Americans|Conservatives|Liberals|Europeans|Africans|Asians|Latinos|Christians|Muslims|Jews|\p{Lu}\p{L}+(?:ans|ists|ites))(?![\p{L}])/u;
/** "Experts on North Korea", "Developers and supporters in Congress", "63 percent": a plural or a share opening the sentence. */
const BARE_PLURAL_RE = /^(?:\p{Lu}\p{Ll}+s|\d[\d,.]*\s+(?:percent|%)|\d[\d,.]*%)(?![\p{L}])/u;

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
  // "The question is …", "Their plan faced …", "the industry's decline is …": a determiner alone or a
  // possessive is no subject; the cue word was a noun.
  if (
    /['’]s?$/u.test(phrase) ||
    (DETERMINER_RE.test(`${phrase} `) && !/\s/u.test(phrase.trim())) ||
    /^(?:Did|Does|Do|Is|Are|Was|Were|Has|Have|Will|Would|Can|Could|Should)\s/u.test(phrase)
  )
    return null;
  const start = s.start + m[0].indexOf(phrase);
  const end = start + phrase.length;
  if (isInsideAny(actx.quoted, start, end)) return null;
  // A description keeps its determiner in lower case ("the network"); a phrase without one must be
  // a name, every word capitalised ("Clear Water Alliance"): "Customers contacted by …" is neither.
  const determiner = DETERMINER_RE.exec(phrase);
  const allCapitalised = phrase.split(/\s+/).every((w) => /^[\p{Lu}\p{N}]/u.test(w));
  if (!determiner && !allCapitalised && !(BARE_PLURAL_RE.test(phrase) && !/\p{Ll}ed(?![\p{L}])/u.test(phrase)))
    return null;
  const written = actx.text.slice(start, end);
  // "Analysts at Merida Capital" is a description whose capital only opens the sentence; "Democrats" is a name.
  const isDescription = determiner !== null || (!allCapitalised && !PROPER_PLURAL_RE.test(phrase));
  return {
    speaker: { entityId: null, name: isDescription ? written[0]?.toLowerCase() + written.slice(1) : written },
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
    const rule = cueText === 'according to' ? 'quotes/according-to' : 'quotes/trailing-cue';
    // "In a short statement, X said: …" is a setting, not a reported clause.
    if (span.end > span.start && !NOT_CLAUSE_START_RE.test(view.slice(span.start, span.end))) return { span, rule };
    // "As it stands, the prison system accounts for …, according to X": the clause after the setting.
    const setting = /^[^,]{1,60},\s+/u.exec(view.slice(span.start, span.end));
    if (setting) {
      const clause = { start: span.start + setting[0].length, end: span.end };
      if (
        !NOT_CLAUSE_START_RE.test(view.slice(clause.start, clause.end)) &&
        wordCount(view.slice(clause.start, clause.end)) >= MIN_CLAUSE_WORDS
      )
        return { span: clause, rule };
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
  if (cueText === 'told' || cueText === 'tells' || cueText === 'telling') {
    const audience = AUDIENCE_RE.exec(view.slice(at, s.end));
    if (!audience) return null;
    at += audience[0].length;
  }
  const gap = TIME_GAP_RE.exec(view.slice(at, s.end));
  if (!gap) return null;
  const start = at + gap[0].length;
  let rest = view.slice(start, s.end);
  let clauseStart = start;
  if (/^that\s/i.test(rest)) {
    if (INDIRECT_CUES.has(cueText)) return null; // findIndirect's
    // A cue of this stage's own ("telling …, that"): the clause after "that".
    clauseStart = start + (/^that\s+/i.exec(rest)?.[0].length ?? 0);
    rest = view.slice(clauseStart, s.end);
  }
  if (/^["“”']/.test(rest) || NOT_CLAUSE_START_RE.test(rest)) return null;
  if (!/^[\p{L}\p{N}]/u.test(rest)) return null;
  return { span: trimmed(view, clauseStart, clauseEnd(actx, clauseStart, s.end)), rule: 'quotes/reported' };
}

/** The subject opening a clause. */
export interface OpeningSubject {
  start: number;
  end: number;
  speaker: QuoteItem['speaker'];
  isPerson: boolean;
}

/**
 * The subject opening `region` (after "But", "And", …): a person or organisation mention, or a
 * pronoun (he and she resolved to the nearest person; they, we, I kept as words with no speaker).
 */
export function openingSubject(actx: AttributionContext, region: Span): OpeningSubject | null {
  const { view } = actx;
  const lead = /^\s*(?:(?:But|And|Yet|Still|Now|So|Meanwhile|Instead|However|Later|Earlier|Then|Also),?\s+)?/u.exec(
    view.slice(region.start, region.start + 20),
  );
  const at = region.start + (lead?.[0].length ?? 0);
  let subject: OpeningSubject;
  const mention = actx.entities[firstMentionFrom(actx.entities, at)];
  if (mention && mention.start === at && (mention.type === 'person' || mention.type === 'organization')) {
    if (view.startsWith("'s", mention.end) || view.startsWith('’s', mention.end)) return null;
    subject = {
      start: mention.start,
      end: mention.end,
      speaker: attributionOf(mention),
      isPerson: mention.type === 'person',
    };
  } else {
    const pronoun = /^(He|She|They|We|I)(?=\s)/u.exec(view.slice(at, at + 5));
    if (!pronoun?.[1]) return null;
    const word = pronoun[1].toLowerCase();
    const person = word === 'he' || word === 'she';
    subject = {
      start: at,
      end: at + pronoun[1].length,
      speaker: person ? resolvePronoun(actx, at) : null,
      isPerson: person,
    };
  }
  return isInsideAny(actx.quoted, subject.start, subject.end) ? null : subject;
}

/** The words after "according to" up to the clause break: "the poll", "a New York Times/CBS News poll released last week". */
const ACCORDING_TO_SOURCE_RE =
  /^\s+((?:the|a|an|its|his|her|their|our|federal|new|recent|exit|one|some)?\s*[^,.;:!?"“”()]{2,100}?)(?=\s*(?:[,.;:!?)]|$))/iu;

/** "according to the poll": a source no entity, role or body names, kept as its words with no entity. */
function accordingToSource(actx: AttributionContext, s: Span, cue: Span): AttributionMatch | null {
  const m = ACCORDING_TO_SOURCE_RE.exec(actx.view.slice(cue.end, Math.min(s.end, cue.end + 110)));
  const phrase = m?.[1]?.trim();
  if (!m || !phrase || wordCount(phrase) > 14) return null;
  const start = cue.end + m[0].indexOf(phrase);
  const written = actx.text.slice(start, start + phrase.length);
  return {
    speaker: {
      entityId: null,
      name:
        /^\p{Lu}\p{Ll}/u.test(written) && /^(?:The|A|An)\s/u.test(written)
          ? written[0]?.toLowerCase() + written.slice(1)
          : written,
    },
    speakerStart: start,
    speakerEnd: start + phrase.length,
    how: 'unnamed',
    isPerson: false,
    cue: 'according to',
    cueStart: cue.start,
    cueEnd: cue.end,
  };
}

/**
 * The noun phrase opening a sentence, up to its first verb: "The Republican nominee also outlined",
 * "Another critic, Laurence H. Tribe, likened". A rough subject, for a partial quote that nothing
 * else attributes; its speaker is the person or organisation named in it, else its words.
 */
const OPENING_PHRASE_RE =
  /^\s*(?:(?:But|And|Yet|Still|Now|So|Meanwhile|Instead|However),?\s+)?((?:\p{Lu}[\p{L}'’.-]*|\d[\d,.]*)(?:,?\s+(?!(?:is|was|are|were|has|have|had|will|would|did|does|do|can|could|may|might|also|then|now|that|which|who)(?![\p{L}]))[\p{L}\p{N}'’.()-]+){0,9}?,?)\s+(?=(?:(?:also|then|now|later|once|often|never|recently)\s+)?(?:\p{Ll}+(?:ed|[^s'’\s]s)|is|was|are|were|has|have|had|will|would|did|does|can|could|may|might|put|led)(?![\p{L}]))/u;

const NOT_SUBJECT_OPENER_RE =
  /^(?:According|In|On|At|After|Before|As|When|While|If|Although|Though|Because|Since|During|For|From|With|By|Despite|Under|Over|To|Of|Into|Through|Until|Unlike|Like|Amid|Among|Without|Once|It|This|That|These|Those|There|Here|What|Why|How|Where|Who|Asked|Speaking|Last|Next|Earlier|Later|Today|Yesterday)(?![\p{L}])/u;

export function openingPhrase(actx: AttributionContext, s: Span, before: number): OpeningSubject | null {
  const m = OPENING_PHRASE_RE.exec(actx.view.slice(s.start, Math.min(before, s.start + 160)));
  // "The plan, dubbed “…”": one comma opens a participle, not an apposition ("Another critic, X, likened").
  if (!m?.[1] || (m[1].endsWith(',') && m[1].split(',').length !== 3)) return null;
  const phrase = m[1].replace(/,$/u, '');
  // A setting ("According to …, ", "In July, ") or a pronoun-like opener is no subject.
  if (NOT_SUBJECT_OPENER_RE.test(phrase)) return null;
  const start = s.start + m[0].indexOf(phrase);
  const end = start + phrase.length;
  if (end > before || isInsideAny(actx.quoted, start, end) || findCues(actx, start, end).length > 0) return null;
  const mention = mentionWithin(actx, start, end, ['person', 'organization']);
  const written = actx.text.slice(start, end);
  return {
    start,
    end,
    speaker: mention
      ? attributionOf(mention)
      : {
          entityId: null,
          name: /^(?:The|A|An|Another|Her|His|Their|Its|Our|My|Some|Many|Most|Several|Both|All|One)\s/u.test(written)
            ? written[0]?.toLowerCase() + written.slice(1)
            : written,
        },
    isPerson: mention?.type === 'person',
  };
}

/** A participle after a comma ("…, saying …") or a verb after "and" shares the subject of the sentence. */
const SHARED_SUBJECT_GAP_RE =
  /(?:,\s*(?:and\s+|while\s+|before\s+|after\s+)?|\s+(?:and|but|then|before|after|while)\s+(?:(?:also|then|later|again)\s+)?)$/u;
/** A pronoun opening the sentence: its subject. */
const LEADING_PRONOUN_RE = /^\s*(?:(?:But|And|Yet|Still|Now|So),?\s+)?(He|She|They|It|We|I)(?=\s)/u;

/**
 * "Trump defended the tweets, saying …", "Cruz urged voters to … and said …": the cue has no subject
 * of its own; the subject is the one opening the sentence: a person or organisation mention, a
 * pronoun (resolved for he/she, else kept as words with no speaker), or a subject phrase.
 */
function sharedSubject(actx: AttributionContext, s: Span, cue: Span, cueText: string): AttributionMatch | null {
  const before = actx.view.slice(Math.max(s.start, cue.start - 200), cue.start);
  if (!SHARED_SUBJECT_GAP_RE.test(before)) return null;
  // The subject opens the sentence, also when `s` is a clause after an earlier one.
  s = actx.sentences[sentenceAt(actx.sentences, cue.start)] ?? s;
  const subject = sentenceSubject(actx, s.start, cue);
  if (subject) return subject;
  const pronoun = LEADING_PRONOUN_RE.exec(actx.view.slice(s.start, Math.min(cue.start, s.start + 20)));
  if (pronoun?.[1]) {
    const start = s.start + pronoun[0].length - pronoun[1].length;
    const word = pronoun[1].toLowerCase();
    return {
      speaker: word === 'he' || word === 'she' ? resolvePronoun(actx, start) : null,
      speakerStart: start,
      speakerEnd: start + pronoun[1].length,
      how: 'pronoun',
      isPerson: word === 'he' || word === 'she',
      cue: cueText,
      cueStart: cue.start,
      cueEnd: cue.end,
    };
  }
  // "Democratic presidential nominee Hillary Clinton chimed in on Twitter, saying …": the opening phrase.
  const opening = openingPhrase(actx, s, cue.start);
  return opening
    ? {
        speaker: opening.speaker,
        speakerStart: opening.start,
        speakerEnd: opening.end,
        how: opening.speaker?.entityId ? 'entity' : 'unnamed',
        isPerson: opening.isPerson,
        cue: cueText,
        cueStart: cue.start,
        cueEnd: cue.end,
      }
    : null;
}

/** A second attribution in the same sentence ends the clause: "… say X, but noted that Y". */
const NEXT_ATTRIBUTION_RE = new RegExp(
  `(?:\\s*[,;—–]\\s*|\\s+)(?:but|and|while)\\s+(?:(?:he|she|they|it|we|I|\\p{Lu}[\\p{L}.'’-]+(?:\\s+\\p{Lu}[\\p{L}.'’-]+){0,2})\\s+)?(?:(?:also|later|then|has|had|have)\\s+)?(?:${[...INDIRECT_CUES].join('|')}|adding|noting|arguing|insisting|warning|${INFLECTED})(?![\\p{L}])`,
  'u',
);

/** End of a reported clause that starts at `start`: the sentence end, or where another attribution begins. */
export function clauseEnd(actx: AttributionContext, start: number, end: number): number {
  const next = NEXT_ATTRIBUTION_RE.exec(actx.view.slice(start, end));
  return next ? start + next.index : end;
}

/** "the announcer said", "a friend commented": a determiner and a common noun right before the cue. */
const DESCRIBED_SUBJECT_RE =
  /(?:^|[\s,(:;—–-])((?:the|a|an|one|another|his|her|their|its|our|my)\s+(?:[\p{Ll}][\p{L}'’-]*\s+){0,3}?\p{Ll}[\p{L}-]+)\s+(?:(?:also|then|later|again|still|now|has|had|have|would|will)\s+)*$/u;

/** A description before the cue that no role or group head names; kept as its words with no entity. */
function describedSubject(actx: AttributionContext, s: Span, cue: Span, cueText: string): AttributionMatch | null {
  const from = Math.max(s.start, cue.start - 80);
  const m = DESCRIBED_SUBJECT_RE.exec(actx.view.slice(from, cue.start));
  const phrase = m?.[1];
  if (!m || !phrase || NOT_IN_SUBJECT_RE.test(phrase.replace(/^\S+\s+/u, ''))) return null;
  const start = from + (m.index ?? 0) + m[0].indexOf(phrase);
  if (isInsideAny(actx.quoted, start, start + phrase.length)) return null;
  const written = actx.text.slice(start, start + phrase.length);
  return {
    speaker: { entityId: null, name: written[0]?.toLowerCase() + written.slice(1) },
    speakerStart: start,
    speakerEnd: start + phrase.length,
    how: 'unnamed',
    isPerson: false,
    cue: cueText,
    cueStart: cue.start,
    cueEnd: cue.end,
  };
}

/** Adverbs and auxiliaries right before a cue ("Clinton boldly suggested", "The White House is saying"): read the speaker before them. */
const ADVERB_BEFORE_RE =
  /(?<![\p{L}])(?:(?:\p{Ll}+ly|is|are|was|were|been|has|have|had|also|still|now|then|even|once|again)\s+)+$/u;
/** A relative pronoun between the speaker and the cue: "Democrats on Capitol Hill, who have argued". */
const RELATIVE_AFTER_SPEAKER_RE = /^,?\s+(?:who|which)(?![\p{L}])/u;

/**
 * The speaker of a reporting cue in sentence `s`: the shapes `attributeCue` reads (also across an
 * adverb), a subject phrase opening the sentence, or the subject a participle or a second verb
 * shares. The speaker span reaches a relative pronoun that stands for the speaker ("…, who said").
 */
export function subjectOf(actx: AttributionContext, s: Span, cue: Span): AttributionMatch | null {
  const cueText = actx.view.slice(cue.start, cue.end).toLowerCase().replace(/\s+/g, ' ');
  let match = attributeCue(actx, cue, s.start, s.end);
  if (!match) {
    const adverb = ADVERB_BEFORE_RE.exec(actx.view.slice(Math.max(s.start, cue.start - 30), cue.start));
    if (adverb) {
      const found = attributeCue(actx, { start: cue.start - adverb[0].length, end: cue.end }, s.start, s.end);
      if (found) match = { ...found, cue: cueText, cueStart: cue.start, cueEnd: cue.end };
    }
  }
  // "… and said she would …": "she" opens the reported clause; the speaker is the shared subject.
  if (match && match.speakerStart > cue.start) match = sharedSubject(actx, s, cue, cueText) ?? match;
  match ??=
    subjectPhrase(actx, s, cue, cueText) ??
    (BARE_CUES.has(cueText) ? describedSubject(actx, s, cue, cueText) : null) ??
    sharedSubject(actx, s, cue, cueText);
  if (match && match.speakerEnd <= cue.start) {
    const relative = RELATIVE_AFTER_SPEAKER_RE.exec(actx.view.slice(match.speakerEnd, cue.start));
    if (relative) match = { ...match, speakerEnd: match.speakerEnd + relative[0].length };
  }
  return match;
}
