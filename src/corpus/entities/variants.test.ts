import { describe, expect, it } from 'vitest';
import type { EntityType } from '../../core/doc.js';
import { buildArticle } from '../fixtures.js';
import { mergeEntities, nameSkeleton } from './index.js';

/** One article per name, each naming one person. */
function articlesNaming(names: string[], type: EntityType = 'person') {
  return names.map((name, i) =>
    buildArticle({ id: `n${i}`, text: `${name} spoke to reporters on Tuesday.`, entities: [{ text: name, type }] }),
  );
}

describe('mergeEntities: spellings of one name across articles', () => {
  it('merges hyphen, space and case variants of a Korean name, recording the rule', () => {
    const { entities, remap, rules } = mergeEntities(articlesNaming(['Park Ji-hoon', 'Park Ji Hoon', 'Park Ji-Hoon']));
    expect(entities).toHaveLength(1);
    expect(entities[0]?.aliases).toEqual(['Park Ji Hoon', 'Park Ji-Hoon', 'Park Ji-hoon']);
    for (const id of remap.keys()) expect(rules.get(id)).toBe('entities/same-name');
  });

  it('keeps different people who share a family name apart (Park, Kim)', () => {
    const { entities } = mergeEntities(
      articlesNaming(['Park Ji-hoon', 'Park Min-jung', 'Park', 'Kim Soo-yeon', 'Kim Dae-sung', 'Kim']),
    );
    const ids = entities.map((e) => e.entityId).sort();
    expect(ids).toEqual(
      expect.arrayContaining([
        'person:park-ji-hoon',
        'person:park-min-jung',
        'person:kim-soo-yeon',
        'person:kim-dae-sung',
      ]),
    );
  });

  it('merges French and German renderings of Russian names with the English one', () => {
    const { entities, rules } = mergeEntities(
      articlesNaming([
        'Piotr Tchaïkovski',
        'Pyotr Tchaikovsky',
        'Dmitri Chostakovitch',
        'Dmitri Shostakovich',
        'Dmitri Schostakowitsch',
      ]),
    );
    expect(entities.map((e) => e.name).sort()).toHaveLength(2);
    const shostakovich = entities.find((e) => e.aliases.includes('Dmitri Shostakovich'));
    expect(shostakovich?.aliases).toEqual(['Dmitri Chostakovitch', 'Dmitri Schostakowitsch', 'Dmitri Shostakovich']);
    expect([...rules.values()]).toContain('entities/skeleton');
  });

  it('does not fold unrelated names together', () => {
    expect(nameSkeleton('Ana Shaw')).not.toBe(nameSkeleton('Ana Show'));
    expect(nameSkeleton('Lena Morrow')).not.toBe(nameSkeleton('Lena Murrow'));
    const { entities } = mergeEntities(articlesNaming(['Lena Morrow', 'Lena Marlow']));
    expect(entities).toHaveLength(2);
  });

  it('records, for every merged id, the rule that joined it', () => {
    const articles = [
      ...articlesNaming(['Dmitri Chostakovitch', 'Dmitri Shostakovich', 'Lena Morrow', 'LENA MORROW', 'Ilsa Brandt']),
      buildArticle({
        id: 'short',
        text: 'Morrow spoke to reporters on Tuesday.',
        entities: [{ text: 'Morrow', type: 'person' }],
      }),
    ];
    const { remap, rules } = mergeEntities(articles, new Map([['person:ilsa-brandt', 'person:lena-morrow']]));
    expect([...rules.keys()].sort()).toEqual([...remap.keys()].sort());
    const byRule = new Map<string, string[]>();
    for (const [id, rule] of rules) byRule.set(rule, [...(byRule.get(rule) ?? []), id]);
    expect(byRule.get('entities/skeleton')).toHaveLength(1);
    expect(byRule.get('entities/short-name')).toEqual(['person:morrow']);
    expect(byRule.get('entities/user-merge')).toEqual(['person:ilsa-brandt']);
    expect(remap.get('person:ilsa-brandt')).toBe('person:lena-morrow');
  });

  it('records a user merge as such', () => {
    const { rules } = mergeEntities(
      articlesNaming(['Lena Morrow', 'Ilsa Brandt']),
      new Map([['person:ilsa-brandt', 'person:lena-morrow']]),
    );
    expect(rules.get('person:ilsa-brandt')).toBe('entities/user-merge');
  });
});
