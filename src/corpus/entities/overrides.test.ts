import { describe, expect, it } from 'vitest';
import { sampleCorpus } from '../fixtures.js';
import { analyzeCorpus } from '../index.js';
import { mergeEntities } from './index.js';

describe('mergeEntities with user overrides', () => {
  it('keeps a split id its own entity', () => {
    const { entities, remap } = mergeEntities(sampleCorpus(), new Map([['person:tomas-vrenik', null]]));
    expect(remap.has('person:tomas-vrenik')).toBe(false);
    expect(entities.find((e) => e.entityId === 'person:tomas-vrenik')?.aliases).toContain('Tomas Vrenik');
    const wrenik = entities.find((e) => e.entityId === 'person:tomasz-wrenik');
    expect(wrenik?.aliases).not.toContain('Tomas Vrenik');
  });

  it('forces a merge and keeps its target canonical', () => {
    const { entities, remap } = mergeEntities(
      sampleCorpus(),
      new Map([['person:tomasz-wrenik', 'person:ilsa-brandt']]),
    );
    expect(remap.get('person:tomasz-wrenik')).toBe('person:ilsa-brandt');
    // A merged id takes part in no automatic merge: its former group stays behind.
    expect(remap.get('person:tomas-vrenik')).toBeUndefined();
    const brandt = entities.find((e) => e.entityId === 'person:ilsa-brandt');
    expect(brandt?.aliases).toEqual(expect.arrayContaining(['Tomasz Wrenik', 'Ilsa Brandt']));
    expect(entities.some((e) => e.entityId === 'person:tomasz-wrenik')).toBe(false);
  });

  it('moves a whole group when every member is merged', () => {
    const group = ['person:tomasz-wrenik', 'person:tomas-vrenik'];
    const { remap } = mergeEntities(sampleCorpus(), new Map(group.map((id) => [id, 'person:ilsa-brandt'])));
    for (const id of group) expect(remap.get(id)).toBe('person:ilsa-brandt');
  });

  it('ignores overrides naming unknown ids, and none changes nothing', () => {
    const plain = mergeEntities(sampleCorpus());
    const ignored = mergeEntities(
      sampleCorpus(),
      new Map<string, string | null>([
        ['person:nobody', null],
        ['person:ghost', 'person:tomasz-wrenik'],
        ['person:ilsa-brandt', 'person:ghost'],
      ]),
    );
    expect(ignored.remap).toEqual(plain.remap);
    expect(ignored.entities.map((e) => e.entityId).sort()).toEqual(plain.entities.map((e) => e.entityId).sort());
  });

  it('analyzeCorpus rewrites mentions through the user merge', () => {
    const corpus = analyzeCorpus(sampleCorpus(), new Map([['person:tomasz-wrenik', 'person:ilsa-brandt']]));
    expect(corpus.remap.get('person:tomasz-wrenik')).toBe('person:ilsa-brandt');
    expect(corpus.entities.some((e) => e.entityId === 'person:tomasz-wrenik')).toBe(false);
  });
});
