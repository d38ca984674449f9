/**
 * Pass 1 of the entities stage: one walk over the tokens that proposes candidate mentions, each
 * with the type its own context suggests and how strong that evidence is. Pass 2 (`resolve.ts`)
 * decides types across the article and links mentions to one entity.
 */
import type { EntityType, Sentence, Token } from '../../core/doc.js';
import { foldKey, slugify } from '../../core/text.js';
import { COUNTRIES_BY_ISO, COUNTRY_ACRONYMS, COUNTRY_NAMES } from './countries.js';
import {
  ACTOR_VERBS,
  CAPITALS,
  COUNTRY_HEADS,
  COUNTRY_OF_WORDS,
  COUNTRY_POSSESSED,
  DEMONYM_NEXT,
  DEMONYMS,
  HONORIFICS,
  NAME_PARTICLES,
  OF_HEADS,
  ORG_HEADS,
  ORGANIZATIONS,
  PLACE_HEADS,
  PLACE_NEXT,
  PLACE_OF_WORDS,
  PLACE_PREFIXES,
  PLACE_PREPOSITIONS,
  STOPWORDS,
  TITLE_ABBREVIATIONS,
  TITLE_HEADS,
  TITLE_MODIFIERS,
  VESSEL_NOUNS,
  VESSEL_PREFIXES,
  WEAK_PLACE_PREPOSITIONS,
} from './gazetteer.js';

type Shape = 'cap' | 'upper' | 'initial' | 'lower' | 'num' | 'punct';

/** A token as the recognizer sees it: possessive `'s` cut off, glued words split. */
export interface Tok {
  start: number;
  end: number;
  text: string;
  /** `foldKey` for capitalised tokens, lower case for the rest. */
  fold: string;
  shape: Shape;
  /** First word of its sentence or line: capitalisation there proves nothing. */
  lineFirst: boolean;
  /** Had a possessive `'s` (cut off the span). */
  poss: boolean;
  /** Split out of a glued token ("inValdoria"). */
  glued: boolean;
  sent: number;
}

/** A person title seen just before a name. */
export interface TitleCue {
  text: string;
  start: number;
  end: number;
  /** Folded title ("foreign minister") and its head word ("minister"). */
  key: string;
  head: string;
  honorific: boolean;
}

/** A proposed mention, before article-level resolution. */
export interface Candidate {
  start: number;
  end: number;
  text: string;
  /** Folded text: mentions with the same key name the same thing within an article. */
  key: string;
  /** Number of name words (not particles or punctuation). */
  words: number;
  firstKey: string;
  lastKey: string;
  type: EntityType | null;
  /** 0 = no evidence (capitalisation only) … 10 = gazetteer. */
  strength: number;
  rule: string;
  lineFirst: boolean;
  /** Sentence looks like a title-case headline: capitalisation proves nothing there. */
  titleCase: boolean;
  /** Set by gazetteer hits: the entity is known. */
  fixed?: { entityId: string; name: string };
  title?: TitleCue;
  /** An unknown all-caps word ("KDF"): kept only if an acronym definition links it. */
  acronym?: boolean;
  /** Shaped like a demonym ("Valdorian troops"). */
  demonym?: boolean;
  /** All-caps surface from a dateline ("MERIDA CITY"). */
  shouting?: boolean;
  /** Acronym in parentheses right after this candidate: "(KDF)". */
  definesAcronym?: string;
}

/** A bare role ("the foreign minister") that may refer back to a titled person. */
export interface RoleCandidate {
  start: number;
  end: number;
  text: string;
  key: string;
  head: string;
}

export interface Recognized {
  candidates: Candidate[];
  roles: RoleCandidate[];
  /** Types the statistical tagger gives name spans, keyed `${start}:${end}` (see tag-spans.ts). */
  tagged?: ReadonlyMap<string, EntityType>;
}

interface GazHit {
  type: EntityType;
  entityId: string;
  name: string;
  /** ISO alpha-3 when the hit is a real capital (mapped to its country when used as an actor). */
  capitalOf?: string;
  demonym?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Gazetteer maps, built once at module load.

const GAZ = new Map<string, GazHit>();
const GAZ_ACRONYMS = new Map<string, GazHit>();
/** First word of a multi-word key → longest key length in words, to skip hopeless lookups. */
const GAZ_FIRST = new Map<string, number>();

function addGaz(surface: string, hit: GazHit): void {
  const key = foldKey(surface).replace(/^the /, '');
  if (!GAZ.has(key)) GAZ.set(key, hit);
  const words = key.split(' ');
  const first = words[0] ?? '';
  GAZ_FIRST.set(first, Math.max(GAZ_FIRST.get(first) ?? 0, words.length));
}

function countryHit(iso3: string, demonym = false): GazHit | undefined {
  const c = COUNTRIES_BY_ISO.get(iso3);
  return c ? { type: 'country', entityId: `country:${iso3.toLowerCase()}`, name: c.name, demonym } : undefined;
}

for (const org of ORGANIZATIONS) {
  const hit: GazHit = { type: 'organization', entityId: `organization:${slugify(org.name)}`, name: org.name };
  if (!/^[A-Z0-9]+$/.test(org.name)) addGaz(org.name, hit);
  for (const alias of org.aliases ?? []) addGaz(alias, hit);
  for (const acronym of org.acronyms ?? [org.name].filter((n) => /^[A-Z0-9]+$/.test(n))) {
    GAZ_ACRONYMS.set(acronym.replace(/\.$/, ''), hit);
  }
}
for (const [key, entry] of COUNTRY_NAMES) {
  const hit = countryHit(entry.iso3);
  if (hit && !GAZ.has(key)) addGaz(key, hit);
}
for (const [surface, entry] of COUNTRY_ACRONYMS) {
  const hit = countryHit(entry.iso3);
  if (hit && !GAZ_ACRONYMS.has(surface)) GAZ_ACRONYMS.set(surface, hit);
}
for (const [demonym, iso3] of Object.entries(DEMONYMS)) {
  const hit = countryHit(iso3, true);
  if (hit) addGaz(demonym, hit);
}
for (const [city, iso3] of Object.entries(CAPITALS)) {
  addGaz(city, { type: 'place', entityId: `place:${slugify(city)}`, name: city, capitalOf: iso3 });
}

// ---------------------------------------------------------------------------------------------
// Token preparation.

const GLUED_RE = /^(\p{Ll}{2,})(\p{Lu}\p{Ll}{2,}[\p{L}\p{M}'’-]*)$/u;
const DOT_GLUED_RE = /^([\p{L}\p{M}'’-]*\p{Ll}{2})\.(\p{Lu}[\p{L}\p{M}'’-]*)$/u;
const POSSESSIVE_RE = /['’]s$/;
const CAP_RE = /^(?:\p{Lu}|(?:al|el|ad|as|ash|abu|bin|ibn|d|l)[-'’]\p{Lu})/u;
const HAS_LOWER_RE = /\p{Ll}/u;
const LETTER_RE = /^\p{L}/u;
const DIGIT_RE = /^\p{N}/u;

function shapeOf(text: string): Shape {
  if (DIGIT_RE.test(text)) return 'num';
  if (!LETTER_RE.test(text)) return 'punct';
  if (CAP_RE.test(text)) {
    if (text.length === 1) return 'initial';
    return HAS_LOWER_RE.test(text) ? 'cap' : 'upper';
  }
  return 'lower';
}

// Why a cache: `foldKey` (NFKD + several regexes) dominated the profile, and capitalised words
// repeat heavily within and across articles. Cleared when full, so memory stays flat.
const FOLD_CACHE = new Map<string, string>();
const FOLD_CACHE_MAX = 50_000;

function cachedFold(word: string): string {
  let key = FOLD_CACHE.get(word);
  if (key === undefined) {
    if (FOLD_CACHE.size >= FOLD_CACHE_MAX) FOLD_CACHE.clear();
    key = foldKey(word);
    FOLD_CACHE.set(word, key);
  }
  return key;
}

function makeTok(start: number, text: string, glued: boolean): Tok {
  let t = text;
  let poss = false;
  if (t.length > 2 && POSSESSIVE_RE.test(t)) {
    t = t.slice(0, -2);
    poss = true;
  }
  const shape = shapeOf(t);
  const fold = shape === 'cap' || shape === 'upper' || shape === 'initial' ? cachedFold(t) : t.toLowerCase();
  return { start, end: start + t.length, text: t, fold, shape, lineFirst: false, poss, glued, sent: 0 };
}

/** `'` glued to a capitalised plural and followed by an organisation head: "Consumers' Association". */
function isPluralPossessiveMark(token: Token, prev: Tok | undefined, next: Token | undefined): boolean {
  if (token.text !== "'" && token.text !== '\u2019') return false;
  if (!prev || !next || prev.end !== token.start || next.start !== token.end + 1) return false;
  if ((prev.shape !== 'cap' && prev.shape !== 'upper') || !/s$/i.test(prev.text)) return false;
  return shapeOf(next.text) === 'cap' && ORG_HEADS.has(cachedFold(next.text));
}

/** Recognizer tokens from the `tokens` layer: split glue, cut possessives, mark sentence starts. */
/** Words a stripped link leaves glued to the name before it: "Lena Morrowand the minister". */
const GLUED_TAIL_RE =
  /^(\p{Lu}[\p{Ll}\p{M}'’-]{2,}?)(and|said|says|told|added|who|was|has|had|is|the|in|of|to|for|on|at|with|from)$/u;

/**
 * "Morrowand" → "Morrow" + "and", when "Morrow" stands alone elsewhere in the article and the
 * glued form does not (so "Anderson" or "Hollands" stay whole).
 */
function gluedTail(token: Token, counts: ReadonlyMap<string, number>): number {
  const m = GLUED_TAIL_RE.exec(token.text);
  if (!m || (counts.get(token.text) ?? 0) > 1) return -1;
  const head = m[1] as string;
  return (counts.get(head) ?? 0) > 0 ? head.length : -1;
}

export function prepareTokens(text: string, tokens: readonly Token[], sentences: readonly Sentence[]): Tok[] {
  const out: Tok[] = [];
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(t.text, (counts.get(t.text) ?? 0) + 1);
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k] as Token;
    const tail = gluedTail(token, counts);
    if (tail > 0) {
      out.push(makeTok(token.start, token.text.slice(0, tail), false));
      out.push(makeTok(token.start + tail, token.text.slice(tail), true));
      continue;
    }
    const dot = token.text.includes('.') ? DOT_GLUED_RE.exec(token.text) : null;
    if (dot) {
      const left = dot[1] as string;
      out.push(makeTok(token.start, left, false));
      out.push(makeTok(token.start + left.length, '.', false));
      out.push(makeTok(token.start + left.length + 1, dot[2] as string, true));
      continue;
    }
    const glued = GLUED_RE.exec(token.text);
    if (glued) {
      const left = glued[1] as string;
      out.push(makeTok(token.start, left, false));
      out.push(makeTok(token.start + left.length, glued[2] as string, true));
      continue;
    }
    // "United Port Workers' Federation": a plural possessive inside an organisation name. The
    // apostrophe is dropped from the recognizer's tokens so the capitalised run goes on.
    if (isPluralPossessiveMark(token, out[out.length - 1], tokens[k + 1])) continue;
    out.push(makeTok(token.start, token.text, false));
  }
  let s = 0;
  let seenWord = false;
  let prevEnd = 0;
  for (let k = 0; k < out.length; k++) {
    const tok = out[k] as Tok;
    while (s < sentences.length && tok.start >= (sentences[s] as Sentence).end) {
      s++;
      seenWord = false;
    }
    tok.sent = s;
    if (tok.shape === 'punct') {
      prevEnd = tok.end;
      continue;
    }
    if (!seenWord || (!tok.glued && text.slice(prevEnd, tok.start).includes('\n'))) tok.lineFirst = true;
    // "Caption: Dock workers…", "Update: Officials…": the word after a line's label starts a sentence.
    const colon = out[k - 1];
    const label = out[k - 2];
    if (colon?.text === ':' && label?.lineFirst && label.shape === 'cap') tok.lineFirst = true;
    seenWord = true;
    prevEnd = tok.end;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Pass 1.

const DATELINE_RE =
  /(?:^|\n)[ \t]*([A-Z][A-Z'.-]+(?:[ \t]+[A-Z][A-Z'.-]+){0,3})(?:,[ \t]*([A-Z][A-Za-z.'-]+(?:[ \t]+[A-Z][A-Za-z.'-]+){0,2}))?[ \t]*(?:\([A-Za-z][A-Za-z-]{1,15}\))?[ \t]*[-\u2010-\u2015\u2212]{1,2}[ \t]/dg;
const DATELINE_NOT_PLACE = new Set([
  'breaking',
  'update',
  'updated',
  'exclusive',
  'analysis',
  'opinion',
  'watch',
  'live',
  'editorial',
  'correction',
]);
const PLACE_SUFFIX_RE = /(?:grad|burg|bourg|ville|polis|stadt|abad|pur)$/;
const COUNTRY_SUFFIX_RE = /(?:stan)$/;
const DEMONYM_SHAPE_RE = /(?:ian|ean|an|ese|ish|i)$/;
/** Lower-case title heads too ambiguous to cue a name ("in general", "a major city"). */
const LOWER_TITLE_AMBIGUOUS = new Set([
  'general',
  'major',
  'private',
  'chief',
  'executive',
  'leader',
  'speaker',
  'coach',
  'justice',
  'lady',
  'lord',
  'king',
  'queen',
  'prince',
  'princess',
  'director',
  'elect',
  'vice',
  'm',
  'miss',
  'sen',
  'rep',
  'lt',
  'col',
  'maj',
  'gen',
  'capt',
  'sir',
  'dame',
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'mx',
  'mme',
  'mlle',
]);

/** Single capitalised words that name one national institution: "Parliament voted", "the Senate". */
const INSTITUTIONS: ReadonlySet<string> = new Set('parliament senate congress cabinet presidency judiciary'.split(' '));

/** Nouns after a bare country name used as an adjective: "his Estmark counterpart", "the Estmark regulator". */
const COUNTRY_NEXT: ReadonlySet<string> = new Set(
  'government counterpart regulator authorities parliament embassy economy army navy'.split(' '),
);

/** "shares in X", "a stake in X": X is a company, not a place. */
const HOLDING_NOUNS: ReadonlySet<string> = new Set(
  'shares share stake stakes investors investment investments holding holdings confidence'.split(' '),
);

/**
 * A demonym-shaped word before a noun it qualifies: "Valdorian troops", "his Kestrian counterpart",
 * "the Kestrian town of Lirovo" (a place noun followed by "of" names the place after it).
 */
function isDemonymBefore(words: number, nextLower: string, fold: string, afterNext: string): boolean {
  if (words !== 1 || nextLower === '' || !DEMONYM_SHAPE_RE.test(fold)) return false;
  return DEMONYM_NEXT.has(nextLower) || (PLACE_NEXT.has(nextLower) && afterNext === 'of');
}

/** Words after which a title word is a verb: "would judge Kestria", "to head the team". */
const VERB_BEFORE: ReadonlySet<string> = new Set(
  'to would will could should can cannot may might must shall did does do not never'.split(' '),
);

/** A stopword in capitals is still a name when it is a known acronym ("WHO"). */
const isStop = (t: Tok): boolean => STOPWORDS.has(t.fold) && !(t.shape === 'upper' && GAZ_ACRONYMS.has(t.text));

const isNameTok = (t: Tok | undefined): boolean =>
  t !== undefined && (t.shape === 'cap' || t.shape === 'upper') && !isStop(t);

/** Propose candidate mentions in one pass over the tokens. */
export function recognize(text: string, toks: readonly Tok[], sentences: readonly Sentence[]): Recognized {
  const candidates: Candidate[] = [];
  const roles: RoleCandidate[] = [];
  const titleCase = titleCaseSentences(toks, sentences.length);
  const covered = datelines(text, toks, candidates, titleCase);
  let cue: TitleCue | undefined;

  /** Same sentence and no line break between `a` and the token after it. */
  const joined = (a: number): boolean => {
    const x = toks[a];
    const y = toks[a + 1];
    if (!x || !y || x.sent !== y.sent || x.poss) return false;
    if (y.start === x.end) return true;
    return !text.slice(x.end, y.start).includes('\n');
  };

  /** Title (modifiers… head [.]) starting at `p`, within `limit`: returns its end index or -1. */
  const titleAt = (p: number, limit: number, lower: boolean): number => {
    let q = p;
    let end = -1;
    while (q < limit) {
      const t = toks[q] as Tok;
      if (t.shape === 'punct' || t.shape === 'num') break;
      if (lower && t.shape !== 'lower') break;
      const parts = t.fold.split(' ');
      if (!parts.every((w) => TITLE_HEADS.has(w) || TITLE_MODIFIERS.has(w))) break;
      const head = parts[parts.length - 1] as string;
      if (TITLE_HEADS.has(head) && !(lower && LOWER_TITLE_AMBIGUOUS.has(head))) {
        end = q + 1;
        if (TITLE_ABBREVIATIONS.has(head) && toks[q + 1]?.text === '.' && joined(q)) {
          // "Maj. Gen. Pavel Ostrik": an abbreviated title may be followed by another one.
          end = q + 2;
          if (!joined(q + 1)) break;
          q += 2;
          continue;
        }
      }
      if (!joined(q)) break;
      q++;
    }
    return end;
  };

  const cueFrom = (p: number, end: number): TitleCue => {
    const first = toks[p] as Tok;
    const lastWord = toks[toks[end - 1]?.text === '.' ? end - 2 : end - 1] as Tok;
    const key = toks
      .slice(p, end)
      .filter((t) => t.shape !== 'punct')
      .map((t) => t.fold)
      .join(' ');
    const head = lastWord.fold.split(' ').pop() as string;
    const tEnd = (toks[end - 1] as Tok).end;
    return {
      text: text.slice(first.start, tEnd),
      start: first.start,
      end: tEnd,
      key,
      head,
      honorific: HONORIFICS.has(head),
    };
  };

  const gazAt = (p: number, limit: number): { hit: GazHit; len: number } | undefined => {
    const t = toks[p] as Tok;
    if (t.shape === 'upper' || t.shape === 'initial') {
      const hit = GAZ_ACRONYMS.get(t.text);
      if (hit) return { hit, len: 1 };
    }
    if (t.shape !== 'cap') return undefined;
    const firstWord = t.fold.split(' ')[0] as string;
    const max = GAZ_FIRST.get(firstWord);
    if (max === undefined) return undefined;
    let key = '';
    let best: { hit: GazHit; len: number } | undefined;
    let words = 0;
    for (let q = p; q < limit && words < max; q++) {
      const u = toks[q] as Tok;
      if (u.shape === 'punct' || u.shape === 'num') break;
      if (
        q > p &&
        u.shape === 'lower' &&
        u.fold !== 'of' &&
        u.fold !== 'the' &&
        u.fold !== 'without' &&
        u.fold !== 'sans'
      )
        break;
      key = key ? `${key} ${u.fold}` : u.fold;
      words += u.fold.split(' ').length;
      const hit = u.shape !== 'lower' ? GAZ.get(key) : undefined;
      if (hit) best = { hit, len: q - p + 1 };
      if (!joined(q)) break;
    }
    return best;
  };

  const emitGaz = (p: number, len: number, hit: GazHit) => {
    const first = toks[p] as Tok;
    const last = toks[p + len - 1] as Tok;
    const next = toks[p + len];
    let fixed = { entityId: hit.entityId, name: hit.name };
    let type = hit.type;
    let rule = hit.demonym ? 'entities/gazetteer-demonym' : 'entities/gazetteer';
    if (hit.capitalOf && next && next.shape === 'lower' && ACTOR_VERBS.has(next.fold)) {
      const country = countryHit(hit.capitalOf);
      if (country) {
        fixed = { entityId: country.entityId, name: country.name };
        type = 'country';
        rule = 'entities/capital-as-actor';
      }
    }
    candidates.push({
      start: first.start,
      end: last.end,
      text: text.slice(first.start, last.end),
      key: keyOf(p, p + len),
      words: len,
      firstKey: first.fold,
      lastKey: last.fold,
      type,
      strength: 10,
      rule,
      lineFirst: first.lineFirst,
      titleCase: titleCase[first.sent] === true,
      fixed,
    });
  };

  /** Classify tokens [a, b) by their own words and their neighbours, and push the candidate. */
  const emitSegment = (a: number, b: number, title: TitleCue | undefined) => {
    while (b > a && (toks[b - 1] as Tok).shape !== 'cap' && (toks[b - 1] as Tok).shape !== 'upper') b--;
    if (b <= a) return;
    const first = toks[a] as Tok;
    const last = toks[b - 1] as Tok;
    const span = text.slice(first.start, last.end);
    let words = 0;
    let hasUpper = false;
    for (let q = a; q < b; q++) {
      const t = toks[q] as Tok;
      if (t.shape === 'cap' || t.shape === 'upper' || t.shape === 'initial') words++;
      if (t.shape === 'upper') hasUpper = true;
    }
    const prev1 = wordBefore(a, 1);
    const prev2 = wordBefore(a, 2);
    const next = toks[b];
    // Not `joined`: that stops at a possessive, and "Valdoria's government" needs the next word.
    const nextLower =
      next && next.shape === 'lower' && next.sent === last.sent && !text.slice(last.end, next.start).includes('\n')
        ? next.fold
        : '';
    const hasOf = span.includes(' of ');
    // The word before "of" inside the run: "Valdorian Chamber of Commerce" → "chamber".
    let ofHead = '';
    for (let q = a + 1; hasOf && q < b; q++) if ((toks[q] as Tok).fold === 'of') ofHead = (toks[q - 1] as Tok).fold;
    const c: Candidate = {
      start: first.start,
      end: last.end,
      text: span,
      key: keyOf(a, b),
      words,
      firstKey: first.fold,
      lastKey: last.fold,
      type: null,
      strength: 0,
      rule: 'entities/capitalised',
      lineFirst: first.lineFirst,
      titleCase: titleCase[first.sent] === true,
    };
    const set = (type: EntityType, strength: number, rule: string) => {
      c.type = type;
      c.strength = strength;
      c.rule = rule;
    };
    const prep = prev1 === 'the' ? prev2 : prev1;
    if (title) {
      set('person', title.honorific ? 6 : 5, title.honorific ? 'entities/honorific' : 'entities/title-cue');
      c.title = title;
    } else if (words >= 2 && ORG_HEADS.has(last.fold)) set('organization', 5, 'entities/org-cue');
    else if (hasOf && (ORG_HEADS.has(first.fold) || ORG_HEADS.has(ofHead))) set('organization', 5, 'entities/org-cue');
    // The run only holds "for" after an organisation head ("Office for Personal Data Protection").
    else if (span.includes(' for ')) set('organization', 5, 'entities/org-cue');
    else if (words >= 2 && (COUNTRY_HEADS.has(last.fold) || (hasOf && COUNTRY_HEADS.has(first.fold))))
      set('country', 5, 'entities/country-cue');
    else if (
      words >= 2 &&
      (PLACE_HEADS.has(last.fold) || PLACE_PREFIXES.has(first.fold) || (hasOf && OF_HEADS.has(first.fold)))
    )
      set('place', 5, 'entities/place-cue');
    else if (words === 1 && INSTITUTIONS.has(last.fold)) set('organization', 4, 'entities/org-cue');
    else if (isDemonymBefore(words, nextLower, last.fold, nextLower ? (toks[b + 1]?.fold ?? '') : '')) {
      // "the Valdorian border": a demonym, not a place called "Valdorian".
      set('other', 3, 'entities/demonym');
      c.demonym = true;
    } else if (words === 1 && COUNTRY_NEXT.has(nextLower)) set('country', 3, 'entities/country-context');
    else if (nextLower && PLACE_NEXT.has(nextLower)) set('place', 4, 'entities/place-cue');
    else if (prev1 === 'of' && COUNTRY_OF_WORDS.has(prev2)) set('country', 4, 'entities/country-context');
    else if (prev1 === 'of' && PLACE_OF_WORDS.has(prev2)) set('place', 4, 'entities/place-context');
    // Stronger than a place preposition: a country is a place, "X's central bank" says which kind.
    else if (last.poss && nextLower && COUNTRY_POSSESSED.has(nextLower)) set('country', 4, 'entities/country-context');
    else if (prev1 === 'in' && HOLDING_NOUNS.has(prev2)) set('organization', 3, 'entities/org-context');
    // "a stand-off with neighbouring Kestria": only countries and regions are neighbouring.
    else if (words === 1 && (prev1 === 'neighbouring' || prev1 === 'neighboring'))
      set('country', 3, 'entities/country-context');
    else if (PLACE_PREPOSITIONS.has(prep)) set('place', 3, 'entities/place-preposition');
    else if (words === 1 && COUNTRY_SUFFIX_RE.test(last.fold)) set('country', 2, 'entities/country-suffix');
    else if (words === 1 && PLACE_SUFFIX_RE.test(last.fold)) set('place', 2, 'entities/place-suffix');
    else if (words === 1 && WEAK_PLACE_PREPOSITIONS.has(prep)) set('place', 1, 'entities/place-preposition');
    if (hasUpper && words === 1 && c.type === null) c.acronym = true;
    if (hasUpper && words === 1 && c.type === 'place' && c.strength < 4) {
      c.type = null;
      c.acronym = true;
    }
    // "Kestrel Defence Forces (KDF)": the acronym names the same thing.
    if (toks[b]?.text === '(' && toks[b + 1]?.shape === 'upper' && toks[b + 2]?.text === ')') {
      c.definesAcronym = (toks[b + 1] as Tok).text;
    }
    candidates.push(c);
  };

  /** Folded key of tokens [a, b): word folds joined by one space, as `foldKey` would give. */
  const keyOf = (a: number, b: number): string => {
    let key = '';
    for (let q = a; q < b; q++) {
      const t = toks[q] as Tok;
      if (t.shape === 'punct') continue;
      key = key ? `${key} ${t.fold}` : t.fold;
    }
    return key;
  };

  const wordBefore = (a: number, n: number): string => {
    let q = a - 1;
    let seen = 0;
    while (q >= 0) {
      const t = toks[q] as Tok;
      if (t.shape === 'punct' || t.sent !== (toks[a] as Tok).sent) return '';
      seen++;
      if (seen === n) return t.fold;
      q--;
    }
    return '';
  };

  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as Tok;
    if (covered.has(i)) continue;
    if (t.shape === 'lower') {
      // A lower-case title right before a name: "said foreign minister Tomasz Wrenik".
      // Not after a modal or "to": "would judge Kestria", "to head Valdoria's team" are verbs.
      if ((TITLE_HEADS.has(t.fold) || TITLE_MODIFIERS.has(t.fold)) && !VERB_BEFORE.has(wordBefore(i, 1))) {
        const end = titleAt(i, toks.length, true);
        if (end > 0) {
          const after = toks[end];
          const title = cueFrom(i, end);
          if (isNameTok(after) && joined(end - 1)) cue = title;
          else if (!title.honorific && wordBefore(i, 1) === 'the') roles.push(roleOf(title));
          i = end - 1;
          continue;
        }
      }
      cue = undefined;
      continue;
    }
    if (t.shape !== 'cap' && t.shape !== 'upper' && t.shape !== 'initial') {
      cue = undefined;
      continue;
    }
    if (t.shape === 'initial' && !(toks[i + 1]?.text === '.' && isNameTok(toks[i + 2]))) {
      const acronymHit = GAZ_ACRONYMS.get(t.text);
      if (acronymHit) emitGaz(i, 1, acronymHit);
      cue = undefined;
      continue;
    }
    if (t.shape !== 'initial' && isStop(t)) {
      cue = undefined;
      continue;
    }
    const pendingCue = cue;
    cue = undefined;

    // A known multi-word name wins outright, even across words a name run would stop at
    // ("Doctors Without Borders").
    const multi = pendingCue ? undefined : gazAt(i, toks.length);
    if (multi && multi.len >= 2) {
      emitGaz(i, multi.len, multi.hit);
      i += multi.len - 1;
      continue;
    }

    const j = runEnd(i);
    const lastFold = (toks[j - 1] as Tok).fold;
    const runWords = j - i;
    // A run ending on an organisation/place/country head is one name as a whole
    // ("Valdorian Foreign Ministry", "Canada Revenue Agency"), unless a title leads it.
    const headed =
      runWords >= 2 &&
      !pendingCue &&
      (ORG_HEADS.has(lastFold) || COUNTRY_HEADS.has(lastFold) || PLACE_HEADS.has(lastFold)) &&
      titleAt(i, j, false) < 0;
    if (headed) {
      emitSegment(i, j, undefined);
      i = j - 1;
      continue;
    }

    // Segment the run: gazetteer names, titles and the names they introduce.
    let p = i;
    let pending = -1;
    let title = pendingCue;
    const flush = (to: number) => {
      if (pending >= 0) emitSegment(pending, to, undefined);
      pending = -1;
    };
    if (title) {
      // "spokesperson Colonel Ilse Marovna": a capitalised title right after a lower-case one.
      const capEnd = titleAt(p, j, false);
      emitSegment(capEnd > 0 && capEnd < j ? capEnd : p, j, title);
      i = j - 1;
      continue;
    }
    // "the aircraft carrier Admiral Kuznetsov", "the tanker Maria Lenz": a ship named after a person.
    if (VESSEL_NOUNS.has(wordBefore(p, 1))) {
      pushVessel(p, j);
      i = j - 1;
      continue;
    }
    while (p < j) {
      const u = toks[p] as Tok;
      if (u.shape === 'upper' && VESSEL_PREFIXES.has(u.text) && p + 1 < j) {
        flush(p);
        pushVessel(p, j);
        p = j;
        break;
      }
      const tEnd = u.shape === 'cap' ? titleAt(p, j, false) : -1;
      if (tEnd > 0) {
        flush(p);
        title = cueFrom(p, tEnd);
        if (tEnd < j) {
          emitSegment(tEnd, j, title);
        } else if (!title.honorific && wordBefore(p, 1) === 'the') {
          roles.push(roleOf(title));
        }
        p = j;
        break;
      }
      const g = pending < 0 || u.shape !== 'initial' ? gazAt(p, j) : undefined;
      if (g) {
        flush(p);
        emitGaz(p, g.len, g.hit);
        p += g.len;
        continue;
      }
      if (pending < 0) pending = p;
      p++;
    }
    flush(j);
    i = j - 1;
  }

  function pushVessel(p: number, j: number) {
    const first = toks[p] as Tok;
    const last = toks[j - 1] as Tok;
    const span = text.slice(first.start, last.end);
    candidates.push({
      start: first.start,
      end: last.end,
      text: span,
      key: keyOf(p, j),
      words: j - p,
      firstKey: first.fold,
      lastKey: last.fold,
      type: 'other',
      strength: 6,
      rule: 'entities/vessel',
      lineFirst: first.lineFirst,
      titleCase: false,
    });
  }

  /** End (exclusive) of the capitalised run starting at `i`. */
  function runEnd(i: number): number {
    let j = i;
    let lastName = i;
    while (j < toks.length) {
      const u = toks[j] as Tok;
      if (j > i && !joined(j - 1)) break;
      if (isNameTok(u)) {
        lastName = j;
        j++;
        if (u.poss) break;
        continue;
      }
      const next = toks[j + 1];
      if (u.shape === 'initial' && next?.text === '.' && isNameTok(toks[j + 2])) {
        j += 2;
        continue;
      }
      if (u.text === '.' && j > i) {
        const prev = toks[j - 1] as Tok;
        if ((TITLE_ABBREVIATIONS.has(prev.fold) || prev.fold === 'st') && isNameTok(next)) {
          j++;
          continue;
        }
        break;
      }
      if (j > i && u.shape === 'lower') {
        const prev = toks[j - 1] as Tok;
        if (
          NAME_PARTICLES.has(u.fold) &&
          (isNameTok(next) || (next && NAME_PARTICLES.has(next.fold) && isNameTok(toks[j + 2])))
        ) {
          j++;
          continue;
        }
        // "Bank of Valdoria"; "Office for Personal Data Protection" (only after organisation heads).
        if ((u.fold === 'of' && OF_HEADS.has(prev.fold)) || (u.fold === 'for' && ORG_HEADS.has(prev.fold))) {
          if (isNameTok(next)) {
            j++;
            continue;
          }
          if (next?.fold === 'the' && isNameTok(toks[j + 2])) {
            j += 2;
            continue;
          }
        }
      }
      if (u.text === '&' && j > i && isNameTok(next)) {
        j++;
        continue;
      }
      break;
    }
    return lastName + 1;
  }

  return { candidates, roles };
}

function roleOf(title: TitleCue): RoleCandidate {
  return { start: title.start, end: title.end, text: title.text, key: title.key, head: title.head };
}

/**
 * Sentences written in title case (headlines, menus): three or more capitalised words and no
 * lower-case word longer than three letters ("of", "the", "in" stay lower in titles).
 */
function titleCaseSentences(toks: readonly Tok[], count: number): boolean[] {
  const caps = new Array<number>(count + 1).fill(0);
  const lower = new Array<number>(count + 1).fill(0);
  for (const t of toks) {
    if (t.shape === 'lower') {
      if (t.text.length > 3) lower[t.sent] = (lower[t.sent] ?? 0) + 1;
    } else if (t.shape === 'cap' || t.shape === 'upper') caps[t.sent] = (caps[t.sent] ?? 0) + 1;
  }
  return caps.map((c, s) => c >= 3 && lower[s] === 0);
}

/** Datelines ("MERIDA CITY (AP) —"): the place is pushed and its tokens marked as covered. */
function datelines(text: string, toks: readonly Tok[], out: Candidate[], titleCase: boolean[]): Set<number> {
  const covered = new Set<number>();
  DATELINE_RE.lastIndex = 0;
  for (let m = DATELINE_RE.exec(text); m; m = DATELINE_RE.exec(text)) {
    const indices = m.indices;
    if (!indices) continue;
    for (const g of [1, 2]) {
      const range = indices[g];
      if (!range) continue;
      const [start, end] = range;
      const span = text.slice(start, end).replace(/[.]+$/, '');
      const key = foldKey(span);
      if (g === 1 && (DATELINE_NOT_PLACE.has(key) || STOPWORDS.has(key))) break;
      const hit = GAZ.get(key.replace(/^the /, '')) ?? GAZ_ACRONYMS.get(span);
      const first = toks.findIndex((t) => t.start >= start);
      out.push({
        start,
        end: start + span.length,
        text: span,
        key,
        words: span.split(/\s+/).length,
        firstKey: key.split(' ')[0] as string,
        lastKey: key.split(' ').pop() as string,
        type: hit?.type ?? 'place',
        strength: hit ? 10 : 5,
        rule: 'entities/dateline',
        lineFirst: true,
        titleCase: titleCase[toks[first]?.sent ?? 0] === true,
        shouting: g === 1,
        ...(hit ? { fixed: { entityId: hit.entityId, name: hit.name } } : {}),
      });
      for (let q = Math.max(first, 0); q < toks.length && (toks[q] as Tok).start < start + span.length; q++)
        covered.add(q);
    }
  }
  return covered;
}
