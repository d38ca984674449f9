import { describe, expect, it } from 'vitest';
import { buildArticle, sampleCorpus } from '../fixtures.js';
import { mergeEntities, nameSkeleton, phoneticKey } from './index.js';

describe('mergeEntities', () => {
  it('merges transliteration variants and bare surnames across articles', () => {
    const { entities, remap } = mergeEntities(sampleCorpus());
    const wrenik = entities.find((e) => e.entityId === 'person:tomasz-wrenik');
    expect(wrenik).toEqual({
      entityId: 'person:tomasz-wrenik',
      name: 'Tomasz Wrenik',
      type: 'person',
      aliases: ['Tomas Vrenik', 'Tomasz Wrenik', 'Vrenik'],
      articles: 5,
    });
    expect(remap.get('person:tomas-vrenik')).toBe('person:tomasz-wrenik');
    expect(entities.some((e) => e.entityId === 'person:tomas-vrenik')).toBe(false);
  });

  it('counts articles per entity and keeps ids with one mention set', () => {
    const { entities } = mergeEntities(sampleCorpus());
    expect(entities.find((e) => e.entityId === 'country:OST')?.articles).toBe(7);
    expect(entities.find((e) => e.entityId === 'person:ilsa-brandt')?.articles).toBe(2);
  });

  it('merges accent variants and initials that point to one person', () => {
    const a = buildArticle({
      id: 'x1',
      text: 'Mayor José Ortíz opened the bridge. Ortíz said it was overdue.',
      entities: [
        { text: 'José Ortíz', type: 'person' },
        { text: 'Ortíz', type: 'person', name: 'José Ortíz' },
      ],
    });
    const b = buildArticle({
      id: 'x2',
      text: 'Jose Ortiz, the mayor, cut the ribbon.',
      entities: [{ text: 'Jose Ortiz', type: 'person' }],
    });
    const c = buildArticle({
      id: 'x3',
      text: 'J. Ortiz declined to comment.',
      entities: [{ text: 'J. Ortiz', type: 'person' }],
    });
    const { entities, remap } = mergeEntities([a, b, c]);
    expect(entities).toHaveLength(1);
    expect(entities[0]).toMatchObject({ name: 'José Ortíz', articles: 3 });
    expect(remap.get('person:j-ortiz')).toBe(entities[0]?.entityId);
  });

  it('folds transliterations to one skeleton', () => {
    expect(nameSkeleton('Tomasz Wrenik')).toBe(nameSkeleton('Tomas Vrenik'));
  });

  /** Two articles of one story naming one person under two spellings, with shared context. */
  function variantPair(x: string, y: string, context = ['Port Calloway', 'Estmark']) {
    const ctx = context.map((text) => ({ text, type: 'place' as const }));
    return [
      buildArticle({
        id: 'v1',
        text: `${x} spoke in ${context.join(' and ')}.`,
        entities: [{ text: x, type: 'person' }, ...ctx],
      }),
      buildArticle({
        id: 'v2',
        text: `${y} spoke in ${context.join(' and ')} again.`,
        entities: [{ text: y, type: 'person' }, ...ctx],
      }),
    ];
  }

  it.each([
    ['Marta Leclercq', 'Marta Leclerc'],
    ['Marta Leclercq', 'Marta Leclerq'],
    ['Oskar Lindqvist', 'Oscar Lindquist'],
    ['Pieter Aalst', 'Peter Aalst'],
    ['Greta Holm', 'Grete Holm'],
    ['Gen. Pavel Ostrik', 'Pavel Ostrik'],
  ])('merges spelling variants of one person: %s / %s', (x, y) => {
    const { entities } = mergeEntities(variantPair(x, y));
    expect(entities.filter((e) => e.type === 'person')).toHaveLength(1);
  });

  it('builds one consonant key for spelling variants', () => {
    expect(phoneticKey('Oskar Lindqvist')).toBe(phoneticKey('Oscar Lindquist'));
    expect(phoneticKey('Marta Leclercq')).toBe(phoneticKey('Marta Leclerq'));
    expect(phoneticKey('Colonel Ilse Marovna')).toBe(phoneticKey('Ilse Marovna'));
  });

  describe('negative cases: spelling variants', () => {
    it('keeps two spellings apart when one article names both', () => {
      const a = buildArticle({
        id: 'n1',
        text: 'Jan Novak and his wife Jana Novak spoke in Port Calloway and Estmark.',
        entities: [
          { text: 'Jan Novak', type: 'person' },
          { text: 'Jana Novak', type: 'person' },
          { text: 'Port Calloway', type: 'place' },
          { text: 'Estmark', type: 'place' },
        ],
      });
      const [b, c] = variantPair('Jan Novak', 'Jana Novak');
      const { entities } = mergeEntities([a, b as typeof a, c as typeof a]);
      expect(entities.filter((e) => e.type === 'person')).toHaveLength(2);
    });

    it('keeps namesakes of different stories apart', () => {
      const [a] = variantPair('Greta Holm', 'x', ['Port Calloway', 'Estmark']);
      const [b] = variantPair('Grete Holm', 'x', ['Haldane', 'Aldmere']);
      const { entities } = mergeEntities([a as NonNullable<typeof a>, { ...(b as NonNullable<typeof b>), id: 'v3' }]);
      expect(entities.filter((e) => e.type === 'person')).toHaveLength(2);
    });

    it('keeps different people with similar first names apart', () => {
      const { entities } = mergeEntities(variantPair('Pavel Ostrik', 'Pavol Drienik'));
      expect(entities.filter((e) => e.type === 'person')).toHaveLength(2);
    });
  });

  describe('negative cases', () => {
    it('keeps an ambiguous initial apart from two different full names', () => {
      const arts = [
        buildArticle({ id: 'y1', text: 'John Smith spoke.', entities: [{ text: 'John Smith', type: 'person' }] }),
        buildArticle({ id: 'y2', text: 'Jane Smith spoke.', entities: [{ text: 'Jane Smith', type: 'person' }] }),
        buildArticle({ id: 'y3', text: 'J. Smith spoke.', entities: [{ text: 'J. Smith', type: 'person' }] }),
      ];
      const { entities, remap } = mergeEntities(arts);
      expect(entities).toHaveLength(3);
      expect(remap.size).toBe(0);
    });

    it('does not merge the same name across types', () => {
      const arts = [
        buildArticle({ id: 'z1', text: 'Jordan won.', entities: [{ text: 'Jordan', type: 'country' }] }),
        buildArticle({ id: 'z2', text: 'Jordan won.', entities: [{ text: 'Jordan', type: 'person' }] }),
      ];
      expect(mergeEntities(arts).entities).toHaveLength(2);
    });
  });
});
