/**
 * Corpus-wide entity merge: one `CorpusEntity` per real-world entity, from the per-article
 * mentions, plus a remap of entity ids so callers can rewrite mentions, speakers and claimants.
 *
 * Ids are merged when, for the same type:
 * 1. their names fold to the same key (case, accents, punctuation: "José Marti" = "Jose Marti");
 * 2. their names share a transliteration skeleton (w/v, sz/s, ph/f, y/i, doubled letters,
 *    tch/tsch/sch/ch/sh, ou/u, -ow/-off/-ov: "Tomasz Wrenik" = "Tomas Vrenik",
 *    "Chostakovitch" = "Shostakovich"); hyphens count as spaces ("Park Ji-hoon" = "Park Ji Hoon");
 * 3. (people) spelling variants of a full name ("Marta Leclercq" / "Marta Leclerc", "Oskar
 *    Lindqvist" / "Oscar Lindquist", "Pieter" / "Peter Aalst", "Greta" / "Grete Holm"): same
 *    consonant key (`phoneticKey`), at most `MAX_NAME_EDITS` letter edits apart, never named
 *    side by side in one article (an article naming both treats them as two people), and seen
 *    with at least `MIN_SHARED_CONTEXT` other entities in common (same story, not a namesake);
 * 4. (people) an initial or a bare surname ("T. Wrenik", "Wrenik") points to exactly one full name
 *    with that surname and initial; ambiguous short forms ("J. Smith" with John and Jane) stay apart.
 * Titles before a name ("Gen.", "Colonel", "Mr") are ignored for all of these. A family name
 * shared by different given names is never enough ("Park Ji-hoon" and "Park Min-jung" stay apart).
 * `rules` says which of these (or a user merge) joined each merged id to its entity.
 *
 * Limits: no context model beyond shared entities: two different people with one name are
 * merged, and two variants never seen in a shared context stay apart.
 */
import type { CorpusArticle, CorpusEntity } from '../../core/corpus.js';
import type { Attribution, EntityType } from '../../core/doc.js';
import { foldKey } from '../../core/text.js';

interface Stats {
  id: string;
  types: Map<EntityType, number>;
  names: Map<string, number>;
  surfaces: Set<string>;
  articles: Set<string>;
  mentions: number;
}

const SKELETON_RULES: Array<[RegExp, string]> = [
  // French and German renderings of Russian names: tch/tsch/sch/ch/sh/zh are one sound class
  // (Tchaïkovski/Tschaikowski/Tchaikovsky, Chostakovitch/Schostakowitsch/Shostakovich), and
  // French ou, German -ow and -off endings stand for u and -ov.
  [/t?sch|tch|zh|sh|ch/g, '§'],
  [/ou/g, 'u'],
  [/(?:ow|off|ff)\b/g, 'ov'],
  [/sz/g, 's'],
  [/cz/g, 'ch'],
  [/ph/g, 'f'],
  [/ck/g, 'k'],
  [/w/g, 'v'],
  [/y/g, 'i'],
  [/([a-z])\1+/g, '$1'],
];

/** Titles and ranks written before a person's name; not part of the name. */
const TITLES = new Set(
  (
    'mr mrs ms miss mx dr prof professor sir dame lord lady gen general lt lieutenant maj major col colonel ' +
    'capt captain cmdr commander adm admiral sgt sergeant brig brigadier president vice prime minister ' +
    'governor mayor senator rep judge justice chancellor king queen prince princess pope rev reverend father ' +
    'sister brother sheikh st'
  ).split(' '),
);

/** A folded name without the titles before it ("gen pavel ostrik" → "pavel ostrik"). */
export function stripTitles(folded: string): string {
  const words = folded.split(' ');
  let i = 0;
  while (i < words.length - 1 && TITLES.has(words[i] as string)) i++;
  return words.slice(i).join(' ');
}

/** Transliteration-insensitive form of a folded name. */
export function nameSkeleton(name: string): string {
  let s = stripTitles(foldKey(name));
  for (const [re, to] of SKELETON_RULES) s = s.replace(re, to);
  return s;
}

/** Letter edits allowed between two spellings of one name (Leclercq/Leclerq: 1, Oskar Lindqvist/Oscar Lindquist: 2). */
export const MAX_NAME_EDITS = 2;
/** Other entities two spellings must share across their articles to be one person. */
export const MIN_SHARED_CONTEXT = 2;

const PHONETIC_RULES: Array<[RegExp, string]> = [
  [/sz/g, 's'],
  [/cz/g, 'c'],
  [/ph/g, 'f'],
  [/q[uv]/g, 'k'],
  [/[cqk]/g, 'k'],
  [/w/g, 'v'],
  [/x/g, 'ks'],
  [/y/g, 'i'],
];

/**
 * Consonant key of a person's name, to find spelling variants: each word keeps its first letter
 * and its consonants, with c/k/q, w/v and qu/qv folded and repeats collapsed
 * ("Marta Leclercq" = "Marta Leclerq" = "mrt lklrk", "Oskar Lindqvist" = "Oscar Lindquist").
 */
export function phoneticKey(name: string): string {
  return stripTitles(foldKey(name))
    .split(' ')
    .map((w) => {
      let s = w;
      for (const [re, to] of PHONETIC_RULES) s = s.replace(re, to);
      const rest = s.slice(1).replace(/[aeiouh]/g, '');
      return (s[0] ?? '') + rest;
    })
    .map((w) => w.replace(/([a-z])\1+/g, '$1'))
    .join(' ');
}

/** Levenshtein distance, stopping early above `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length] as number;
}

function topType(types: Map<EntityType, number>): EntityType {
  let best: EntityType = 'other';
  let n = -1;
  for (const [t, c] of types) if (c > n || (c === n && t < best)) [best, n] = [t, c];
  return best;
}

/**
 * Merge entity mentions across the corpus. `remap` maps every merged-away id to its canonical id.
 * `overrides` are user decisions: `from` → `to` forces a merge (and `from` is merged by nothing
 * else), `from` → null is a split (`from` is never merged into another id automatically).
 * The target of a user merge, or a split id, is preferred as its group's canonical id.
 * Overrides naming ids absent from `articles` are ignored.
 */
export function mergeEntities(
  articles: readonly CorpusArticle[],
  overrides: ReadonlyMap<string, string | null> = new Map(),
): {
  entities: CorpusEntity[];
  remap: Map<string, string>;
  /** Merged id → the rule that joined it ("entities/same-name", "entities/skeleton", …). */
  rules: Map<string, string>;
} {
  const stats = new Map<string, Stats>();
  for (const article of articles) {
    for (const m of article.entities) {
      let s = stats.get(m.entityId);
      if (!s) {
        s = {
          id: m.entityId,
          types: new Map(),
          names: new Map(),
          surfaces: new Set(),
          articles: new Set(),
          mentions: 0,
        };
        stats.set(m.entityId, s);
      }
      s.types.set(m.type, (s.types.get(m.type) ?? 0) + 1);
      s.names.set(m.name, (s.names.get(m.name) ?? 0) + 1);
      s.surfaces.add(m.text);
      s.articles.add(article.id);
      s.mentions++;
    }
  }

  const ids = [...stats.keys()].sort();
  const parent = new Map(ids.map((id) => [id, id]));
  const find = (id: string): string => {
    let r = id;
    while (parent.get(r) !== r) r = parent.get(r) as string;
    parent.set(id, r);
    return r;
  };
  // Ids the user placed (merged or split) take part in no automatic merge.
  const pinned = new Set([...overrides.keys()].filter((id) => stats.has(id)));
  // Every union edge, with its rule: each merged id takes the rule of its first edge.
  const edgeRule = new Map<string, string>();
  const union = (x: string, y: string, rule: string, user = false) => {
    if (!user && (pinned.has(x) || pinned.has(y))) return;
    const rx = find(x);
    const ry = find(y);
    if (rx === ry) return;
    if (!edgeRule.has(x)) edgeRule.set(x, rule);
    if (!edgeRule.has(y)) edgeRule.set(y, rule);
    // The smaller id becomes the root (string order, so results do not depend on input order).
    if (rx < ry) parent.set(ry, rx);
    else parent.set(rx, ry);
  };

  // 1 + 2: same folded name or same skeleton, same type.
  const byKey = new Map<string, string>();
  for (const id of ids) {
    const s = stats.get(id) as Stats;
    const type = topType(s.types);
    for (const name of s.names.keys()) {
      for (const key of [`f|${type}|${foldKey(name)}`, type === 'other' ? null : `s|${type}|${nameSkeleton(name)}`]) {
        if (key === null) continue;
        const seen = byKey.get(key);
        if (seen) union(seen, id, key.startsWith('f|') ? 'entities/same-name' : 'entities/skeleton');
        else byKey.set(key, id);
      }
    }
  }

  // 3: spelling variants of a full person name (see the file comment).
  const entitiesOf = new Map<string, Set<string>>();
  for (const article of articles) entitiesOf.set(article.id, new Set(article.entities.map((m) => m.entityId)));
  const blocks = new Map<string, Array<{ id: string; name: string }>>();
  for (const id of ids) {
    const s = stats.get(id) as Stats;
    if (topType(s.types) !== 'person') continue;
    for (const name of s.names.keys()) {
      const key = phoneticKey(name);
      if (!key.includes(' ')) continue; // full names only
      const list = blocks.get(key) ?? [];
      list.push({ id, name });
      blocks.set(key, list);
    }
  }
  for (const members of blocks.values()) {
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const x = members[i] as { id: string; name: string };
        const y = members[j] as { id: string; name: string };
        if (find(x.id) === find(y.id)) continue;
        const fx = stripTitles(foldKey(x.name));
        const fy = stripTitles(foldKey(y.name));
        if (editDistance(fx, fy, MAX_NAME_EDITS) > MAX_NAME_EDITS) continue;
        if (isSameStory(stats.get(x.id) as Stats, stats.get(y.id) as Stats, entitiesOf)) {
          union(x.id, y.id, 'entities/spelling-variant');
        }
      }
    }
  }

  // 4: people known by initial or surname only, when the full name they point to is unique.
  const full = new Map<string, Array<{ first: string; id: string }>>(); // surname skeleton → full names
  const short: Array<{ surname: string; initial: string | null; id: string }> = [];
  for (const id of ids) {
    const s = stats.get(id) as Stats;
    if (topType(s.types) !== 'person') continue;
    for (const name of s.names.keys()) {
      const parts = nameSkeleton(name).split(' ').filter(Boolean);
      const surname = parts[parts.length - 1];
      if (!surname) continue;
      const first = parts.length > 1 ? (parts[0] as string) : null;
      if (first && first.length > 1) {
        const list = full.get(surname) ?? [];
        list.push({ first, id });
        full.set(surname, list);
      } else short.push({ surname, initial: first, id });
    }
  }
  for (const { surname, initial, id } of short) {
    const matches = (full.get(surname) ?? []).filter((f) => initial === null || f.first.startsWith(initial));
    const roots = new Set(matches.map((f) => find(f.id)));
    if (roots.size === 1) union(id, matches[0]?.id as string, 'entities/short-name');
  }

  // User merges, after the automatic ones (a target may itself be merged further).
  const preferred = new Set<string>();
  for (const [from, to] of overrides) {
    if (!stats.has(from)) continue;
    if (to === null) preferred.add(from);
    else if (stats.has(to) && to !== from) {
      union(from, to, 'entities/user-merge', true);
      preferred.add(to);
    }
  }

  // Canonical id per group: a user merge target or split id, then most mentions, then smallest id.
  const groups = new Map<string, Stats[]>();
  for (const id of ids) {
    const root = find(id);
    const g = groups.get(root) ?? [];
    g.push(stats.get(id) as Stats);
    groups.set(root, g);
  }
  const entities: CorpusEntity[] = [];
  const remap = new Map<string, string>();
  const rules = new Map<string, string>();
  for (const members of groups.values()) {
    const rank = (m: Stats) => (preferred.has(m.id) ? 1 : 0);
    const canonical = [...members].sort(
      (x, y) => rank(y) - rank(x) || y.mentions - x.mentions || (x.id < y.id ? -1 : 1),
    )[0] as Stats;
    const types = new Map<EntityType, number>();
    const names = new Map<string, number>();
    const surfaces = new Set<string>();
    const arts = new Set<string>();
    for (const m of members) {
      if (m.id !== canonical.id) {
        remap.set(m.id, canonical.id);
        rules.set(m.id, overrides.get(m.id) ? 'entities/user-merge' : (edgeRule.get(m.id) ?? 'entities/same-name'));
      }
      for (const [t, c] of m.types) types.set(t, (types.get(t) ?? 0) + c);
      for (const [n, c] of m.names) names.set(n, (names.get(n) ?? 0) + c);
      for (const t of m.surfaces) surfaces.add(t);
      for (const a of m.articles) arts.add(a);
    }
    entities.push({
      entityId: canonical.id,
      name: bestName(names),
      type: topType(types),
      aliases: [...surfaces].sort(),
      articles: arts.size,
    });
  }
  entities.sort((x, y) => y.articles - x.articles || (x.entityId < y.entityId ? -1 : 1));
  return { entities, remap, rules };
}

/**
 * Two ids never named in one article, whose articles share `MIN_SHARED_CONTEXT` other entities.
 */
function isSameStory(x: Stats, y: Stats, entitiesOf: ReadonlyMap<string, ReadonlySet<string>>): boolean {
  for (const a of x.articles) if (y.articles.has(a)) return false;
  const around = (s: Stats) => {
    const out = new Set<string>();
    for (const a of s.articles) for (const e of entitiesOf.get(a) ?? []) out.add(e);
    return out;
  };
  const ax = around(x);
  let shared = 0;
  for (const e of around(y)) {
    if (e === x.id || e === y.id || !ax.has(e)) continue;
    if (++shared >= MIN_SHARED_CONTEXT) return true;
  }
  return false;
}

/** Most frequent full form: multi-word names first, then count, then length, then alphabetical. */
function bestName(names: Map<string, number>): string {
  let best = '';
  let score: [number, number, number] = [-1, -1, -1];
  for (const [name, count] of names) {
    const words = name.trim().split(/\s+/);
    const fullForm = words.length > 1 && words.every((w) => w.replace(/\./g, '').length > 1) ? 1 : 0;
    const s: [number, number, number] = [fullForm, count, name.length];
    const better =
      s[0] !== score[0]
        ? s[0] > score[0]
        : s[1] !== score[1]
          ? s[1] > score[1]
          : s[2] !== score[2]
            ? s[2] > score[2]
            : name < best;
    if (better) [best, score] = [name, s];
  }
  return best;
}

/** Rewrite entity ids of mentions, speakers and claimants through the merge remap. */
export function remapArticle(article: CorpusArticle, remap: ReadonlyMap<string, string>): CorpusArticle {
  const attribution = (who: Attribution | null): Attribution | null => {
    const to = who?.entityId ? remap.get(who.entityId) : undefined;
    return who && to ? { ...who, entityId: to } : who;
  };
  return {
    ...article,
    entities: article.entities.map((m) => {
      const to = remap.get(m.entityId);
      return to ? { ...m, entityId: to } : m;
    }),
    quotes: article.quotes.map((q) => {
      const speaker = attribution(q.speaker);
      return speaker === q.speaker ? q : { ...q, speaker };
    }),
    claims: article.claims.map((c) => {
      const claimant = attribution(c.claimant);
      return claimant === c.claimant ? c : { ...c, claimant };
    }),
  };
}
