/**
 * Attribution vocabulary shared by the `quotes` and `claims` stages: cue verbs ("said", "told",
 * "according to"), the shapes of a speaker next to a cue (a named entity, a pronoun, a role such as
 * "the foreign minister", an unnamed source such as "a senior official who declined to be named"),
 * and the resolution of those shapes through the `entities` layer.
 *
 * Everything works on `matchView(text)` so curly quotes and apostrophes look straight; offsets are
 * the same as in `article.text`. Nothing here guesses: a shape that cannot be resolved to an entity
 * is returned with `entityId: null` and the words as written, and a pronoun with no earlier person
 * resolves to `null`.
 */
import type { Attribution, EntityMention, Sentence } from './doc.js';
import type { Span } from './span.js';
import { matchView } from './text.js';

/** Cue verbs and phrases, lower-case. Order matters only for the regex: longer phrases first. */
export const CUE_PHRASES: readonly string[] = [
  'according to',
  'quoted as saying',
  'said',
  'says',
  'say',
  'told',
  'tells',
  'added',
  'adds',
  'declared',
  'declares',
  'warned',
  'warns',
  'noted',
  'notes',
  'stressed',
  'stresses',
  'claimed',
  'claims',
  'insisted',
  'insists',
  'announced',
  'announces',
  'wrote',
  'writes',
  'tweeted',
  'stated',
  'confirmed',
  'confirms',
  'denied',
  'denies',
  'explained',
  'explains',
  'argued',
  'argues',
  'acknowledged',
  'admitted',
  'admits',
  'replied',
  'responded',
  'cautioned',
  'continued',
  'asked',
  'reported',
  'described',
  'accused',
  'called',
  'estimated',
  'complained',
  'stating',
  'saying',
  // Stance and report verbs that PolNeAR-style attribution counts as cues too.
  'reports',
  'believes',
  'believe',
  'thinks',
  'think',
  'suggested',
  'suggests',
  'recalled',
  'recalls',
  'concluded',
  'concludes',
  'agreed',
  'agrees',
  'commented',
  'conceded',
  'concedes',
  'contended',
  'contends',
  'maintained',
  'maintains',
  'predicted',
  'predicts',
  'argue',
  'insist',
  'warn',
  'deny',
  'reads',
  'acknowledges',
  'admit',
  'posted',
];

/** Cues that may come before their speaker ("…," said Morrow). "told X" names the audience, not the speaker. */
export const INVERTIBLE_CUES: ReadonlySet<string> = new Set([
  'said',
  'says',
  'added',
  'adds',
  'asked',
  'wrote',
  'replied',
  'responded',
  'explained',
  'continued',
  'warned',
  'insisted',
  'noted',
  'declared',
  'stressed',
  'cautioned',
  'recalled',
  'commented',
  'conceded',
  'reads',
]);

/** Cues that introduce reported speech with "that" ("X said on Tuesday that …"). */
export const INDIRECT_CUES: ReadonlySet<string> = new Set([
  'said',
  'says',
  'say',
  'told',
  'tells',
  'added',
  'adds',
  'declared',
  'warned',
  'warns',
  'noted',
  'stressed',
  'claimed',
  'claims',
  'insisted',
  'insists',
  'announced',
  'wrote',
  'tweeted',
  'stated',
  'confirmed',
  'denied',
  'denies',
  'explained',
  'argued',
  'acknowledged',
  'admitted',
  'reported',
  'stating',
  'saying',
  'reports',
  'believes',
  'believe',
  'thinks',
  'think',
  'suggested',
  'suggests',
  'recalled',
  'concluded',
  'agreed',
  'agrees',
  'conceded',
  'contended',
  'maintained',
  'predicted',
  'predicts',
  'argue',
  'insist',
  'warn',
  'deny',
  'acknowledges',
  'admit',
]);

/** Words that mark a statement as unverified ("reportedly", "is believed", "according to"). */
export const HEDGE_RE =
  /(?<![\p{L}-])(?:reportedly|allegedly|alleged|claim(?:s|ed)? to|(?:is|are|was|were) (?:widely )?believed|(?:an )?estimated|according to|unconfirmed|unverified|claimed|claims|purportedly|said to (?:be|have))(?![\p{L}-])/iu;

/**
 * Cue phrases; callers check the left boundary (no letter, digit or hyphen: "so-called", "unsaid").
 * A preposition glued on by a stripped link ("saidon Monday", "toldin Geneva") still ends the cue:
 * no English word is a cue plus "on"/"in"/"at"/"to", and a capital or digit must follow.
 */
export const CUE_RE = new RegExp(
  `(${CUE_PHRASES.map((c) => c.replace(/ /g, '\\s+')).join('|')})(?:(?![\\p{L}\\p{N}-])|(?=(?:on|in|at|to)\\s+[\\p{Lu}\\p{N}]))`,
  'giu',
);

/** Person roles: "the foreign minister" is somebody, resolvable to an earlier "Foreign Minister Lena Morrow". */
const ROLE_HEADS = [
  'prime minister',
  'minister',
  'president',
  'vice-president',
  'spokesperson',
  'spokesman',
  'spokeswoman',
  'commander',
  'general',
  'governor',
  'mayor',
  'ambassador',
  'envoy',
  'chief',
  'head',
  'director',
  'secretary',
  'chancellor',
  'leader',
  'negotiator',
  'prosecutor',
  'judge',
  'lawyer',
  'chairman',
  'chairwoman',
  'chair',
  'ceo',
  'colonel',
  'admiral',
  'captain',
  'commissioner',
  'councillor',
  'councilor',
  'professor',
  'economist',
];

/** Bodies: "the ministry" is an organisation, resolvable to an earlier organisation mention. */
const BODY_HEADS = [
  'ministry',
  'government',
  'army',
  'military',
  'police',
  'agency',
  'office',
  'embassy',
  'council',
  'commission',
  'court',
  'party',
  'company',
  'firm',
  'regulator',
  'department',
  'service',
  'forces',
  'authorities',
  'media',
  'television',
  'broadcaster',
  'campaign',
  'committee',
  'presidency',
  'kremlin',
  'bank',
  'union',
  'association',
  'federation',
  'chamber',
  'watchdog',
  'authority',
  'operator',
  'group',
  'opposition',
  'navy',
];

/** Groups and unnamed sources: never resolved to an entity. */
const GROUP_HEADS = [
  'officials?',
  'sources?',
  'diplomats?',
  'witness(?:es)?',
  'residents?',
  'analysts?',
  'experts?',
  'officers?',
  'aides?',
  'advis[eo]rs?',
  'spokespeople',
  'spokes(?:person|man|woman)s',
  'ministers',
  'commanders',
  'generals',
  'lawmakers?',
  'legislators?',
  'senators?',
  'investigators?',
  'prosecutors',
  'doctors?',
  'medics?',
  'paramedics?',
  'rescuers?',
  'observers?',
  'monitors?',
  'representatives?',
  'leaders',
  'activists?',
  'organi[sz]ers?',
  'insiders?',
  'relatives?',
  'neighbou?rs?',
  'employees?',
  'staff',
  'workers?',
  'survivors?',
  'members?',
  'negotiators',
  'person',
  'people',
  'individual',
  'councillors',
  'owners?',
  'managers?',
  'woman',
  'man',
  'women',
  'men',
  'economists?',
  'researchers?',
  'scientists?',
  'engineers?',
  'shopkeepers?',
  'traders?',
  'dockworkers?',
  'employers',
  'unions',
  'police',
  'rebels',
  'insurgents',
  'militants',
  'mediators',
  'agencies',
];

const HEAD_ALT = [...ROLE_HEADS.map((h) => h.replace(/ /g, '\\s+')), ...BODY_HEADS, ...GROUP_HEADS].join('|');
const DET = `(?:the|a|an|one|two|three|four|five|several|some|many|other|another|[A-Z][\\p{L}-]*'s)`;
/** A modifier word: anything but a function word, so the phrase never swallows "on Tuesday the". */
const MOD = `(?!(?:the|a|an|on|in|at|of|to|for|by|with|from|and|or|but|as|that|which|who|whom|whose|where|when|while|whether|if|because|since|though|although|than|then|so|also|after|before|said|told|is|was|were|are|has|had|have|he|she|it|they|we|i|you)\\s)\\p{L}[\\p{L}'’-]*`;
const TAIL = `(?:,?\\s+(?:who|familiar|close|speaking|with\\s+knowledge|briefed|involved|present|not\\s+authori[sz]ed)[^,"\\n.]{0,80},?)?`;
const NOMINAL = `((?:${DET}\\s+)?(?:${MOD}\\s+){0,3}?(?:${HEAD_ALT})(?![\\p{L}-]|['’]s\\s)(?:\\s+of\\s+(?:the\\s+)?[\\p{L}-]+)?${TAIL})`;
/** Auxiliaries and adverbs between a nominal speaker and its cue: "officials have put", "the agency has also said". */
const AUX_BEFORE =
  '(?:(?:has|have|had|also|later|then|again|earlier|previously|reportedly|separately|would|will|did)\\s+)*';
/** A speaker's relative clause opening right before the cue: "the Valdorian government, which spoke of …". */
const RELATIVE_GAP = '(?:,\\s+(?:which|who)\\s+|\\s+)';
/** Nominal speaker right before a cue: "the foreign minister ", "a spokesperson who declined to be named ". */
const NOMINAL_BEFORE_RE = new RegExp(`(?:^|[\\s,(])${NOMINAL}${RELATIVE_GAP}${AUX_BEFORE}$`, 'iu');
/** Nominal speaker right after a cue: " a senior official", " officials". */
const NOMINAL_AFTER_RE = new RegExp(`^\\s+${NOMINAL}`, 'iu');
/** Cheap pre-check before the anchored nominal regexes: is there any head word at all? */
const HEAD_ANY_RE = new RegExp(`(?:${HEAD_ALT})(?![\\p{L}-])`, 'iu');
const ROLE_HEAD_RE = new RegExp(`(?:^|\\s)(?:${ROLE_HEADS.map((h) => h.replace(/ /g, '\\s+')).join('|')})$`, 'i');
const BODY_HEAD_RE = new RegExp(`(?:^|\\s)(?:${BODY_HEADS.join('|')})$`, 'i');
const DEFINITE_RE = /^(?:the|[A-Z][\p{L}-]*'s)\s/iu;

/** Between a named speaker and its cue: nothing, an adverb, or an appositive ", 54, the foreign minister,". */
const GAP_BEFORE_RE =
  /^(?:,\s[^,"\n]{1,90},)?(?:,\s+(?:which|who)\s+)?\s*(?:(?:has|had|have|also|later|then|again|earlier|previously|reportedly|separately|would|will|did|once|further|quickly|simply)\s+)*(?:(?:late\s+|early\s+)?on\s+\p{Lu}\p{L}+(?:\s+(?:morning|afternoon|evening|night))?\s+|(?:yesterday|today)\s+)?$/u;
const OBJECT_BEFORE_RE = /(?<![\p{L}])(?:of|in|from|at|for|to|near|with|by)\s+(?:the\s+)?$/iu;
/** "a statement published by the ministry described …": the agent of a published text speaks. */
const AGENT_BEFORE_RE = /(?:published|released|issued|posted|signed|sent)\s+by\s+(?:the\s+)?$/iu;
/** Titles between an appositive comma and the name: "Its spokesman, Maj. Gen. Pavel Ostrik, said", "The organisers, the United Port Workers' Federation, said". */
const APPOSITION_BEFORE_RE = /,\s(?:the\s)?(?:\p{Lu}[\p{L}]*\.?\s){0,3}$/u;
/** Between a role after the cue and the name it introduces: "said ESEA spokesman Henrik Vos", "…director general, Vaclav Mraz". */
const ROLE_NAME_GAP_RE = /^(?:\s+\p{Ll}[\p{L}-]*){0,2},?\s+$/u;
/** Singular heads of unnamed sources that are one person ("a local councillor"), so "she said" may point back. */
const PERSON_GROUP_HEAD_RE =
  /(?:^|\s)(?:official|source|diplomat|witness|resident|analyst|expert|officer|aide|advis[eo]r|lawmaker|legislator|senator|investigator|doctor|medic|paramedic|rescuer|observer|representative|activist|organi[sz]er|insider|relative|neighbou?r|employee|worker|survivor|member|person|individual|councillor|councilor|owner|manager|woman|man|economist|researcher|scientist|engineer|shopkeeper|trader|dockworker)$/i;
const PRONOUN_BEFORE_RE =
  /(?:^|[\s,(])(he|she|they|it)\s+(?:(?:has|had|have|also|later|then|again|would|will|further|reportedly)\s+)*$/iu;
const PRONOUN_AFTER_RE = /^\s+(he|she)(?![\p{L}])/iu;

/** How a speaker was recognised. */
export type AttributionHow = 'entity' | 'pronoun' | 'role' | 'body' | 'unnamed' | 'name';

/** A cue with the speaker found next to it. */
export interface AttributionMatch {
  /** Null when the shape was recognised but cannot be resolved ("it said" with nothing to point at). */
  speaker: Attribution | null;
  /** The cue as written, lower-case and single-spaced: "said", "according to". */
  cue: string;
  cueStart: number;
  cueEnd: number;
  /** Where the speaker words sit (the pronoun, the role phrase or the entity mention). */
  speakerStart: number;
  speakerEnd: number;
  how: AttributionHow;
  /** True when the speaker is a person (pronouns may point back to it). */
  isPerson: boolean;
}

/** A speaker seen earlier in the article, for pronoun resolution. */
export interface SeenSpeaker {
  at: number;
  speaker: Attribution;
}

/** Per-document lookup state; build once with `createAttributionContext`. */
export interface AttributionContext {
  text: string;
  view: string;
  /** Lower-case view, for role look-ups. */
  lower: string;
  sentences: readonly Sentence[];
  /** Entity mentions sorted by start. */
  entities: readonly EntityMention[];
  /** Spans of quoted material: person mentions inside them are not pronoun antecedents. */
  quoted: Span[];
  /** Person speakers already attributed, in text order (callers push as they go). */
  speakers: SeenSpeaker[];
  /** Every cue in the text, in order: matched once per document. */
  cues: Span[];
}

const DOUBLED_APOSTROPHES_RE = /''|``/g;

/**
 * Archive and typewriter text writes a double quotation mark as two apostrophes (''Yes,'' he said)
 * or two backticks (``Yes''). In the view, each pair becomes one `"` plus a space, the mark on the
 * side of the quoted words, so offsets stay those of the text and the quote finder sees a plain
 * double quote.
 */
export function doubledApostrophesAsQuotes(view: string, text: string): string {
  if (!view.includes("''") && !view.includes('``')) return view;
  return view.replace(DOUBLED_APOSTROPHES_RE, (pair, at: number) => {
    const original = text.slice(at, at + 2);
    if (original !== "''" && original !== '``') return pair; // curly marks folded by the view: left alone
    const before = view[at - 1];
    const opens = original === '``' || before === undefined || /[\s([—–-]/u.test(before);
    return opens ? ' "' : '" ';
  });
}

/** Build the lookup state for one document. */
export function createAttributionContext(
  text: string,
  sentences: readonly Sentence[],
  entities: readonly EntityMention[] = [],
): AttributionContext {
  const view = doubledApostrophesAsQuotes(matchView(text), text);
  const sorted = [...entities].sort((a, b) => a.start - b.start || b.end - a.end);
  const cues: Span[] = [];
  for (const m of view.matchAll(CUE_RE)) {
    const at = m.index ?? 0;
    if (at > 0 && /[\p{L}\p{N}-]/u.test(view[at - 1] as string)) continue;
    cues.push({ start: at, end: at + m[0].length });
  }
  return { text, view, lower: view.toLowerCase(), sentences, entities: sorted, quoted: [], speakers: [], cues };
}

/** The first mention of one of `types` lying inside `[start, end)`: a binary search, then a short walk. */
export function mentionWithin(
  ctx: AttributionContext,
  start: number,
  end: number,
  types: readonly EntityMention['type'][],
): EntityMention | null {
  for (let i = firstMentionFrom(ctx.entities, start); i < ctx.entities.length; i++) {
    const e = ctx.entities[i] as EntityMention;
    if (e.start >= end) break;
    if (e.end <= end && types.includes(e.type)) return e;
  }
  return null;
}

/** The attribution an entity mention stands for. */
export function attributionOf(mention: EntityMention): Attribution {
  return { entityId: mention.entityId, name: mention.name };
}

/** Index of the first mention with `start >= offset`. */
/** Index of the first mention starting at or after `offset` (mentions sorted by start). */
export function firstMentionFrom(entities: readonly EntityMention[], offset: number): number {
  let lo = 0;
  let hi = entities.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((entities[mid] as EntityMention).start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * True when `[start, end)` lies inside one of `spans` (sorted by start, not overlapping, as quoted
 * passages are). Binary search: callers ask once per cue or mention, so a scan would be quadratic
 * on a page of ten thousand quote marks.
 */
export function isInsideAny(spans: readonly Span[], start: number, end: number): boolean {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((spans[mid] as Span).start <= start) lo = mid + 1;
    else hi = mid;
  }
  const s = spans[lo - 1];
  return s !== undefined && end <= s.end;
}

/** How far back (characters) a pronoun, "it" or "the official" looks for what it points to. */
const LOOKBACK_CHARS = 3000;
/** How far back "the foreign minister" or "the ministry" looks for the name: a long article, not a whole dump. */
const ROLE_LOOKBACK_CHARS = 30_000;

/** Index of the sentence holding `at`, or of the last one starting before it. */
function sentenceBefore(sentences: readonly Sentence[], at: number): number {
  let lo = 0;
  let hi = sentences.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sentences[mid] as Sentence).start <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Cues in `[start, end)`, in text order, skipping any inside `skip` spans. */
export function findCues(ctx: AttributionContext, start: number, end: number, skip: readonly Span[] = []): Span[] {
  const out: Span[] = [];
  const { cues } = ctx;
  let lo = 0;
  let hi = cues.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cues[mid] as Span).start < start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < cues.length; i++) {
    const cue = cues[i] as Span;
    if (cue.end > end) break;
    if (skip.length > 0 && isInsideAny(skip, cue.start, cue.end)) continue;
    out.push(cue);
  }
  return out;
}

/**
 * The speaker of the cue at `cue`, looking no further than `[regionStart, regionEnd)` (usually the
 * sentence, minus quoted material). Tries "X said" first, then "said X" / "according to X".
 * Returns null when no speaker shape sits next to the cue.
 */
export function attributeCue(
  ctx: AttributionContext,
  cue: Span,
  regionStart: number,
  regionEnd: number,
): AttributionMatch | null {
  const cueText = ctx.view.slice(cue.start, cue.end).toLowerCase().replace(/\s+/g, ' ');
  if (cueText === 'according to') {
    const after = speakerAfter(ctx, cue.end, regionEnd, true);
    return after ? { ...after, cue: cueText, cueStart: cue.start, cueEnd: cue.end } : null;
  }
  if (cueText === 'quoted as saying') return null;
  const before = speakerBefore(ctx, regionStart, cue.start);
  if (before) return { ...before, cue: cueText, cueStart: cue.start, cueEnd: cue.end };
  if (INVERTIBLE_CUES.has(cueText)) {
    const after = speakerAfter(ctx, cue.end, regionEnd, false);
    if (after) return { ...after, cue: cueText, cueStart: cue.start, cueEnd: cue.end };
  }
  return null;
}

/**
 * The agent of a passive report after a claim: "a toll of 27 announced by the provincial
 * authorities", "figures published by the ministry". `byEnd` is the end of the "by"; the speaker
 * is read like the one after "according to" (a mention, a role or body, an unnamed source).
 */
export function attributeAgent(ctx: AttributionContext, by: Span, regionEnd: number): AttributionMatch | null {
  const after = speakerAfter(ctx, by.end, regionEnd, true);
  return after ? { ...after, cue: 'by', cueStart: by.start, cueEnd: by.end } : null;
}

/**
 * The first (or last) attributed cue in `[start, end)`, skipping cues inside `skip` (quoted text).
 * The region bounds the speaker search too.
 */
export function findAttribution(
  ctx: AttributionContext,
  start: number,
  end: number,
  order: 'first' | 'last' = 'first',
  skip: readonly Span[] = [],
): AttributionMatch | null {
  const cues = findCues(ctx, start, end, skip);
  if (order === 'last') cues.reverse();
  for (const cue of cues) {
    const found = attributeCue(ctx, cue, start, end);
    if (found) return found;
  }
  return null;
}

/**
 * "The Calloway Port Authority put the number at 7,500 and said that …": a person or organisation
 * opening the sentence (after an optional "The") is the subject of a later cue that has no speaker
 * of its own. Null when the sentence opens with anything else.
 */
export function sentenceSubject(ctx: AttributionContext, sentenceStart: number, cue: Span): AttributionMatch | null {
  const lead = /^\s*(?:the\s+)?/iu.exec(ctx.view.slice(sentenceStart, sentenceStart + 8))?.[0].length ?? 0;
  const m = ctx.entities[firstMentionFrom(ctx.entities, sentenceStart + lead)];
  if (!m || m.start !== sentenceStart + lead || m.end > cue.start) return null;
  if ((m.type !== 'person' && m.type !== 'organization') || ctx.view.startsWith("'s", m.end)) return null;
  return {
    ...fromMention(m),
    cue: ctx.view.slice(cue.start, cue.end).toLowerCase().replace(/\s+/g, ' '),
    cueStart: cue.start,
    cueEnd: cue.end,
  };
}

type SpeakerShape = Omit<AttributionMatch, 'cue' | 'cueStart' | 'cueEnd'>;

function fromMention(m: EntityMention): SpeakerShape {
  return {
    speaker: attributionOf(m),
    speakerStart: m.start,
    speakerEnd: m.end,
    how: 'entity',
    isPerson: m.type === 'person',
  };
}

function speakerBefore(ctx: AttributionContext, regionStart: number, cueStart: number): SpeakerShape | null {
  const { view, entities } = ctx;
  // Named speaker: the nearest mention that ends right before the cue (or before an appositive).
  const windowStart = Math.max(regionStart, cueStart - 160);
  let i = firstMentionFrom(entities, cueStart) - 1;
  for (; i >= 0; i--) {
    const m = entities[i] as EntityMention;
    if (m.start < windowStart) break;
    if (m.end > cueStart) continue;
    const gap = view.slice(m.end, cueStart);
    if (view.startsWith("'s", m.end)) continue; // "Kestrelgrad's foreign minister said": not Kestrelgrad
    // "the mayor of Veltra said": the mention is a complement, not the subject.
    const left = view.slice(Math.max(0, m.start - 30), m.start);
    if (OBJECT_BEFORE_RE.test(left.slice(-14)) && !AGENT_BEFORE_RE.test(left)) continue;
    if (GAP_BEFORE_RE.test(gap)) return fromMention(m);
    // Name in apposition: "the army chief, Ivo Danek, said", "Its spokesman, Maj. Gen. Pavel Ostrik, said".
    if (/^,\s*$/.test(gap) && APPOSITION_BEFORE_RE.test(left)) return fromMention(m);
  }
  let pre = view.slice(windowStart, cueStart);
  // Never start inside a word: "…s|enior official said" would read as "enior official".
  const cut = cueStart - pre.length;
  if (cut > windowStart && /[\p{L}\p{N}'-]/u.test(view[cut - 1] ?? '')) pre = pre.replace(/^[^\s]*/u, '');
  const pronoun = PRONOUN_BEFORE_RE.exec(pre);
  if (pronoun) {
    const word = (pronoun[1] as string).toLowerCase();
    const at = cueStart - pre.length + (pronoun.index ?? 0) + pronoun[0].indexOf(pronoun[1] as string);
    return pronounShape(ctx, word, at);
  }
  const nominal = HEAD_ANY_RE.test(pre) ? NOMINAL_BEFORE_RE.exec(pre) : null;
  if (nominal) {
    const phrase = nominal[1] as string;
    const start = cueStart - pre.length + (nominal.index ?? 0) + nominal[0].indexOf(phrase);
    return nominalShape(ctx, start, start + phrase.length);
  }
  return nameShape(ctx, pre, cueStart - pre.length, 'before');
}

/** Capitalised words next to a cue: a name the entities stage did not list ("Merrill says"). */
const NAME_BEFORE_RE =
  /(?:^|[\s,(—–])((?:\p{Lu}[\p{L}'’.-]*\s+){0,3}\p{Lu}[\p{Ll}'’-]+)\s+(?:(?:has|had|have|also|later|then|again|earlier|previously|reportedly|separately|would|will|did|once|further)\s+)*$/u;
const NAME_AFTER_RE = /^\s+((?:\p{Lu}[\p{L}'’.-]*\s+){0,3}\p{Lu}[\p{Ll}'’-]+)(?=[\s,.;:!?)]|$)/u;
/** Capitalised words that are not names: sentence openers, pronouns, months, days. */
const NOT_NAME_WORDS: ReadonlySet<string> = new Set(
  (
    'the a an but and or so yet if when while as in on at of for with to from by after before then this that these those ' +
    'it he she they we i you his her its their our my there here what who which how why where also however meanwhile still ' +
    'january february march april may june july august september october november december monday tuesday wednesday ' +
    'thursday friday saturday sunday today yesterday tomorrow last next earlier later one two three some many most all ' +
    'no not both each every another other such only even just now'
  ).split(' '),
);

/**
 * A name nobody linked to an entity, right before (or after) the cue: the last run of capitalised
 * words, without sentence openers ("But Merrill said" → "Merrill"). Kept with `entityId: null`:
 * the words are the article's, nothing is guessed.
 */
function nameShape(
  ctx: AttributionContext,
  window: string,
  windowStart: number,
  side: 'before' | 'after',
): SpeakerShape | null {
  const m = (side === 'before' ? NAME_BEFORE_RE : NAME_AFTER_RE).exec(window);
  if (!m) return null;
  const phrase = m[1] as string;
  const words = phrase.split(/\s+/);
  let drop = 0;
  while (drop < words.length && NOT_NAME_WORDS.has((words[drop] as string).toLowerCase().replace(/[.’']+$/, '')))
    drop++;
  const kept = words.slice(drop);
  if (kept.length === 0 || kept.some((w) => NOT_NAME_WORDS.has(w.toLowerCase()))) return null;
  const name = kept.join(' ');
  const at = windowStart + (m.index ?? 0) + m[0].indexOf(phrase) + phrase.length - name.length;
  if (ctx.view.slice(at, at + name.length) !== name) return null;
  // Inside an entity of another type ("the Port of Calloway said"): not a person's name.
  const inside = ctx.entities[firstMentionFrom(ctx.entities, at + 1) - 1];
  if (inside && inside.start <= at && inside.end >= at + name.length && inside.type !== 'person') return null;
  return {
    speaker: { entityId: null, name: ctx.text.slice(at, at + name.length) },
    speakerStart: at,
    speakerEnd: at + name.length,
    how: 'name',
    isPerson: true,
  };
}

function speakerAfter(
  ctx: AttributionContext,
  cueEnd: number,
  regionEnd: number,
  isAccordingTo: boolean,
): SpeakerShape | null {
  const { view, entities } = ctx;
  const post = view.slice(cueEnd, Math.min(regionEnd, cueEnd + 160));
  const j = firstMentionFrom(entities, cueEnd);
  const next = entities[j];
  if (next && next.end <= cueEnd + post.length && /^\s+(?:the\s+)?$/i.test(view.slice(cueEnd, next.start))) {
    if (!view.startsWith("'s", next.end)) return fromMention(next);
  }
  if (!isAccordingTo) {
    const pronoun = PRONOUN_AFTER_RE.exec(post);
    if (pronoun) {
      const at = cueEnd + post.indexOf(pronoun[1] as string);
      return pronounShape(ctx, (pronoun[1] as string).toLowerCase(), at);
    }
  }
  const nominal = HEAD_ANY_RE.test(post) ? NOMINAL_AFTER_RE.exec(post) : null;
  if (nominal) {
    const phrase = (nominal[1] as string).replace(/[\s,]+$/, '');
    const start = cueEnd + nominal[0].indexOf(nominal[1] as string);
    // "said ESEA spokesman Henrik Vos", "said the chamber's director general, Vaclav Mraz": the name.
    const named = entities[firstMentionFrom(entities, start + phrase.length)];
    if (
      named?.type === 'person' &&
      named.end <= cueEnd + post.length &&
      ROLE_NAME_GAP_RE.test(view.slice(start + phrase.length, named.start))
    ) {
      return fromMention(named);
    }
    return nominalShape(ctx, start, start + phrase.length);
  }
  if (!isAccordingTo) {
    const name = nameShape(ctx, post, cueEnd, 'after');
    if (name) return name;
  }
  if (isAccordingTo) {
    // "according to figures released by the Kestrelgrad interior ministry": the first named body
    // or person in the same clause.
    const clause = /^[^,.;:!?"]{0,100}/.exec(post)?.[0] ?? '';
    for (let k = j; k < entities.length; k++) {
      const m = entities[k] as EntityMention;
      if (m.end > cueEnd + clause.length) break;
      if (m.type === 'place' || m.type === 'other') continue;
      if (view.startsWith("'s", m.end)) continue;
      return fromMention(m);
    }
  }
  return null;
}

function pronounShape(ctx: AttributionContext, word: string, at: number): SpeakerShape {
  const base = { speakerStart: at, speakerEnd: at + word.length, how: 'pronoun' as const };
  // "they" could be a body or a group: never guessed. "it" only points back to a body that spoke.
  if (word === 'it') return { ...base, speaker: resolveIt(ctx, at), isPerson: false };
  if (word !== 'he' && word !== 'she') return { ...base, speaker: null, isPerson: false };
  return { ...base, speaker: resolvePronoun(ctx, at), isPerson: true };
}

/** Set while `resolveIt` looks back, so an earlier "it said" is not chased in turn. */
let resolvingIt = false;

/**
 * The body an "it said" at `at` refers to: the speaker of the latest cue before it, in its own
 * sentence or the one before, when that speaker is an organisation or a body ("The ministry said
 * on Monday that … . At least 300 tanks had been counted, it said."). Null when the latest
 * attributed cue there has a person or a group as speaker, or there is none.
 */
function resolveIt(ctx: AttributionContext, at: number): Attribution | null {
  if (resolvingIt) return null;
  const si = Math.max(0, sentenceBefore(ctx.sentences, at));
  const from = Math.max(at - LOOKBACK_CHARS, (ctx.sentences[Math.max(0, si - 1)] as Sentence | undefined)?.start ?? 0);
  resolvingIt = true;
  try {
    const cues = findCues(ctx, from, at, ctx.quoted);
    for (let i = cues.length - 1; i >= 0; i--) {
      const cue = cues[i] as Span;
      const region = ctx.sentences[sentenceIndex(ctx, cue.start)] ?? { start: from, end: at };
      const found = attributeCue(ctx, cue, Math.max(from, region.start), Math.min(at, region.end));
      if (!found) continue;
      if (found.isPerson || !found.speaker || found.how === 'pronoun' || found.how === 'unnamed') return null;
      return found.speaker;
    }
    return null;
  } finally {
    resolvingIt = false;
  }
}

function sentenceIndex(ctx: AttributionContext, at: number): number {
  let lo = 0;
  let hi = ctx.sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = ctx.sentences[mid] as Sentence;
    if (at < s.start) hi = mid - 1;
    else if (at >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/**
 * The person a "he"/"she" at `at` refers to: the nearest preceding person, either a person mention
 * outside quoted text or a speaker already attributed. Null when there is none.
 */
export function resolvePronoun(ctx: AttributionContext, at: number): Attribution | null {
  let best: { at: number; speaker: Attribution } | null = null;
  for (let i = ctx.speakers.length - 1; i >= 0; i--) {
    const s = ctx.speakers[i] as SeenSpeaker;
    if (s.at < at) {
      best = s;
      break;
    }
  }
  for (let i = firstMentionFrom(ctx.entities, at) - 1; i >= 0; i--) {
    const m = ctx.entities[i] as EntityMention;
    if (m.start < at - LOOKBACK_CHARS) break;
    if (m.type !== 'person' || m.end > at) continue;
    if (best && m.start <= best.at) break;
    if (isInsideAny(ctx.quoted, m.start, m.end)) continue;
    best = { at: m.start, speaker: attributionOf(m) };
    break;
  }
  // "A local councillor said … “…,” she said.": an unnamed person source nearer than any name.
  const unnamed = earlierNominal(ctx, at, () => true, best?.at ?? -1);
  if (unnamed) return unnamed;
  return best ? best.speaker : null;
}

function nominalShape(ctx: AttributionContext, start: number, end: number): SpeakerShape {
  const { view, entities } = ctx;
  // The entities stage may already have linked the phrase ("the foreign minister" → a person).
  const j = firstMentionFrom(entities, start);
  for (let k = j; k < entities.length; k++) {
    const m = entities[k] as EntityMention;
    if (m.start >= end) break;
    if (m.end === end || (m.end <= end && /^\s+(?:who|familiar|close|speaking)/.test(view.slice(m.end, end)))) {
      if (m.type === 'person' || m.type === 'organization') return fromMention(m);
    }
  }
  // "Greyline Security, the firm whose researchers first warned": the phrase is an apposition.
  const before = entities[firstMentionFrom(entities, start) - 1];
  if (
    before &&
    (before.type === 'organization' || before.type === 'person') &&
    /^,\s*$/.test(view.slice(before.end, start)) &&
    /^the\s/i.test(view.slice(start, end))
  ) {
    return { ...fromMention(before), speakerStart: start, speakerEnd: end, how: 'entity' };
  }
  const core = view
    .slice(start, end)
    .replace(/,?\s+(?:who|familiar|close|speaking|with\s+knowledge|briefed|involved|present|not\s+authori).*$/is, '');
  const head = core.replace(/\s+of\s+.*$/is, ''); // "the mayor of Veltra" is a mayor
  // "people familiar with the talks": without its tail, a bare "people" would say nothing.
  const phrase = describe(ctx, start, BARE_GROUP_RE.test(head) ? end - start : core.length);
  const base = { speakerStart: start, speakerEnd: end };
  if (DEFINITE_RE.test(core)) {
    const words = core
      .replace(DEFINITE_RE, '')
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w.length > 0);
    if (ROLE_HEAD_RE.test(head)) {
      const person = resolveRole(ctx, words, start);
      if (person) return { ...fromMention(person), speakerStart: start, speakerEnd: end, how: 'role' };
      const earlier = earlierUnnamed(ctx, words[words.length - 1] as string, start);
      if (earlier) return { ...base, speaker: earlier, how: 'role', isPerson: true };
      return { ...base, speaker: { entityId: null, name: phrase }, how: 'role', isPerson: true };
    }
    if (BODY_HEAD_RE.test(head)) {
      const body = resolveBody(ctx, words, start);
      if (body) return { ...fromMention(body), speakerStart: start, speakerEnd: end, how: 'body' };
      return { ...base, speaker: { entityId: null, name: phrase }, how: 'body', isPerson: false };
    }
    // "the official said" after "A senior Valdorian security official said …": the same source.
    if (/^the\s/i.test(core) && PERSON_GROUP_HEAD_RE.test(head)) {
      const earlier = earlierUnnamed(ctx, head.split(/\s+/).pop() as string, start);
      if (earlier) return { ...base, speaker: earlier, how: 'unnamed', isPerson: true };
    }
  }
  return {
    ...base,
    speaker: { entityId: null, name: phrase },
    how: 'unnamed',
    isPerson: PERSON_GROUP_HEAD_RE.test(head),
  };
}

/**
 * The description as written, without its "who …" tail; a capital that only marks the start of a
 * sentence is lowered ("Some analysts warned" → "some analysts"), a name's capital is kept
 * ("Kestria's foreign minister").
 */
function describe(ctx: AttributionContext, start: number, length: number): string {
  const words = ctx.text.slice(start, start + length).replace(/[\s,]+$/, '');
  const first = /^[\p{L}'’-]+/u.exec(words)?.[0] ?? '';
  if (/['’]s$/.test(first) || !/^\p{Lu}(?:\p{Ll}|$)/u.test(first)) return words;
  const before = ctx.view.slice(Math.max(0, start - 3), start);
  const sentenceStart = start === 0 || /(?:^|[.!?:"\n])\s*$/.test(before) || isSentenceStart(ctx, start);
  return sentenceStart ? first.toLowerCase() + words.slice(first.length) : words;
}

function isSentenceStart(ctx: AttributionContext, at: number): boolean {
  let lo = 0;
  let hi = ctx.sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = ctx.sentences[mid] as Sentence;
    if (at < s.start) hi = mid - 1;
    else if (at >= s.end) lo = mid + 1;
    else return at - s.start <= 8 && /^\s*$/.test(ctx.view.slice(s.start, at));
  }
  return false;
}

/**
 * The indefinite source a definite one points back to: "A senior Valdorian security official said …
 * “…,” the official said." Looks at the cues of the three sentences before `before`.
 */
function earlierUnnamed(ctx: AttributionContext, head: string, before: number): Attribution | null {
  const found = earlierNominal(ctx, before, (name) => new RegExp(`(?:^|\\s)${escapeRe(head)}$`, 'i').test(name));
  return found;
}

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Group sources whose description is their tail: "people familiar with …", "sources close to …". */
const BARE_GROUP_RE = /^(?:(?:some|several|many|two|three|other)\s+)?(?:people|persons?|sources?|individuals?)$/i;

/** How many sentences back an unnamed person source may be picked up by "the official" or "she". */
const NOMINAL_LOOKBACK_SENTENCES = 3;

/**
 * The latest indefinite nominal person source ("a local councillor said", "One official, who …,
 * said") before `before`, within `NOMINAL_LOOKBACK_SENTENCES`, whose core words pass `accept`.
 */
function earlierNominal(
  ctx: AttributionContext,
  before: number,
  accept: (core: string) => boolean,
  after = -1,
): Attribution | null {
  const { view, sentences } = ctx;
  const si = sentenceBefore(sentences, before);
  const from = Math.max(
    after,
    before - LOOKBACK_CHARS,
    (sentences[Math.max(0, si - NOMINAL_LOOKBACK_SENTENCES)] as Sentence | undefined)?.start ?? 0,
  );
  const cues = findCues(ctx, from, before, ctx.quoted);
  for (let i = cues.length - 1; i >= 0; i--) {
    const cue = cues[i] as Span;
    const pre = view.slice(Math.max(from, cue.start - 110), cue.start);
    const m = HEAD_ANY_RE.test(pre) ? NOMINAL_BEFORE_RE.exec(pre) : null;
    if (!m) continue;
    const phrase = m[1] as string;
    if (!/^(?:a|an|one)\s/i.test(phrase)) continue;
    const start = cue.start - pre.length + (m.index ?? 0) + m[0].indexOf(phrase);
    const core = phrase.replace(
      /,?\s+(?:who|familiar|close|speaking|with\s+knowledge|briefed|involved|present|not\s+authori).*$/is,
      '',
    );
    const head = core.replace(/\s+of\s+.*$/is, '');
    if (!PERSON_GROUP_HEAD_RE.test(head) && !ROLE_HEAD_RE.test(head)) continue;
    if (!accept(head)) continue;
    return { entityId: null, name: describe(ctx, start, core.length) };
  }
  return null;
}

/**
 * The person an earlier passage names with this role: "Foreign Minister Lena Morrow", "Lena Morrow,
 * the foreign minister", "Kestrelgrad's foreign minister, Lena Morrow". Latest occurrence wins.
 */
function resolveRole(ctx: AttributionContext, words: string[], before: number): EntityMention | null {
  const { lower, view, entities } = ctx;
  const needle = words.join(' ');
  if (needle.length === 0) return null;
  let at = lower.lastIndexOf(needle, before - needle.length - 1);
  while (at >= 0 && at > before - ROLE_LOOKBACK_CHARS) {
    const end = at + needle.length;
    if (!/[\p{L}]/u.test(lower[end] ?? ' ') && !/[\p{L}]/u.test(lower[at - 1] ?? ' ')) {
      // Title then name.
      const k = firstMentionFrom(entities, end);
      const after = entities[k];
      if (after?.type === 'person' && /^,?\s{1,2}$/.test(view.slice(end, after.start))) return after;
      // Name then appositive role, or role then appositive name.
      for (let i = k - 1; i >= 0; i--) {
        const m = entities[i] as EntityMention;
        if (m.end < at - 60) break;
        if (m.type !== 'person' || m.end > at) continue;
        if (/^,\s+(?:the\s+|[\p{L}-]+'s\s+)?(?:[\p{L}-]+\s+)?$/u.test(view.slice(m.end, at))) return m;
        break;
      }
    }
    at = at > 0 ? lower.lastIndexOf(needle, at - 1) : -1;
  }
  return null;
}

/** Body words and the organisation-name words that may stand for them ("the union" → "… Federation"). */
const BODY_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  union: ['union', 'federation', 'workers', 'confederation'],
  regulator: ['authority', 'commission', 'office', 'regulator', 'agency', 'inspectorate'],
  watchdog: ['authority', 'commission', 'office', 'regulator', 'agency', 'inspectorate'],
  authority: ['authority'],
  chamber: ['chamber'],
};

/** "the company", "the firm", "the group", "the operator": a business, not a public body. */
const BUSINESS_WORDS: ReadonlySet<string> = new Set(['company', 'firm', 'group', 'operator']);

/** Last words of organisation names that are no business ("the company" never means a ministry). */
const PUBLIC_BODY_RE =
  /(?:ministry|department|agency|authority|office|commission|council|committee|court|parliament|assembly|senate|congress|police|army|forces|nations|union|federation|association|institute|university|college|school|hospital|government|party|cross|crescent|organi[sz]ation|bank|fund|protection|chamber|post|herald|times|news|press|daily|ledger|digest|voice)$/i;

/** An earlier organisation mention whose name holds every word of "the defence ministry". */
function resolveBody(ctx: AttributionContext, words: string[], before: number): EntityMention | null {
  const wanted = words.filter((w) => !w.endsWith("'s") && w !== 'of' && w !== 'the');
  const head = wanted[wanted.length - 1] ?? '';
  const business = wanted.length === 1 && BUSINESS_WORDS.has(head);
  const synonyms = wanted.length === 1 ? BODY_SYNONYMS[head] : undefined;
  const counts = new Map<string, { n: number; m: EntityMention }>();
  for (let i = firstMentionFrom(ctx.entities, before) - 1; i >= 0; i--) {
    const m = ctx.entities[i] as EntityMention;
    if (m.start < before - ROLE_LOOKBACK_CHARS) break;
    if (m.type !== 'organization') continue;
    const name = `${m.name} ${m.text}`.toLowerCase();
    if (wanted.every((w) => name.includes(w.replace(/s$/, '')))) return m;
    if (synonyms?.some((w) => new RegExp(`\\b${w}\\b`).test(name))) return m;
    if (business && !PUBLIC_BODY_RE.test(m.name)) {
      const seen = counts.get(m.entityId);
      if (seen) seen.n++;
      else counts.set(m.entityId, { n: 1, m });
    }
  }
  // "The company said": the business the article names most often before it (its subject), the
  // earliest one on a tie: a business story names its subject first (the company before its app).
  let pick: { n: number; m: EntityMention } | undefined;
  for (const c of counts.values()) if (!pick || c.n >= pick.n) pick = c;
  return pick?.m ?? null;
}
