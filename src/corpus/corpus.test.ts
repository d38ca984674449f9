import { describe, expect, it } from 'vitest';
import { buildArticle, sampleCorpus, syntheticCorpus } from './fixtures.js';
import * as corpusApi from './index.js';
import { analyzeCorpus, remapArticle } from './index.js';

describe('analyzeCorpus', () => {
  const corpus = sampleCorpus();
  const result = analyzeCorpus(corpus);

  it('runs every step', () => {
    expect(new Set(result.duplicates.map((d) => d.kind))).toEqual(new Set(['exact', 'near', 'syndicated']));
    expect(result.stories.map((s) => s.articles.length)).toEqual([1, 2, 6, 1]);
    expect(result.conflicts.map((c) => c.kind)).toEqual(['number', 'number', 'speaker']);
    // the four copies report "on Tuesday" (12 March): one timeline entry, tagged with the story
    const tuesday = result.timeline.filter((e) => e.date === '2024-03-12');
    expect(tuesday).toHaveLength(1);
    expect(tuesday[0]?.storyId).toBe('s_000000000001');
    expect(result.entities.find((e) => e.name === 'Tomasz Wrenik')?.articles).toBe(5);
  });

  it('dates the undated copy from its copies before clustering', () => {
    const border = result.stories.find((s) => s.storyId === 's_000000000001');
    // a_…003 is now dated (range 12–13 March), so it sorts with the dated copies
    expect(border?.articles.indexOf('a_000000000003')).toBeLessThan(border?.articles.indexOf('a_000000000006') ?? 0);
    expect(border?.independentSources).toBe(3);
  });

  it('does not mutate its input', () => {
    const before = JSON.stringify(corpus);
    analyzeCorpus(corpus);
    expect(JSON.stringify(corpus)).toBe(before);
  });

  it('does not depend on input order', () => {
    expect(analyzeCorpus([...corpus].reverse())).toEqual(result);
  });

  it('rewrites merged entity ids on mentions, speakers and claimants', () => {
    const a = buildArticle({
      id: 'r1',
      text: '"Hold the line," Tomas Vrenik said.',
      entities: [{ text: 'Tomas Vrenik', type: 'person' }],
      quotes: [{ text: '"Hold the line,"', speaker: 'Tomas Vrenik' }],
    });
    const out = remapArticle(a, new Map([['person:tomas-vrenik', 'person:tomasz-wrenik']]));
    expect(out.entities[0]?.entityId).toBe('person:tomasz-wrenik');
    expect(out.quotes[0]?.speaker).toEqual({ entityId: 'person:tomasz-wrenik', name: 'Tomas Vrenik' });
    expect(a.entities[0]?.entityId).toBe('person:tomas-vrenik');
  });

  it('handles an empty corpus', () => {
    expect(analyzeCorpus([])).toEqual({
      duplicates: [],
      stories: [],
      timeline: [],
      conflicts: [],
      entities: [],
      remap: new Map(),
      inferred: new Map(),
    });
  });
});

describe('public surface', () => {
  it('exports exactly these names', () => {
    expect(Object.keys(corpusApi).sort()).toEqual([
      'analyzeCorpus',
      'clusterStories',
      'copyGroups',
      'findConflicts',
      'findDuplicates',
      'inferFromCopies',
      'mergeEntities',
      'remapArticle',
    ]);
  });
});

describe('performance', () => {
  // CORPUS_BENCH=20000 runs the full-size check; the default keeps the suite fast on 2 cores.
  const n = Number(process.env.CORPUS_BENCH ?? 3000);
  it(`analyzes ${n} articles without an all-pairs loop`, () => {
    const corpus = syntheticCorpus(n);
    const t0 = performance.now();
    const result = analyzeCorpus(corpus);
    const ms = performance.now() - t0;
    expect(result.stories.length).toBeGreaterThan(n / 10);
    expect(result.duplicates.length).toBeGreaterThan(n / 20);
    // Linear budget: 2.5 ms per article (20 000 articles in 50 s at worst, on a busy machine).
    expect(ms).toBeLessThan(n * 2.5);
  });
});
