import { describe, expect, it } from 'vitest';
import { buildArticle, sampleCorpus, syntheticCorpus } from './fixtures.js';
import * as corpusApi from './index.js';
import { analyzeCorpus, remapArticle } from './index.js';
import { CorpusStream, streamOrder } from './stream.js';

describe('analyzeCorpus', () => {
  const corpus = sampleCorpus();
  const result = analyzeCorpus(corpus);

  it('runs every step', () => {
    expect(new Set(result.duplicates.map((d) => d.kind))).toEqual(new Set(['exact', 'near', 'syndicated']));
    expect(result.stories.map((s) => s.articles.length)).toEqual([1, 2, 6, 1]);
    expect(result.conflicts.map((c) => c.kind)).toEqual(['quantity', 'quantity', 'attribution']);
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
      quotes: [],
    });
  });
});

describe('public surface', () => {
  it('exports exactly these names', () => {
    expect(Object.keys(corpusApi).sort()).toEqual([
      'CorpusStream',
      'analyzeCorpus',
      'clusterStories',
      'copyGroups',
      'findConflicts',
      'findDuplicates',
      'findQuoteRecords',
      'inferFromCopies',
      'mergeEntities',
      'remapArticle',
      'streamOrder',
      'syndicationLineage',
    ]);
  });
});

describe('performance', () => {
  // CORPUS_BENCH=20000 runs the full-size check; the default keeps the suite fast on 2 cores.
  const n = Number(process.env.CORPUS_BENCH ?? 3000);
  it(`analyzes ${n} articles without an all-pairs loop`, () => {
    const corpus = syntheticCorpus(n);
    const result = analyzeCorpus(corpus);
    expect(result.stories.length).toBeGreaterThan(n / 10);
    expect(result.duplicates.length).toBeGreaterThan(n / 20);
    // Speed is measured by bench:scale, not here (a timed test fails on a busy machine).
  });
});

describe('CorpusStream (online, --corpus-only path)', () => {
  const LINES: Record<string, string[]> = {
    bridge: [
      'Engineers closed the old Kell bridge after divers found cracks in two of its stone piers.',
      'Lorries are being sent on a forty kilometre detour through the hills until the bridge reopens.',
      'The transport ministry said repairs to the bridge piers could take most of the summer.',
    ],
    ferry: [
      'Salvik ferry crews voted to strike over rosters, cancelling every crossing to the islands.',
      'Islanders queued at the harbour for the last boat before the ferry strike began at midnight.',
      'The ferry company offered refunds and said talks with the crews union would resume soon.',
    ],
    harbour: [
      'Harbour pilots in Orsund refused to guide tankers in after a collision near the breakwater.',
      'The harbour master said pilots would return once new radar had been fitted to the tower.',
      'Shipping firms warned that a long harbour stoppage would leave fuel depots short within weeks.',
    ],
  };
  const para = (topic: string, n: number) => (LINES[topic] as string[])[n - 1] as string;
  const article = (id: string, topic: string, day: number, extra = '') => ({
    id,
    title: `${topic} news: ${(LINES[topic] as string[])[0]?.split(' ').slice(0, 6).join(' ')}`,
    text: [para(topic, 1), para(topic, 2), para(topic, 3), extra].filter(Boolean).join('\n'),
    day,
    wire: [] as string[],
  });

  it('does not depend on the order of a batch once it is put in stream order', () => {
    const batch = [
      article('k3', 'bridge', 101),
      article('k1', 'bridge', 100),
      article('k2', 'ferry', 100, 'The ferry operator said tickets would be refunded to everyone who booked.'),
      article('k4', 'ferry', 101),
    ];
    const run = (items: typeof batch) => {
      const stream = new CorpusStream();
      return Object.fromEntries(streamOrder(items).map((a) => [a.id, stream.add(a).placement.storyId]));
    };
    const forward = run(batch);
    expect(run([...batch].reverse())).toEqual(forward);
    expect(forward.k1).toBe(forward.k3);
    expect(forward.k2).toBe(forward.k4);
    expect(forward.k1).not.toBe(forward.k2);
  });

  it('takes bad input without crashing: one word, an unknown script, an empty text', () => {
    const stream = new CorpusStream();
    for (const [id, text] of [
      ['w', 'Breaking'],
      ['glyphs', '𓀀𓀁𓀂 𓀃𓀄 𓀅𓀆𓀇𓀈\nꙮꙮ ᚠᚢᚦ ᚨᚱᚲ'],
      ['empty', ''],
    ] as const) {
      const r = stream.add({ id, title: null, text, day: null, wire: [] });
      expect(r.copy).toBeNull();
      expect(r.placement.storyId).toBe(`s_${id}`);
    }
  });

  it('folds 10 000 copies of one article into one copy group and one story, with bounded indexes', () => {
    const stream = new CorpusStream();
    const base = article('c0', 'harbour', 100);
    const stories = new Set<string>();
    const groups = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const r = stream.add({ ...base, id: `c${i}` });
      stories.add(r.placement.storyId);
      groups.add(r.group);
    }
    expect(stories).toEqual(new Set(['s_c0']));
    expect(groups).toEqual(new Set(['c0']));
    const story = stream.stories.liveStories()[0];
    expect(story?.sources).toBe(1);
    expect(story?.events).toHaveLength(1);
  });

  it('gives a story a title and a one-sentence extractive summary', () => {
    const stream = new CorpusStream();
    stream.add(article('t1', 'bridge', 100));
    const story = stream.stories.liveStories()[0];
    expect(story?.title).toBe('bridge news: Engineers closed the old Kell bridge');
    expect(story?.summary).toBe(para('bridge', 1));
  });
});
