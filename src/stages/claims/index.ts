/**
 * claims: numeric claims ("more than 55,000 soldiers", "€12 million", "40 per cent") with who makes them.
 *
 * Reads `article.text` and the `sentences`, `entities`, `quotes` and `times` layers; writes the `claims`
 * layer. A claim's span runs from the approximation (if any) through the number to the counted noun
 * ("more than 55,000 soldiers"), or to the unit for money and percentages ("$4.5bn", "12 per cent").
 *
 * Fields:
 * - `unit`: the counted noun, lower-case, with a small synonym map (soldiers → `troops`, people
 *   killed / dead → `deaths`, evacuated → `displaced`, wounded → `injured`); `percent`; or an
 *   ISO 4217 code (upper-case, `EUR`, `USD`) for money.
 * - `value` / `valueMax`: ranges give both; vague quantities ("tens of thousands") give a lower
 *   bound of two of the base and an upper bound of ten (20 000 – 100 000), with `approx` set.
 * - `claimant`: the speaker of the quote holding the claim, else the agent of a passive report
 *   right after it ("the toll of 27 announced by the provincial authorities"), else the subject of
 *   the nearest figure verb before it when no speech cue is nearer ("Police estimated the crowd at
 *   6,000", "officials have put … at 55,000", "the government, which spoke of 40,000"), else the
 *   speaker of reported speech holding it, else the attribution in the sentence
 *   ("according to X", "X said"), else the attribution of a previous sentence ending with a colon,
 *   else null. Shapes come from `core/attribution.ts`.
 * - `hedged`: "reportedly", "allegedly", "is believed", "estimated", "according to", "unconfirmed",
 *   "claimed" in the sentence.
 *
 * Rules (`prov.rule`): `claims/count` (a counted noun), `claims/money`, `claims/percent`,
 * `claims/range` (any of these written as a range).
 *
 * Not claims: years and dates, times, ages and "10-year" compounds, ordinals, phone numbers, numbers
 * inside entity names ("Route 9"), numbers after a capitalised word ("Brigade 41"), page chrome
 * ("You have 52% of this article left", "Comments (14)"), and any number without a counted noun or
 * a money/percent unit.
 *
 * A number may also take its noun from before it: "a toll of 27" (deaths), "put the number of
 * people … at 20,000", "estimated the crowd at 6,000" (people), "the true number, including vessels
 * …, was more than 80", "the figure was 4,200" (the count just before), "40,000 troops … and 48,000".
 *
 * Limits: "rose from 300 to 400" is read as a range; counted nouns outside the lexicon are accepted
 * only as a plain lower-case plural right after the number; no coreference beyond the previous
 * sentence.
 */
import {
  type AttributionContext,
  type AttributionMatch,
  attributeAgent,
  attributeCue,
  createAttributionContext,
  findAttribution,
  findCues,
  HEDGE_RE,
  sentenceSubject,
} from '../../core/attribution.js';
import type { Attribution, ClaimItem, EntityMention, QuoteItem } from '../../core/doc.js';
import type { Span } from '../../core/span.js';
import { type Draft, defineStage } from '../../core/stage.js';
import { sentenceAt, splitSentences } from '../../core/text.js';
import { withClaimTimes } from './claim-time.js';
import { findNumbers, type NumberMatch } from './numbers.js';

/** Counted nouns → normalised unit. Anything else in the lexicon maps to itself. */
const UNIT_SYNONYMS: Record<string, string> = {
  troops: 'troops',
  troop: 'troops',
  soldiers: 'troops',
  soldier: 'troops',
  servicemen: 'troops',
  deaths: 'deaths',
  death: 'deaths',
  dead: 'deaths',
  killed: 'deaths',
  fatalities: 'deaths',
  injured: 'injured',
  wounded: 'injured',
  injuries: 'injured',
  displaced: 'displaced',
  evacuated: 'displaced',
  evacuees: 'displaced',
  person: 'people',
  persons: 'people',
  civilian: 'civilians',
  refugee: 'refugees',
  migrant: 'migrants',
  child: 'children',
  resident: 'residents',
  tank: 'tanks',
  drone: 'drones',
  missile: 'missiles',
  rocket: 'rockets',
  shell: 'shells',
  house: 'houses',
  home: 'homes',
  building: 'buildings',
  vehicle: 'vehicles',
  prisoner: 'prisoners',
  hostage: 'hostages',
  protester: 'protesters',
  officer: 'officers',
  fighter: 'fighters',
  job: 'jobs',
  vote: 'votes',
  ton: 'tonnes',
  tons: 'tonnes',
  tonne: 'tonnes',
  barrel: 'barrels',
  family: 'families',
  village: 'villages',
  aircraft: 'aircraft',
  jet: 'jets',
  ship: 'ships',
  casualty: 'casualties',
};

const LEXICON = new Set([
  ...Object.keys(UNIT_SYNONYMS),
  'people',
  'civilians',
  'refugees',
  'migrants',
  'children',
  'residents',
  'tanks',
  'drones',
  'missiles',
  'rockets',
  'shells',
  'houses',
  'homes',
  'buildings',
  'vehicles',
  'prisoners',
  'hostages',
  'detainees',
  'protesters',
  'demonstrators',
  'officers',
  'fighters',
  'militants',
  'rebels',
  'volunteers',
  'workers',
  'jobs',
  'votes',
  'voters',
  'families',
  'households',
  'villages',
  'towns',
  'jets',
  'ships',
  'casualties',
  'tonnes',
  'barrels',
  'patients',
  'cases',
  'doses',
  'passengers',
  'flights',
  'students',
  'schools',
  'hospitals',
  'arrests',
  'weapons',
  'rifles',
  'warplanes',
  'helicopters',
  'artillery',
  'personnel',
  'police',
  'doctors',
  'nurses',
  'journalists',
  'members',
  'votes',
  'customers',
  'users',
  'accounts',
  'subscribers',
  'complaints',
  'claims',
  'vessels',
  'boats',
  'rescuers',
  'strikers',
  'dockworkers',
  'employees',
  'staff',
  'servicemen',
  'units',
  'brigades',
  'battalions',
  'divisions',
  'regiments',
  'squadrons',
  'warships',
  'submarines',
  'missing',
  'shelters',
  'deaths',
  'injured',
  'displaced',
]);

/**
 * Below this, a count written in words ("two neighbours", "four digits", "three ports") is prose,
 * not a claim, unless it counts an outcome; below it a count of a noun outside the lexicon ("7
 * gadgets", "3 articles a month") is page chrome or prose too. Ten is where AP style starts writing
 * numbers in figures, so a spelled-out number below it is the ordinary, unremarkable case.
 */
const SMALL_COUNT = 10;
/** Units that stay claims at any size: a death toll of two is news. */
const OUTCOME_UNITS: ReadonlySet<string> = new Set([
  'deaths',
  'injured',
  'displaced',
  'missing',
  'hostages',
  'arrests',
]);
const SPELLED_RE = /^[\p{L}]/u;

/** Words that end the noun-phrase scan after a number. */
const FUNCTION_WORDS = new Set([
  'of',
  'in',
  'on',
  'at',
  'to',
  'for',
  'by',
  'with',
  'from',
  'and',
  'or',
  'but',
  'the',
  'a',
  'an',
  'were',
  'was',
  'are',
  'is',
  'be',
  'been',
  'had',
  'have',
  'has',
  'than',
  'per',
  'who',
  'which',
  'that',
  'said',
  'says',
  'this',
  'these',
  'those',
  'its',
  'their',
  'his',
  'her',
  'as',
  'into',
  'over',
  'after',
  'before',
  'since',
  'during',
  'while',
]);

/** Plural nouns that measure time or distance, not a counted thing. */
const NOT_COUNTED = new Set([
  'years',
  'months',
  'weeks',
  'days',
  'hours',
  'minutes',
  'seconds',
  'decades',
  'centuries',
  'times',
  'kilometres',
  'kilometers',
  'miles',
  'metres',
  'meters',
  'feet',
  'inches',
  'kilograms',
  'grams',
  'degrees',
  'points',
  'others',
  'ones',
  'percent',
  'items',
  'pages',
  'comments',
  'shares',
  'likes',
  'views',
  'photos',
  'images',
  'mins',
  'hrs',
  'secs',
  'followers',
  'reads',
  'retweets',
]);

const PEOPLE = new Set(['people', 'civilians', 'residents', 'children', 'migrants', 'refugees']);
/** Units whose number may be an outcome ("72 soldiers were killed" counts deaths, not troops). */
const OUTCOME_SUBJECTS = new Set([
  ...PEOPLE,
  'troops',
  'fighters',
  'officers',
  'police',
  'militants',
  'rebels',
  'workers',
  'passengers',
  'patients',
  'students',
  'journalists',
  'protesters',
  'demonstrators',
  'rescuers',
]);
const OUTCOME_AFTER_RE =
  /^\s+(?:(?:were|was|have|has|had|been|are|being|reportedly|also|now|already)\s+)*(killed|dead|died|injured|wounded|hurt|displaced|evacuated|fled|missing)(?![\p{L}])/iu;
const OUTCOME_BEFORE_RE =
  /(?<![\p{L}])(killed|killing|kills|injured|injuring|wounded|wounding|displaced|displacing|evacuated)\s+$/iu;
const OUTCOMES: Record<string, string> = {
  killed: 'deaths',
  killing: 'deaths',
  kills: 'deaths',
  dead: 'deaths',
  died: 'deaths',
  injured: 'injured',
  injuring: 'injured',
  wounded: 'injured',
  wounding: 'injured',
  hurt: 'injured',
  displaced: 'displaced',
  displacing: 'displaced',
  evacuated: 'displaced',
  fled: 'displaced',
  missing: 'missing',
};
const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
/** A month right before the number ("March 9", "Feb. 12"); a full stop only after an abbreviation, never a sentence end ("… of February. At least 300 tanks"). */
const MONTH_BEFORE_RE = new RegExp(
  `(?<![\\p{L}])(?:${MONTH}|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\\.)\\s+$`,
  'iu',
);
const MONTH_AFTER_RE = new RegExp(`^(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}(?![\\p{L}])`, 'iu');
const TIME_AFTER_RE = /^(?::\d|\s?(?:a\.?m\.?|p\.?m\.?|gmt|utc|hrs|h\d)(?![\p{L}]))/iu;
const AGE_BEFORE_RE = /(?<![\p{L}])(?:aged|age|ages)\s+$/iu;
const AGE_AFTER_RE = /^\s+years?\s+old/iu;
const DEATH_TOLL_RE = /death\s+toll\b[^.;]{0,40}$/iu;
/** Page furniture that carries numbers: never claims. */
const CHROME_RE =
  /(?:of\s+(?:this|the)\s+article\s+left|you\s+have\s+\d|comments?\s*\(\s*\d|\(\s*\d+\s*comments?\s*\)|share\s*\d|\d+\s*(?:comments|shares|likes|views)(?![\p{L}])|min(?:ute)?s?\s+read|subscribe|sign\s+up|log\s+in|photo\s+\d+\s+of\s+\d+|page\s+\d+\s+of\s+\d+)/iu;
const WORD_RE = /^\s+([\p{L}][\p{L}'-]*)/u;

/**
 * Numeric claims of one article, in text order.
 * @param actx attribution lookup state for the article (sentences, entities)
 * @param quotes the article's `quotes` layer, for claimants of quoted numbers
 * @example
 * findClaims(actx, quotes) // [{kind: 'claim', text: 'more than 55,000 soldiers', value: 55000, unit: 'troops', approx: 'more than', …}]
 */
export function findClaims(actx: AttributionContext, quotes: readonly QuoteItem[] = []): Draft<ClaimItem>[] {
  const { text, view, sentences, entities } = actx;
  const out: Draft<ClaimItem>[] = [];
  const direct = quotes.filter((q) => !REPORTED_RULES.has(q.prov.rule ?? '')).sort((a, b) => a.start - b.start);
  const reported = quotes.filter((q) => REPORTED_RULES.has(q.prov.rule ?? '')).sort((a, b) => a.start - b.start);
  const quoted: Span[] = direct.map((q) => ({ start: q.start - 1, end: q.end + 1 }));
  actx.quoted = quoted;
  for (const q of quotes) {
    if (q.speaker?.entityId?.startsWith('person:')) actx.speakers.push({ at: q.start, speaker: q.speaker });
  }
  actx.speakers.sort((a, b) => a.at - b.at);
  const chromeCache = new Map<number, boolean>();
  // Claims outside quotes share their sentence's attribution: look it up once per sentence.
  const sentenceClaimant = new Map<number, AttributionMatch | null>();
  const hedgeCache = new Map<number, boolean>();

  for (const n of findNumbers(view)) {
    const si = sentenceAt(sentences, n.numberStart);
    const sentence = sentences[si] ?? { start: 0, end: text.length };
    let isChrome = chromeCache.get(si);
    if (isChrome === undefined) {
      isChrome = CHROME_RE.test(view.slice(sentence.start, sentence.end));
      chromeCache.set(si, isChrome);
    }
    if (isChrome || isNotAClaim(view, n)) continue;
    if (overlapsMention(entities, n.numberStart, n.numberEnd)) continue;

    const counted = n.unit
      ? { unit: n.unit, end: n.end, lexicon: true }
      : (countedNoun(view, n, sentence.start) ?? countedBefore(view, n, sentence, out));
    if (!counted) continue;
    if (!n.unit && isSmallTalk(view, n, counted)) continue;
    const end = counted.end;
    const rule =
      n.valueMax !== undefined && !n.isVague
        ? 'claims/range'
        : counted.unit === 'percent'
          ? 'claims/percent'
          : /^[A-Z]{3}$/.test(counted.unit)
            ? 'claims/money'
            : 'claims/count';
    let isHedged = hedgeCache.get(si);
    if (isHedged === undefined) {
      isHedged = HEDGE_RE.test(view.slice(sentence.start, sentence.end));
      hedgeCache.set(si, isHedged);
    }
    out.push({
      kind: 'claim',
      start: n.start,
      end,
      text: text.slice(n.start, end),
      value: n.value,
      ...(n.valueMax !== undefined ? { valueMax: n.valueMax } : {}),
      unit: counted.unit,
      claimant: claimantOf(actx, { start: n.start, end }, si, direct, reported, sentenceClaimant),
      hedged: isHedged || /estimated/i.test(n.approx ?? ''),
      approx: n.approx,
      prov: { rule },
    });
  }
  return out;
}

/**
 * "two neighbours", "four digits", "7 gadgets": a small count that carries no news. Below
 * `SMALL_COUNT` a claim needs a counted noun of the lexicon (troops, tanks, ships…) and, written in
 * words, something else than a handful of people. Kept anyway: outcomes ("two people were
 * killed"), approximations ("at least two") and ranges.
 */
function isSmallTalk(view: string, n: NumberMatch, counted: { unit: string; lexicon: boolean }): boolean {
  if (n.valueMax !== undefined || n.value >= SMALL_COUNT || n.approx || OUTCOME_UNITS.has(counted.unit)) return false;
  if (!counted.lexicon) return true;
  // "two people who have seen it": a handful of people, in words, is prose; "three cruise ships" is not.
  return SPELLED_RE.test(view.slice(n.numberStart, n.numberEnd)) && PEOPLE.has(counted.unit);
}

/** Dates, years, times, ages, ordinals, phone and street numbers, "Brigade 41". */
function isNotAClaim(view: string, n: NumberMatch): boolean {
  const before = view.slice(Math.max(0, n.start - 24), n.start);
  const after = view.slice(n.numberEnd, n.numberEnd + 24);
  if (n.isBareInteger) {
    const value = n.value;
    if (value >= 1800 && value <= 2100 && n.valueMax === undefined) return true; // a year
  }
  if (/^-[\p{L}]/u.test(view.slice(n.end, n.end + 2))) return true; // "42-year-old", "10-day"
  if (/^(?:st|nd|rd|th)(?![\p{L}])/iu.test(after)) return true; // ordinal
  if (TIME_AFTER_RE.test(after) || /:$/.test(before)) return true;
  if (MONTH_BEFORE_RE.test(before) || MONTH_AFTER_RE.test(after)) return true;
  if (AGE_BEFORE_RE.test(before) || AGE_AFTER_RE.test(after)) return true;
  // Phone numbers and codes: another digit group right before or after, or a leading "+".
  if (/(?:\d[\s.-]?|\+\s?)$/.test(before) || /^[\s.-]?\d/.test(view.slice(n.end, n.end + 2))) return true;
  if (/(?<![\p{L}])(?:no\.?|number|nr\.?|#)\s*$/iu.test(before)) return true;
  // "Route 9", "Brigade 41", "Article 5": a capitalised word right before, not starting the sentence.
  const prevWord = /([\p{L}][\p{L}.'-]*)\s+$/u.exec(before);
  if (prevWord && /^\p{Lu}/u.test(prevWord[1] as string) && !n.approx) {
    const lead = before.slice(0, before.length - prevWord[0].length);
    const isSentenceStart = n.start === prevWord[0].length || /(?:[.!?:"(]\s*|\n\s*)$/.test(lead);
    if (!isSentenceStart) return true;
  }
  return false;
}

/** The counted noun after a number: "40,000 troops", "55,000 heavily armed soldiers", "40 people were killed". */
function countedNoun(
  view: string,
  n: NumberMatch,
  sentenceStart: number,
): { unit: string; end: number; lexicon: boolean } | null {
  let at = n.end;
  if (n.isVague) {
    const of = /^\s+of(?:\s+the)?(?=\s)/iu.exec(view.slice(at, at + 12));
    if (!of) return null;
    at += of[0].length;
  }
  let pos = at;
  for (let i = 0; i < 3; i++) {
    const w = WORD_RE.exec(view.slice(pos, pos + 40));
    if (!w) break;
    const word = (w[1] as string).toLowerCase();
    const wordEnd = pos + w[0].length;
    if (FUNCTION_WORDS.has(word)) break;
    if (LEXICON.has(word)) {
      // "15,000 service members" are troops.
      const unit = word === 'members' && /service\s+$/i.test(view.slice(pos - 10, pos + 1)) ? 'troops' : word;
      return { ...withOutcome(view, n, UNIT_SYNONYMS[unit] ?? unit, wordEnd), lexicon: true };
    }
    if (i === 0 && /^[a-z][a-z-]{2,}s$/.test(w[1] as string) && !NOT_COUNTED.has(word) && !/ss$/.test(word)) {
      // Not in the lexicon but a plain lower-case plural right after the number: "300 ambulances".
      const next = WORD_RE.exec(view.slice(wordEnd, wordEnd + 40));
      const nextWord = next ? (next[1] as string).toLowerCase() : '';
      if (!LEXICON.has(nextWord)) return { ...withOutcome(view, n, word, wordEnd), lexicon: false };
    }
    pos = wordEnd;
  }
  // "the death toll rose to 212": the noun came first.
  if (!n.isVague && DEATH_TOLL_RE.test(view.slice(Math.max(sentenceStart, n.start - 60), n.start))) {
    return { unit: 'deaths', end: n.end, lexicon: true };
  }
  return null;
}

/** Nouns that name a count written before its number: "a toll of 27", "put the number … at 20,000". */
const COUNT_NOUN_RE =
  /(?<![\p{L}-])(?:(death|casualty|fatality)\s+)?(toll|number|figure|total|tally|count|estimate|crowd|turnout|attendance)(?![\p{L}-])/giu;
/** Count nouns that say what they count by themselves. */
const COUNT_NOUN_UNITS: Record<string, string> = {
  death: 'deaths',
  casualty: 'casualties',
  fatality: 'deaths',
  toll: 'deaths',
  crowd: 'people',
  turnout: 'people',
  attendance: 'people',
};
/** Count nouns that may point back to an earlier claim ("the figure", "that number"). */
const ANAPHORIC_COUNT_RE = /^(?:the|that|this|its|their)\s+(?:[\p{L}-]+\s+)?(?:number|figure|total|tally|estimate)$/iu;
/** How far before the number a count noun may stand (characters): the longest shape in the example corpus, "the true number, including vessels that had slowed down at sea to avoid the queue, was", is 86. */
const COUNT_NOUN_WINDOW = 140;
/** The word that links a count noun to its number: "toll of 27", "put … at 20,000", "number … was 80". */
const COUNT_LINK_RE =
  /(?<![\p{L}])(?:at|of|was|were|is|are|to|reached|reaches|hit|hits|passed|topped|stood\s+at|stands\s+at|now\s+at)\s+$/iu;
/** An approximation that is itself a link: "the number … had exceeded 50,000". */
const LINK_APPROX_RE = /^exceeded$/i;
/** "… 40,000 troops on March 9 and 48,000 three days later": the second number shares the first's noun. */
const ELLIPSIS_GAP_RE = /^[^.;:!?()"]{0,40}?(?:,\s*|\s)(?:and|or|then|against|versus|vs\.?)\s+$/iu;
/** Most characters between "the figure" and the claim it points back to: about two news sentences. */
const ANAPHORA_WINDOW = 300;
/** A bare number with a verb of its own: "12 people were killed and around 30 are missing" is not 30 deaths. */
const OWN_PREDICATE_RE =
  /^\s+(?:are|is|were|was|have|has|had|remain|remained|remains|will|would|could|may|might)(?![\p{L}])/iu;
/** Most characters between a claim and a bare number that shares its noun. */
const ELLIPSIS_WINDOW = 40;
/** Number words: "48,000 three days later" is followed by another count, not by a noun. */
const NUMBER_WORD_RE =
  /^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|a|an|the|this|that|last|next|earlier|later)$/i;

/**
 * A bare number whose counted noun came before it: "the official toll of 27", "puts the number of
 * people who have left their homes at 20,000", "estimated the crowd at 6,000", "the true number,
 * including vessels …, was more than 80"; or that shares the noun of the claim just before it
 * ("about 40,000 troops on March 9 and 48,000 three days later"). The number must close its
 * phrase (punctuation, a function word or a participle next), so "at 12 kilometres" never counts.
 */
function countedBefore(
  view: string,
  n: NumberMatch,
  sentence: Span,
  earlier: readonly Draft<ClaimItem>[],
): { unit: string; end: number; lexicon: boolean } | null {
  if (n.isVague) return null;
  const next = WORD_RE.exec(view.slice(n.end, n.end + 40));
  const nextWord = next ? (next[1] as string).toLowerCase() : '';
  const closes =
    !next ||
    FUNCTION_WORDS.has(nextWord) ||
    NUMBER_WORD_RE.test(nextWord) ||
    /^\p{Lu}/u.test(next[1] as string) ||
    (/ed$/.test(nextWord) && !LEXICON.has(nextWord));
  if (!closes || nextWord === 'of' || NOT_COUNTED.has(nextWord)) return null;
  const from = Math.max(sentence.start, n.start - COUNT_NOUN_WINDOW);
  const lead = view.slice(from, n.start);
  // Ellipsis: the claim just before, in the same sentence, with only a conjunction between.
  const prev = earlier[earlier.length - 1];
  if (
    prev &&
    !OWN_PREDICATE_RE.test(view.slice(n.end, n.end + 30)) &&
    prev.end >= sentence.start &&
    prev.end <= n.start &&
    n.start - prev.end <= ELLIPSIS_WINDOW + 8 &&
    prev.prov.rule === 'claims/count' &&
    ELLIPSIS_GAP_RE.test(view.slice(prev.end, n.start))
  ) {
    return { unit: prev.unit, end: n.end, lexicon: true };
  }
  if (!COUNT_LINK_RE.test(lead) && !LINK_APPROX_RE.test(n.approx ?? '')) return null;
  let noun: RegExpExecArray | null = null;
  COUNT_NOUN_RE.lastIndex = 0;
  for (let m = COUNT_NOUN_RE.exec(lead); m; m = COUNT_NOUN_RE.exec(lead)) noun = m;
  if (!noun) return null;
  const gap = lead.slice((noun.index ?? 0) + noun[0].length);
  if (/[\d;]/.test(gap)) return null; // another number or clause stands between
  const own = COUNT_NOUN_UNITS[(noun[1] ?? noun[2] ?? '').toLowerCase()];
  if (own) return { unit: own, end: n.end, lexicon: true };
  // "the number of Kestrian troops", "the true number, including vessels": the first counted noun after it.
  for (const w of gap.matchAll(/[\p{L}][\p{L}'-]*/gu)) {
    const word = w[0].toLowerCase();
    if (!LEXICON.has(word) || NOT_COUNTED.has(word)) continue;
    const unit = UNIT_SYNONYMS[word] ?? word;
    // "the number of people killed … rose to at least 15": deaths.
    const outcome = PEOPLE.has(unit) ? OUTCOME_AFTER_RE.exec(gap.slice((w.index ?? 0) + w[0].length)) : null;
    const outcomeUnit = outcome ? OUTCOMES[(outcome[1] as string).toLowerCase()] : undefined;
    return { unit: outcomeUnit ?? unit, end: n.end, lexicon: true };
  }
  // "the figure was 80": the noun of the latest count claim in this sentence or the one before.
  const phrase = lead.slice(0, (noun.index ?? 0) + noun[0].length);
  const det = /(?:the|that|this|its|their)\s+(?:[\p{L}-]+\s+)?[\p{L}]+$/iu.exec(phrase)?.[0] ?? '';
  if (
    prev &&
    prev.prov.rule === 'claims/count' &&
    n.start - prev.end <= ANAPHORA_WINDOW &&
    ANAPHORIC_COUNT_RE.test(det)
  ) {
    return { unit: prev.unit, end: n.end, lexicon: true };
  }
  return null;
}

/** "40 people were killed" → deaths; "killing at least 12 civilians" → deaths. */
function withOutcome(view: string, n: NumberMatch, unit: string, end: number): { unit: string; end: number } {
  if (!OUTCOME_SUBJECTS.has(unit)) return { unit, end };
  // "the valley's 300,000 residents have fled": a population, the outcome is not about the number.
  if (/'s\s+$/.test(view.slice(Math.max(0, n.start - 4), n.start))) return { unit, end };
  const after = OUTCOME_AFTER_RE.exec(view.slice(end, end + 50));
  if (after) return { unit: OUTCOMES[(after[1] as string).toLowerCase()] as string, end: end + after[0].length };
  const before = OUTCOME_BEFORE_RE.exec(view.slice(Math.max(0, n.start - 20), n.start));
  if (before) return { unit: OUTCOMES[(before[1] as string).toLowerCase()] as string, end };
  return { unit, end };
}

/** Right before a later speaker: its cue sits in a clause of its own ("…, after prosecutors said"). */
const SUBORDINATE_RE =
  /(?<![\p{L}])(?:after|as|when|while|because|since|before|until|although|though|that|which)\s+(?:the\s+)?$/iu;

/** A comma and a conjunction opening a clause with its own subject ("…, as images showed …"). */
const CLAUSE_BREAK_RE = /,\s+(?:which|as|while|after|when|because|although|though)\s+(?!of\s)/iu;

/** After a cue, a new clause with its own subject (a relative "which" still belongs to the speaker). */
const AFTER_CUE_BREAK_RE = /,\s+(?:as|while|when|because|although|though)\s+(?!of\s)/iu;
/** What may follow a cue that closes its sentence: "…, officials said on Monday." */
const CLOSING_CUE_RE =
  /^\s*(?:(?:late\s+|early\s+)?on\s+\p{Lu}\p{L}+|yesterday|today|last\s+\p{L}+|in\s+a\s+statement)?\s*[.!?"'”)]*\s*$/u;

/** Rules of the quotes stage for reported speech (no quotation marks): not "quoted" text. */
const REPORTED_RULES: ReadonlySet<string> = new Set([
  'quotes/indirect',
  'quotes/reported',
  'quotes/trailing-cue',
  'quotes/according-to',
]);

/** How many quotes starting before a span are checked for holding it (nested quotes are few). */
const CONTAINING_SCAN = 8;

/**
 * The innermost quote (sorted by start) holding `span`, by binary search: a scan per claim would
 * be quadratic on a page with thousands of quotes and numbers.
 */
function containing(quotes: readonly QuoteItem[], span: Span): QuoteItem | undefined {
  let lo = 0;
  let hi = quotes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((quotes[mid] as QuoteItem).start <= span.start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0 && i >= lo - CONTAINING_SCAN; i--) {
    const q = quotes[i] as QuoteItem;
    if (span.end <= q.end) return q;
  }
  return undefined;
}

/** True when an entity mention (sorted by start, as `createAttributionContext` keeps them) overlaps `[start, end)`. */
function overlapsMention(entities: readonly EntityMention[], start: number, end: number): boolean {
  let lo = 0;
  let hi = entities.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((entities[mid] as EntityMention).start < end) lo = mid + 1;
    else hi = mid;
  }
  // Mentions are short: a few back from the first one starting at or after `end` is enough.
  for (let i = lo - 1; i >= 0 && i >= lo - CONTAINING_SCAN; i--) {
    if ((entities[i] as EntityMention).end > start) return true;
  }
  return false;
}

/** Quote speaker, else the sentence's attribution, else a previous sentence ending with a colon. */
function claimantOf(
  actx: AttributionContext,
  span: Span,
  si: number,
  direct: readonly QuoteItem[],
  reported: readonly QuoteItem[],
  cache: Map<number, AttributionMatch | null>,
): Attribution | null {
  const inQuote = containing(direct, span);
  if (inQuote) return inQuote.speaker;
  // "The Red Cross said that … the official toll of 27 announced by the provincial authorities":
  // the words around the figure name its source before the reported speech holding it.
  const sentence = actx.sentences[si];
  const local = sentence ? localClaimant(actx, span, sentence) : null;
  if (local) return local;
  const inReported = containing(reported, span);
  if (inReported?.speaker) return inReported.speaker;
  let found = cache.get(si);
  if (found === undefined) {
    found = sentenceClaimant(actx, si);
    cache.set(si, found);
  }
  if (!found?.speaker) return null;
  // "Greta Holm told hundreds of workers": the number is the audience, nobody's claim.
  if (
    /^tell|^told/.test(found.cue) &&
    span.start >= found.cueEnd &&
    /^\s*$/.test(actx.view.slice(found.cueEnd, span.start))
  )
    return null;
  // "The stock closed at 38.20 valdors, after prosecutors said …": the speaker's clause is another one.
  if (span.end <= found.speakerStart && SUBORDINATE_RE.test(actx.view.slice(span.end, found.speakerStart))) return null;
  // "fell 14%, …, which has killed 31 people according to the ministry": "according to" attaches
  // to its own clause only.
  if (
    span.end <= found.cueStart &&
    found.cue === 'according to' &&
    CLAUSE_BREAK_RE.test(actx.view.slice(span.end, found.cueStart))
  )
    return null;
  // "fell 4.5%, while the supermarket chain, Hemkop Group, warned that …": a cue inside the
  // sentence governs its own clause; only a closing "…, officials said." covers the whole sentence.
  if (
    span.end <= found.speakerStart &&
    CLAUSE_BREAK_RE.test(actx.view.slice(span.end, found.speakerStart)) &&
    !CLOSING_CUE_RE.test(actx.view.slice(found.cueEnd, actx.sentences[si]?.end ?? found.cueEnd))
  )
    return null;
  // "X accused Kestria of …, as satellite images showed tens of thousands of troops": a new clause.
  if (span.start >= found.cueEnd && AFTER_CUE_BREAK_RE.test(actx.view.slice(found.cueEnd, span.start))) return null;
  return found.speaker;
}

/** Verbs that report a figure without being speech cues: "Police estimated the crowd at 6,000", "officials have put the size … at 55,000". */
const FIGURE_VERB_RE =
  /(?<![\p{L}-])(?:put|puts|putting|estimated|estimates|estimate|counted|counts|cited|cites|citing|gave|gives|spoke\s+of|speaks\s+of|recorded|records|registered|registers|tallied|reckoned|reckons|calculated|calculates|projected|projects)(?![\p{L}-])/giu;
/** A participle and "by" right after a claim: "the toll of 27 announced by the provincial authorities". */
const AGENT_AFTER_RE =
  /^\s*,?\s*(?:(?:first|later|earlier|officially|previously)\s+)?(?:announced|given|released|published|issued|reported|confirmed|provided|compiled|cited|quoted|estimated|recorded|registered|counted|put\s+out|put\s+forward)\s+(?:(?:(?:late\s+|early\s+)?on\s+\p{Lu}\p{L}+|earlier|later|yesterday|today|this\s+week|last\s+week)\s+)?(by)(?=\s)/iu;

/**
 * The claimant the words around the claim name, before the sentence's general attribution: the
 * agent of "announced by …" right after it, or the subject of the nearest figure verb before it
 * ("The government puts the number … at 20,000, while the Red Cross says nearly 35,000 …": the
 * government's, and the Red Cross's for the 35,000, whose nearest verb is "says").
 */
function localClaimant(actx: AttributionContext, span: Span, sentence: Span): Attribution | null {
  const { view } = actx;
  const agent = AGENT_AFTER_RE.exec(view.slice(span.end, Math.min(sentence.end, span.end + 80)));
  if (agent) {
    const byStart = span.end + agent[0].length - 2;
    const found = attributeAgent(actx, { start: byStart, end: byStart + 2 }, sentence.end);
    if (found?.speaker) return found.speaker;
  }
  const lead = view.slice(sentence.start, span.start);
  let verb: RegExpExecArray | null = null;
  FIGURE_VERB_RE.lastIndex = 0;
  for (let m = FIGURE_VERB_RE.exec(lead); m; m = FIGURE_VERB_RE.exec(lead)) verb = m;
  if (!verb) return null;
  const verbStart = sentence.start + (verb.index ?? 0);
  const verbEnd = verbStart + verb[0].length;
  // A speech cue nearer to the claim governs it (handled by the sentence's attribution).
  if (findCues(actx, verbEnd, span.start, actx.quoted).length > 0) return null;
  if (actx.quoted.some((q) => q.start <= verbStart && verbEnd <= q.end)) return null;
  // "…, which spoke of about 40,000 troops": `attributeCue` reads the antecedent of the relative.
  const found = attributeCue(actx, { start: verbStart, end: verbEnd }, sentence.start, sentence.end);
  return found?.speaker ?? null;
}

function sentenceClaimant(actx: AttributionContext, si: number): AttributionMatch | null {
  const sentence = actx.sentences[si];
  if (!sentence) return null;
  const here = findAttribution(actx, sentence.start, sentence.end, 'first', actx.quoted);
  if (here) return here;
  const before = actx.sentences[si - 1];
  if (before && /:\s*$/.test(actx.view.slice(before.start, before.end))) {
    const colon = findAttribution(actx, before.start, before.end, 'last', actx.quoted);
    // Positions of the previous sentence: the claim is neither right after its cue nor before it.
    if (colon) return { ...colon, cueEnd: -1, speakerStart: -1 };
  }
  // "The Ministry of Defence … rejected …, stating that fewer than 15,000 …": the sentence subject.
  const cue = findCues(actx, sentence.start, sentence.end, actx.quoted)[0];
  return cue ? sentenceSubject(actx, sentence.start, cue) : null;
}

/** The claims stage: runs after `sentences`, `entities`, `quotes` and `times`. */
export const claimsStage = defineStage({
  name: 'claims',
  version: 2,
  requires: ['sentences', 'entities', 'quotes', 'times'],
  run(doc) {
    const text = doc.article.text;
    const sentences = doc.layers.sentences ?? splitSentences(text);
    const actx = createAttributionContext(text, sentences, doc.layers.entities ?? []);
    const claims = findClaims(actx, doc.layers.quotes ?? []);
    withClaimTimes(claims, sentences, doc.layers.times ?? []);
    return claims;
  },
});
