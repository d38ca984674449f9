/**
 * Pass 2 of the entities stage: article-level decisions over the candidates of `recognize.ts`.
 *
 * Order matters and is fixed:
 * 1. votes: each folded name takes the type of its strongest evidence anywhere in the article, so
 *    "Valdoria said" (no cue) is a country because "government of Valdoria" is;
 * 2. "Republic of X" aliases and demonyms ("Valdorian" → "Valdoria") add country votes — before
 *    typing, because they change the type of the base name;
 * 3. multi-word person names are typed before single words, because single words that are a known
 *    surname ("Morrow") become that person;
 * 4. acronyms defined in parentheses, then unknown single words (kept only when repeated);
 * 5. role references ("the foreign minister") last, once titled persons are known.
 */
import type { EntityMention, EntityType } from '../../core/doc.js';
import type { Draft } from '../../core/stage.js';
import { foldKey, slugify } from '../../core/text.js';
import { COUNTRY_HEADS } from './gazetteer.js';
import type { Candidate, Recognized } from './recognize.js';

type Mention = Draft<EntityMention>;

interface Vote {
  type: EntityType;
  strength: number;
}

interface Resolved {
  type: EntityType;
  entityId: string;
  name: string;
  rule: string;
  confidence: number;
}

const CONFIDENCE = [0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.9, 0.9, 0.9, 0.95];
const OF_ALIAS_RE = /^\S+\s+of\s+(?:the\s+)?(.+)$/;
const MAX_NAME_WORDS = 5;
const DEMONYM_SHAPE_RE = /(?:ian|ean|an|ese|ish|i)$/;

/** Turn candidates into entity mentions: one type per name, linked names, role references. */
/** Photo credits: "Photo: Getty Images", "(Photo by Lena Morrow/Daily Ledger)". */
const CREDIT_RE = /(?:Photo(?:graph)?s?|Image|Picture|Credit|Illustration)\s*(?:by\s|:)[^\n)\]|]*/gi;

/** Character ranges of photo credits and menu lines: names there are placeholders, not actors. */
function creditRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [...text.matchAll(CREDIT_RE)].map((m) => [
    m.index ?? 0,
    (m.index ?? 0) + m[0].length,
  ]);
  // Menu and header lines ("Daily Ledger | Home | World | Sport"): site furniture, not the story.
  for (const m of text.matchAll(MENU_LINE_RE)) ranges.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  return ranges;
}

/** A line of three or more short items separated by | • · or /. */
const MENU_LINE_RE = /^[^\S\n]*[^|•·\n]{1,40}(?:[^\S\n]*[|•·][^\S\n]*[^|•·\n]{1,40}){2,}$/gm;

export function resolve(rec: Recognized, text = ''): Mention[] {
  const credits = creditRanges(text);
  const cands = [...rec.candidates]
    .filter((c) => !credits.some(([a, b]) => c.start >= a && c.end <= b))
    .sort((a, b) => a.start - b.start);
  const votes = new Map<string, Vote>();
  const occurrences = new Map<string, { total: number; mid: number }>();
  const vote = (key: string, type: EntityType, strength: number) => {
    const v = votes.get(key);
    if (!v || strength > v.strength) votes.set(key, { type, strength });
  };
  for (const c of cands) {
    const o = occurrences.get(c.key) ?? { total: 0, mid: 0 };
    o.total++;
    if (!c.lineFirst) o.mid++;
    occurrences.set(c.key, o);
    if (c.type && !c.fixed && !c.demonym) vote(c.key, c.type, c.strength);
  }

  // 2. "Republic of Valdoria" → "Valdoria" names the same country.
  const aliasOf = new Map<string, string>();
  for (const c of cands) {
    if (c.fixed || !COUNTRY_HEADS.has(c.firstKey)) continue;
    if (votes.get(c.key)?.type !== 'country') continue;
    const m = OF_ALIAS_RE.exec(c.text);
    if (!m) continue;
    const alias = foldKey(m[1] as string);
    aliasOf.set(alias, c.key);
    vote(alias, 'country', 5);
  }
  // Demonyms of names present in the article: "Valdorian" → "Valdoria" is a country.
  const demonymBase = new Map<Candidate, string>();
  for (const c of cands) {
    // Also a weak place ("the Kestrian town of Lirovo", "in the Kestrian language") whose base is here.
    const weakPlace = c.type === 'place' && c.strength <= 4 && DEMONYM_SHAPE_RE.test(c.key);
    if (c.fixed || c.words !== 1 || !(c.demonym || c.type === null || weakPlace)) continue;
    for (const base of demonymBases(c.key)) {
      if (base === c.key || !occurrences.has(base)) continue;
      const t = votes.get(base)?.type;
      if (t === 'person' || t === 'organization') continue;
      vote(base, 'country', 4);
      demonymBase.set(c, base);
      break;
    }
  }

  // The statistical tagger's type for a name, where its span is exactly a candidate's; the
  // first tagged mention types every mention with the same key.
  const taggerType = new Map<string, EntityType>();
  for (const c of cands) {
    const t = rec.tagged?.get(`${c.start}:${c.end}`);
    if (t && !c.fixed && !taggerType.has(c.key)) taggerType.set(c.key, t);
  }

  // 3. Types, multi-word names first.
  const typed = new Map<Candidate, { type: EntityType; strength: number; rule: string }>();
  const shortName = new Map<Candidate, Candidate>();
  const persons: Candidate[] = [];
  for (const c of cands) {
    if (c.fixed || c.words < 2) continue;
    const v = votes.get(c.key);
    if (v) typed.set(c, { type: v.type, strength: v.strength, rule: c.type === v.type ? c.rule : 'entities/repeat' });
    else if (!c.titleCase && !c.acronym && c.words <= MAX_NAME_WORDS && isNameShaped(c)) {
      const tagged = taggerType.get(c.key);
      // Two capitalised words are a person only when they could be a given name and a surname:
      // "Western Bastion" (an exercise) or "Markets Close" (a newsletter) are named things.
      if (tagged && (tagged !== 'person' || couldBePersonName(c))) {
        typed.set(c, { type: tagged, strength: 2, rule: 'entities/tagger' });
      } else if (couldBePersonName(c)) typed.set(c, { type: 'person', strength: 1, rule: 'entities/name-shape' });
      else typed.set(c, { type: 'other', strength: 0, rule: 'entities/capitalised-name' });
    }
    const t = typed.get(c);
    if (t?.type === 'person') persons.push(c);
  }
  // A name listed with places is a place: "from Brenmouth, Sallow Ford and villages downstream".
  for (let k = 0; k < cands.length; k++) {
    const c = cands[k] as Candidate;
    const rule = typed.get(c)?.rule;
    if (rule !== 'entities/name-shape' && rule !== 'entities/tagger') continue;
    if (isListedWithPlace(text, cands, k, votes, typed)) {
      typed.set(c, { type: 'place', strength: 2, rule: 'entities/list-place' });
      if (persons.includes(c)) persons.splice(persons.indexOf(c), 1);
    }
  }
  const surnames = new Map<string, Candidate[]>();
  for (const p of persons) {
    const list = surnames.get(p.lastKey) ?? [];
    list.push(p);
    surnames.set(p.lastKey, list);
  }
  for (let k = 0; k < cands.length; k++) {
    const c = cands[k] as Candidate;
    if (c.fixed || c.words >= 2 || demonymBase.has(c)) continue;
    const v = votes.get(c.key);
    const isSurname = surnames.has(c.key);
    if (isSurname && (!v || v.strength <= 3 || v.type === 'person')) {
      typed.set(c, {
        type: 'person',
        strength: Math.max(v?.strength ?? 0, 4),
        rule: c.title ? c.rule : 'entities/surname',
      });
    } else if (v) {
      typed.set(c, { type: v.type, strength: v.strength, rule: c.type === v.type ? c.rule : 'entities/repeat' });
    } else if (!c.acronym && !c.titleCase && isListedWithPlace(text, cands, k, votes, typed)) {
      typed.set(c, { type: 'place', strength: 2, rule: 'entities/list-place' });
    } else if (!c.acronym && !c.titleCase && !c.lineFirst && taggerType.has(c.key)) {
      typed.set(c, { type: taggerType.get(c.key) as EntityType, strength: 2, rule: 'entities/tagger' });
    }
  }

  // A business's short name: "Quillon" after "Quillon Systems", "Valmont" after "Valmont Energy".
  const shortOrgs = new Map<string, Candidate>();
  for (const c of cands) {
    if (c.fixed || c.words !== 2 || !BUSINESS_HEADS.has(c.lastKey)) continue;
    if (typed.get(c)?.type === 'organization') shortOrgs.set(c.firstKey, c);
  }
  for (const c of cands) {
    if (c.fixed || c.words !== 1) continue;
    const org = shortOrgs.get(c.key);
    const t = typed.get(c);
    if (org && (!t || t.strength < 3 || t.type === 'organization')) {
      typed.set(c, { type: 'organization', strength: 4, rule: 'entities/short-name' });
      shortName.set(c, org);
    }
  }

  // 4. Acronyms defined in parentheses: "Kestrel Defence Forces (KDF)".
  const acronyms = new Map<string, Candidate>();
  for (const c of cands) {
    if (c.definesAcronym && (c.fixed || typed.has(c))) acronyms.set(c.definesAcronym, c);
  }

  // Names: persons take the fullest form of their name; other names their first readable surface.
  const personName = (c: Candidate): string => {
    // "M. Dubois" (Monsieur) after "Jean Dubois": the French honorific, not an initial.
    if (c.words === 2 && /^M\.\s/.test(c.text)) {
      const full = (surnames.get(c.lastKey) ?? []).filter((p) => p.firstKey !== 'm');
      if (new Set(full.map((p) => p.key)).size === 1) return personName(full[0] as Candidate);
    }
    if (c.words >= 2) {
      let best = c.text;
      for (const p of surnames.get(c.lastKey) ?? []) {
        if (p.firstKey === c.firstKey && p.text.length > best.length) best = p.text;
      }
      return clean(best);
    }
    const list = surnames.get(c.key);
    if (!list) return clean(c.text);
    let pick: Candidate | undefined;
    for (const p of list) {
      if (p.start < c.start) pick = p;
      else {
        pick ??= p;
        break;
      }
    }
    return pick ? personName(pick) : clean(c.text);
  };
  const surfaces = new Map<string, string>();
  for (const c of cands) {
    if (!c.shouting && !surfaces.has(c.key)) surfaces.set(c.key, clean(c.text));
  }
  const displayName = (key: string, c: Candidate): string => {
    const target = aliasOf.get(key) ?? key;
    return surfaces.get(target) ?? (c.shouting ? titleCase(clean(c.text)) : clean(c.text));
  };

  const slugs = new Map<string, string>();
  const slug = (name: string): string => {
    let s = slugs.get(name);
    if (s === undefined) {
      s = slugify(name);
      slugs.set(name, s);
    }
    return s;
  };
  const resolved = new Map<Candidate, Resolved>();
  for (const c of cands) {
    if (c.fixed) {
      resolved.set(c, { type: c.type ?? 'other', ...c.fixed, rule: c.rule, confidence: CONFIDENCE[c.strength] ?? 0.9 });
      continue;
    }
    let t = typed.get(c);
    const base = demonymBase.get(c);
    if (base) {
      const name = displayName(base, c);
      resolved.set(c, {
        type: 'country',
        entityId: `country:${slug(name)}`,
        name,
        rule: 'entities/demonym',
        confidence: 0.7,
      });
      continue;
    }
    if (!t && c.acronym) {
      const def = acronyms.get(c.text);
      const r = def ? resolved.get(def) : undefined;
      if (r) resolved.set(c, { ...r, rule: 'entities/acronym', confidence: 0.8 });
      continue;
    }
    if (!t) {
      // Capitalisation alone: only a word repeated mid-sentence somewhere is kept.
      const o = occurrences.get(c.key);
      if (c.titleCase || c.acronym || !o || o.total < 2 || o.mid < 1) continue;
      t = { type: 'other', strength: 0, rule: 'entities/repeated-capitalised' };
    }
    const confidence = t.rule === 'entities/name-shape' ? 0.5 : (CONFIDENCE[t.strength] ?? 0.9);
    const full = shortName.get(c);
    if (full) {
      const name = displayName(full.key, full);
      resolved.set(c, { type: 'organization', entityId: `organization:${slug(name)}`, name, rule: t.rule, confidence });
      continue;
    }
    if (t.type === 'person') {
      const name = personName(c);
      resolved.set(c, { type: 'person', entityId: `person:${slug(name)}`, name, rule: t.rule, confidence });
    } else {
      const name = displayName(c.key, c);
      resolved.set(c, { type: t.type, entityId: `${t.type}:${slug(name)}`, name, rule: t.rule, confidence });
    }
  }

  const out: Mention[] = [];
  for (const c of cands) {
    const r = resolved.get(c);
    if (!r) continue;
    out.push(mention(c.start, c.end, c.text, r));
  }

  // 5. Role references: a bare role naming exactly one titled person of the article.
  if (rec.roles.length > 0) {
    const byKey = new Map<string, Set<string>>();
    const byHead = new Map<string, Set<string>>();
    const firstAt = new Map<string, number>();
    const who = new Map<string, Resolved>();
    for (const c of cands) {
      const r = resolved.get(c);
      if (r?.type !== 'person' || !c.title || c.title.honorific) continue;
      add(byKey, c.title.key, r.entityId);
      add(byHead, c.title.head, r.entityId);
      if (!firstAt.has(c.title.key)) firstAt.set(c.title.key, c.start);
      if (!firstAt.has(c.title.head)) firstAt.set(c.title.head, c.start);
      who.set(r.entityId, r);
    }
    for (const role of rec.roles) {
      let ids = byKey.get(role.key) ?? (role.key === role.head ? byHead.get(role.head) : undefined);
      let since = firstAt.get(role.key) ?? firstAt.get(role.head);
      if (!ids) {
        // "the security adviser" after "National Security Adviser Lena Morrow": a shorter form of one title.
        const longer = [...byKey.keys()].filter((k) => k.endsWith(` ${role.key}`));
        const found = new Set(longer.flatMap((k) => [...(byKey.get(k) ?? [])]));
        if (found.size === 1) {
          ids = found;
          since = Math.min(...longer.map((k) => firstAt.get(k) ?? Number.POSITIVE_INFINITY));
        }
      }
      if (ids?.size !== 1 || since === undefined || since > role.start) continue;
      const r = who.get([...ids][0] as string) as Resolved;
      out.push(mention(role.start, role.end, role.text, { ...r, rule: 'entities/role-reference', confidence: 0.6 }));
    }
    out.sort((a, b) => a.start - b.start);
  }
  return out;
}

function mention(start: number, end: number, text: string, r: Resolved): Mention {
  return {
    kind: 'entity',
    start,
    end,
    text,
    type: r.type,
    entityId: r.entityId,
    name: r.name,
    prov: { rule: r.rule, confidence: r.confidence },
  };
}

function add(map: Map<string, Set<string>>, key: string, id: string): void {
  const set = map.get(key) ?? new Set<string>();
  set.add(id);
  map.set(key, set);
}

/** "Valdorian" → ["valdoria"], "Kestreli" → ["kestrel"], "Tarskese" → ["tarsk", "tarska"]. */
function demonymBases(key: string): string[] {
  if (key.endsWith('ese')) return [key.slice(0, -3), `${key.slice(0, -3)}a`];
  if (key.endsWith('ian')) return [key.slice(0, -1), key.slice(0, -3), `${key.slice(0, -3)}y`];
  if (key.endsWith('an')) return [key.slice(0, -1), key.slice(0, -2)];
  if (key.endsWith('ish')) return [key.slice(0, -3), `${key.slice(0, -3)}land`];
  if (key.endsWith('i')) return [key.slice(0, -1)];
  return [];
}

/**
 * First words that are no given name: directions and adjectives that start names of places,
 * events and organisations ("Western Bastion", "Upper Kell", "North Terminal", "United Port").
 */
const NOT_GIVEN_NAMES: ReadonlySet<string> = new Set(
  (
    'north south east west northern southern eastern western central upper lower new old great greater ' +
    'little grand royal national international global world united federal first second last next high ' +
    'low middle inner outer red black white green blue golden free democratic social people popular'
  ).split(' '),
);

/**
 * Last words that are no surname: the common nouns ending names of events, documents, plans and
 * chrome ("Operation Dawn" aside, "Geneva Conference", "Markets Close", "Data Protection").
 */
const NOT_SURNAMES: ReadonlySet<string> = new Set(
  (
    'protection data information plan project exercise exercises operation programme program strategy ' +
    'report index summit conference festival award prize day week act law bill treaty agreement deal ' +
    'accord initiative close open update live review forum talks games cup league championship'
  ).split(' '),
);

/** Last words of business names whose first word alone names the business too ("Quillon Systems"). */
const BUSINESS_HEADS: ReadonlySet<string> = new Set(
  (
    'systems energy security group capital markets holdings industries technologies motors labs media ' +
    'telecom petroleum mining airlines airways corp corporation inc ltd plc co company partners hydro'
  ).split(' '),
);

/** Before the last item of a list: " and ", ", and ", " or ". */
const LIST_AND_RE = /^,?\s+(?:and|or)\s+$/;
const LIST_AND_AFTER_RE = /^,?\s+(?:and|or)\s/;

/** Could the words be a given name and a surname? No first or last word that never is one. */
function couldBePersonName(c: Candidate): boolean {
  return !NOT_GIVEN_NAMES.has(c.firstKey) && !NOT_SURNAMES.has(c.lastKey);
}

/**
 * Candidate `k` continues a list that a place or country opens: "Brenmouth, Sallow Ford and …",
 * "Brenmouth and Sallow Ford". A lone ", " is no list: "The mayor of Port Calloway, Hilde Aas, said"
 * is an apposition, so a comma needs an "and"/"or" right after the candidate.
 */
function isListedWithPlace(
  text: string,
  cands: readonly Candidate[],
  k: number,
  votes: ReadonlyMap<string, Vote>,
  typed: ReadonlyMap<Candidate, Vote & { rule: string }>,
): boolean {
  const c = cands[k] as Candidate;
  const prev = cands[k - 1];
  if (!prev) return false;
  // The previous item is a place by its own evidence, or listed after one ("Calloway, Brennholm and Sandvik").
  const listed = typed.get(prev)?.rule === 'entities/list-place';
  const type = prev.fixed ? prev.type : listed ? 'place' : votes.get(prev.key)?.type;
  const strength = prev.fixed || listed ? 10 : (votes.get(prev.key)?.strength ?? 0);
  if (type !== 'place' && type !== 'country') return false;
  const gap = text.slice(prev.end, c.start);
  // "to Brennholm and Sandvik": the preposition covers both, so even its weak evidence carries over.
  if (LIST_AND_RE.test(gap)) return strength >= 1;
  return strength >= 3 && /^,\s*$/.test(gap) && LIST_AND_AFTER_RE.test(text.slice(c.end, c.end + 6));
}

/** Two to five capitalised words, no all-caps word, no connectors but name particles. */
function isNameShaped(c: Candidate): boolean {
  return !/\b(?:of|and|the)\b|&|\p{Lu}{2,}/u.test(c.text);
}

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function titleCase(text: string): string {
  return text.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}
