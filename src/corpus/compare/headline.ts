/**
 * `headline` conflicts: a headline whose polarity contradicts its own article's body.
 *
 * - "X warns against / rules out / refuses to / will not / has no plans to … Y" over a body in
 *   which X may / could / will / plans to / is considering … Y (or "did not rule out" Y);
 * - "X denies / rejects claims that … Y" over a body in which X confirmed / admitted … Y;
 * - "X confirms / admits … Y" over a body in which X denied … Y.
 *
 * Both sides must be about the same actor and the same action, or nothing fires (precision over
 * recall: a wrong "the headline lies" is worse than a missed one):
 * - actor: the body clause's subject shares a content word with the headline's subject ("the
 *   central bank" / "Central bank"), or is a pronoun after a verb of saying whose subject does
 *   ("Brandt said on Tuesday that she could …"); role words alone ("minister", "officials")
 *   are not enough unless the two subjects are the same words;
 * - action: at least `MIN_SHARED_TERMS` of the headline's content words after the cue (fewer
 *   only when it has fewer), and at least `MIN_SHARED_SHARE` of them, appear after the body cue
 *   in the same clause (crude suffix stemming: "raising" = "raise", "fees" = "fee");
 * - a "not"/"n't"/"never" next to a cue turns its polarity ("may not raise" agrees with "warns
 *   against raising"; "did not rule out" contradicts "rules out"); a negated claim verb ("did not
 *   confirm") is neither side;
 * - when the body also says what the headline says (same actor, same action, same polarity),
 *   the body is mixed, not contradicting: nothing fires;
 * - a cue inside quotation marks in the headline is someone's words, not the outlet's framing:
 *   skipped.
 * One conflict per copy group and headline (copies share their body). Evidence: the headline
 * clause (`field: 'title'`, offsets into the article's `title`) and the body sentence.
 *
 * Limits: English only; no coreference beyond one pronoun after a verb of saying; paraphrases
 * that share no words ("hike" vs "raise") are missed.
 */
import type { Conflict, CorpusArticle, Evidence } from '../../core/corpus.js';
import { splitSentences } from '../../core/text.js';

/** Content words of the headline's action the body must share (all of them when fewer). */
export const MIN_SHARED_TERMS = 2;
/** Share of the headline's action words the body must share. */
export const MIN_SHARED_SHARE = 0.5;

type Family = 'intent' | 'claim';
/** `+`: the actor does / says it; `-`: the actor will not / denies it. */
type Polarity = 1 | -1;

interface Cue {
  family: Family;
  polarity: Polarity;
  re: RegExp;
}

/** Headline cues (present tense, headline style). Claim cues first: "rejects claims" is a denial. */
const HEADLINE_CUES: Cue[] = [
  {
    family: 'claim',
    polarity: -1,
    re: /\b(?:denies|deny|(?:rejects|dismisses) (?:claims|reports|allegations|suggestions)(?: that| of)?)\b/giu,
  },
  { family: 'claim', polarity: 1, re: /\b(?:confirms|admits|acknowledges)\b/giu },
  {
    family: 'intent',
    polarity: -1,
    re: /\b(?:warns? against|rules? out|refuses? to|vows? not to|will not|won['’]t|(?:has|have) no plans? to|opposes|rejects)\b/giu,
  },
];

/** Body cues (any tense). */
const BODY_CUES: Cue[] = [
  {
    family: 'claim',
    polarity: -1,
    re: /\b(?:denied|denies|(?:rejected|dismissed) (?:claims|reports|allegations|suggestions)(?: that| of)?)\b/giu,
  },
  { family: 'claim', polarity: 1, re: /\b(?:confirmed|confirms|admitted|admits|acknowledged|conceded)\b/giu },
  // Before the negative cues, so "would not rule out" is one positive cue, not "would not".
  {
    family: 'intent',
    polarity: 1,
    re: /\b(?:(?:does|do|did|would|will|could) not rule out|(?:has|have|had) not ruled out|(?:doesn|don|didn|wouldn)['’]t rule out)\b/giu,
  },
  {
    family: 'intent',
    polarity: -1,
    re: /\b(?:warned against|warns against|ruled out|rules out|rule out|refused to|refuses to|vowed not to|will not|won['’]t|would not|wouldn['’]t|(?:has|have|had) no plans? to|opposed|opposes|rejected)\b/giu,
  },
  {
    family: 'intent',
    polarity: 1,
    re: /\b(?:may|might|could|will|would|plans? to|planned to|is planning to|are planning to|intends? to|intended to|(?:is|are|was|were) (?:considering|ready to|prepared to|set to)|expects? to|wants? to|aims? to)\b/giu,
  },
];

const NEGATION_BEFORE_RE = /\b(?:not|never|n['’]t|no longer)\s*(?:\S+\s+)?$/iu;
const NEGATION_AFTER_RE = /^\s+(?:not|never)\b/iu;
/**
 * Where a clause starts inside a sentence (a subject starts after the last one before its cue):
 * punctuation, separators of a headline ("Headline | Site", " – "), and joining words.
 */
const CLAUSE_START_RE = /[,;:"“”«»()|]|\s[–—-]\s|\s(?:that|and|but|while|whereas|although|because|which|who)\s/giu;
/** Where an action ends: the same, except "that" and "and" ("confirmed that …", "cut rates and fees"). */
const ACTION_END_RE = /[,;:"“”«»()|]|\s[–—-]\s|\s(?:but|while|whereas|although|because|which|who)\s/giu;
const PRONOUN_RE = /^(?:it|he|she|they|we)$/iu;
const SAYING_GLOBAL_RE = /\b(?:said|says|told|announced|stated|added|wrote)\b/giu;
const WORD_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

const STOPWORDS = new Set(
  (
    'a an the of to in on at for by with from as and or but its it his her their our your this that these those ' +
    'is are was were be been being has have had do does did will would may might could should can not no ' +
    'new any some more most than then there here about over into after before up down out away also just ' +
    'mr ms mrs dr said says say year years month months week weeks day days today yesterday tomorrow next last ' +
    'monday tuesday wednesday thursday friday saturday sunday'
  ).split(' '),
);
/** Words that name a role, not an actor: alone they do not make two subjects one. */
const ROLE_WORDS = new Set(
  (
    'minister ministry government official officials spokesman spokeswoman spokesperson company firm ' +
    'council president chief head leader police union authority authorities agency group report analysts'
  ).split(' '),
);

/** Crude suffix stemming, enough to match "raising" / "raise", "fees" / "fee", "cutting" / "cut". */
export function stem(word: string): string {
  const w = word.toLowerCase().replace(/['’]s$/u, '');
  for (const suffix of ['ing', 'ed', 'es', 's', 'e']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      let s = w.slice(0, -suffix.length);
      if ((suffix === 'ing' || suffix === 'ed') && /([b-df-hj-np-tv-z])\1$/u.test(s)) s = s.slice(0, -1);
      return s;
    }
  }
  return w;
}

function contentStems(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD_RE)) {
    const w = m[0].toLowerCase();
    if (STOPWORDS.has(w) || w.length < 2) continue;
    out.push(stem(w));
  }
  return out;
}

interface Statement {
  family: Family;
  polarity: Polarity;
  /** Offsets of the whole clause (subject start to action end) in the searched text. */
  start: number;
  end: number;
  subject: string;
  action: string[];
  /** Text of the sentence before the clause's subject (for pronoun antecedents). */
  lead: string;
}

/** Matches of `re` in `text[from, to)` as absolute `[start, end)` pairs. */
function matchesIn(re: RegExp, text: string, from: number, to: number): Array<[number, number]> {
  re.lastIndex = 0;
  return [...text.slice(from, to).matchAll(re)].map((m) => [
    from + (m.index ?? 0),
    from + (m.index ?? 0) + m[0].length,
  ]);
}

/** Statements (actor, cue, action) in one sentence or headline `text[from, to)`. */
function statementsIn(text: string, from: number, to: number, cues: readonly Cue[], negatable: boolean): Statement[] {
  const sentence = text.slice(from, to);
  const starts = matchesIn(CLAUSE_START_RE, text, from, to);
  const ends = matchesIn(ACTION_END_RE, text, from, to);
  const taken: Array<[number, number]> = [];
  const out: Statement[] = [];
  for (const cue of cues) {
    cue.re.lastIndex = 0;
    for (const m of sentence.matchAll(cue.re)) {
      const cueStart = from + (m.index ?? 0);
      const cueEnd = cueStart + m[0].length;
      if (taken.some(([s, e]) => cueStart < e && s < cueEnd)) continue;
      taken.push([cueStart, cueEnd]);
      const subjectStart = Math.max(from, ...starts.filter(([, e]) => e <= cueStart).map(([, e]) => e));
      const actionEnd = Math.min(to, ...ends.filter(([s]) => s >= cueEnd).map(([s]) => s));
      let polarity = cue.polarity;
      const before = text.slice(subjectStart, cueStart);
      const after = text.slice(cueEnd, actionEnd);
      const negated = NEGATION_BEFORE_RE.test(before) || NEGATION_AFTER_RE.test(after);
      if (negated) {
        // "did not confirm" is not a denial: leave negated claim verbs out.
        if (!negatable || cue.family === 'claim') continue;
        polarity = polarity === 1 ? -1 : 1;
      }
      const subject = before.replace(NEGATION_BEFORE_RE, '').trim();
      out.push({
        family: cue.family,
        polarity,
        start: subjectStart + (before.length - before.trimStart().length),
        end: actionEnd,
        subject,
        action: contentStems(after.replace(NEGATION_AFTER_RE, '')),
        lead: text.slice(from, subjectStart),
      });
    }
  }
  return out;
}

/** The body statement is by the headline's actor. */
function sameActor(headline: Statement, body: Statement): boolean {
  const head = contentStems(headline.subject);
  if (head.length === 0) return false;
  // "Fenn said the authority may …": the subject is the reported clause's, after the verb of saying.
  let lead = body.lead;
  let said = body.subject;
  const saying = [...body.subject.matchAll(SAYING_GLOBAL_RE)].at(-1);
  if (saying) {
    lead += body.subject.slice(0, saying.index);
    said = body.subject.slice((saying.index ?? 0) + saying[0].length);
  }
  const words = said.split(/\s+/u).filter(Boolean);
  let subject = contentStems(said);
  // "Brandt said on Tuesday that she could …": the pronoun's antecedent is the sayer.
  if (words.length === 1 && PRONOUN_RE.test(words[0] as string)) {
    const sayer = [...lead.matchAll(SAYING_GLOBAL_RE)].at(-1);
    if (!sayer) return false;
    subject = contentStems(lead.slice(0, sayer.index));
  }
  const shared = head.filter((w) => subject.includes(w));
  if (shared.length === 0) return false;
  if (shared.some((w) => !ROLE_WORDS.has(w))) return true;
  return head.join(' ') === subject.join(' ');
}

/** The body statement is about the headline's action. */
function sameAction(headline: Statement, body: Statement): boolean {
  const head = [...new Set(headline.action)];
  if (head.length === 0) return false;
  const bodyWords = new Set(body.action);
  const shared = head.filter((w) => bodyWords.has(w)).length;
  return shared >= Math.min(MIN_SHARED_TERMS, head.length) && shared / head.length >= MIN_SHARED_SHARE;
}

/** Inside quotation marks of `text` (an odd number of quote marks before `offset`). */
function quoted(text: string, offset: number): boolean {
  const before = text.slice(0, offset);
  const curly = (before.match(/[“«]/gu)?.length ?? 0) > (before.match(/[”»]/gu)?.length ?? 0);
  const straight = (before.match(/"/gu)?.length ?? 0) % 2 === 1;
  return curly || straight;
}

/** The `headline` conflict of one article, or null. */
export function headlineConflict(article: CorpusArticle, storyId: string | null): Conflict | null {
  const title = article.title?.trim() ? article.title : null;
  if (!title) return null;
  const heads = statementsIn(title, 0, title.length, HEADLINE_CUES, false).filter(
    (h) => !quoted(title, h.start + h.subject.length) && h.action.length > 0,
  );
  if (heads.length === 0) return null;
  const sentences = splitSentences(article.text);
  for (const head of heads) {
    let contradiction: { statement: Statement; sentence: { start: number; end: number } } | null = null;
    let agrees = false;
    for (const sentence of sentences) {
      for (const body of statementsIn(article.text, sentence.start, sentence.end, BODY_CUES, true)) {
        if (body.family !== head.family || !sameActor(head, body) || !sameAction(head, body)) continue;
        if (body.polarity === head.polarity) agrees = true;
        else contradiction ??= { statement: body, sentence };
      }
    }
    if (!contradiction || agrees) continue;
    const headText = title.slice(head.start, head.end).trim();
    const { sentence } = contradiction;
    const bodyText = article.text.slice(sentence.start, sentence.end);
    const headItem: Evidence = {
      article: article.id,
      start: head.start,
      end: head.start + headText.length,
      text: headText,
      field: 'title',
    };
    const bodyItem: Evidence = { article: article.id, start: sentence.start, end: sentence.end, text: bodyText };
    const source = article.site ?? article.id;
    return {
      kind: 'headline',
      summary: `headline “${headText}” vs its body: “${clip(bodyText, 120)}” (${source})`,
      storyId,
      items: [headItem, bodyItem],
    };
  }
  return null;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/**
 * Headline conflicts of the corpus, one per copy group and headline (`groupOf`: article id →
 * copy group; articles outside it are their own group), in article order.
 */
export function headlineConflicts(
  articles: readonly CorpusArticle[],
  storyOf: ReadonlyMap<string, string>,
  groupOf: ReadonlyMap<string, number>,
): Conflict[] {
  const seen = new Set<string>();
  const out: Conflict[] = [];
  for (const article of articles) {
    const conflict = headlineConflict(article, storyOf.get(article.id) ?? null);
    if (!conflict) continue;
    const key = `${groupOf.get(article.id) ?? article.id}\0${conflict.items[0]?.text.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(conflict);
  }
  return out;
}
