/**
 * Corpus-wide entity merge: one `CorpusEntity` per real-world entity, from the per-article
 * mentions, plus a remap of entity ids so callers can rewrite mentions, speakers and claimants.
 *
 * Ids are merged when, for the same type:
 * 1. their names fold to the same key (case, accents, punctuation: "José Marti" = "Jose Marti");
 * 2. their names share a transliteration skeleton (w/v, sz/s, ph/f, y/i, doubled letters:
 *    "Tomasz Wrenik" = "Tomas Vrenik");
 * 3. (people) an initial or a bare surname ("T. Wrenik", "Wrenik") points to exactly one full name
 *    with that surname and initial; ambiguous short forms ("J. Smith" with John and Jane) stay apart.
 *
 * Limits: no context model: two different people with the same name are merged.
 */
import type { CorpusArticle, CorpusEntity } from '../../core/corpus.js';
import type { EntityType } from '../../core/doc.js';
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
  [/sz/g, 's'],
  [/cz/g, 'ch'],
  [/ph/g, 'f'],
  [/ck/g, 'k'],
  [/w/g, 'v'],
  [/y/g, 'i'],
  [/([a-z])\1+/g, '$1'],
];

/** Transliteration-insensitive form of a folded name. */
export function nameSkeleton(name: string): string {
  let s = foldKey(name);
  for (const [re, to] of SKELETON_RULES) s = s.replace(re, to);
  return s;
}

function topType(types: Map<EntityType, number>): EntityType {
  let best: EntityType = 'other';
  let n = -1;
  for (const [t, c] of types) if (c > n || (c === n && t < best)) [best, n] = [t, c];
  return best;
}

/** Merge entity mentions across the corpus. `remap` maps every merged-away id to its canonical id. */
export function mergeEntities(articles: readonly CorpusArticle[]): {
  entities: CorpusEntity[];
  remap: Map<string, string>;
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
  const union = (x: string, y: string) => {
    const rx = find(x);
    const ry = find(y);
    if (rx === ry) return;
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
        if (seen) union(seen, id);
        else byKey.set(key, id);
      }
    }
  }

  // 3: people known by initial or surname only, when the full name they point to is unique.
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
    if (roots.size === 1) union(id, matches[0]?.id as string);
  }

  // Canonical id per group: most mentions, then smallest id.
  const groups = new Map<string, Stats[]>();
  for (const id of ids) {
    const root = find(id);
    const g = groups.get(root) ?? [];
    g.push(stats.get(id) as Stats);
    groups.set(root, g);
  }
  const entities: CorpusEntity[] = [];
  const remap = new Map<string, string>();
  for (const members of groups.values()) {
    const canonical = [...members].sort((x, y) => y.mentions - x.mentions || (x.id < y.id ? -1 : 1))[0] as Stats;
    const types = new Map<EntityType, number>();
    const names = new Map<string, number>();
    const surfaces = new Set<string>();
    const arts = new Set<string>();
    for (const m of members) {
      if (m.id !== canonical.id) remap.set(m.id, canonical.id);
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
  return { entities, remap };
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
