import { describe, expect, it } from 'vitest';
import { StoryIndex, type StreamDoc } from './online.js';

function doc(id: string, text: string, day: number | null = 100, extra: Partial<StreamDoc> = {}): StreamDoc {
  const terms = new Map<string, number>();
  for (const t of text.toLowerCase().split(/\s+/)) if (t) terms.set(t, (terms.get(t) ?? 0) + 1);
  return { id, day, terms, label: text, ...extra };
}

const BRIDGE = [
  'bridge collapse kell river lorry driver missing',
  'kell river bridge collapse divers search missing driver',
  'bridge collapse inquiry kell river engineers warned',
  'kell bridge collapse driver found alive river bank',
];
const VOTE = [
  'salvik mayor election recount ordered ballots',
  'recount salvik mayor election ballots missing',
  'salvik election recount confirms mayor ballots',
];

describe('StoryIndex', () => {
  it('groups a stream into its stories, one arrival at a time', () => {
    const index = new StoryIndex({ entityWeight: 0 });
    const order = [BRIDGE[0], VOTE[0], BRIDGE[1], VOTE[1], BRIDGE[2], VOTE[2], BRIDGE[3]] as string[];
    const placed = order.map((t, i) => index.add(doc(`d${i}`, t)).storyId);
    const bridge = new Set([0, 2, 4, 6].map((i) => placed[i]));
    const vote = new Set([1, 3, 5].map((i) => placed[i]));
    expect(bridge.size).toBe(1);
    expect(vote.size).toBe(1);
    expect([...bridge][0]).not.toBe([...vote][0]);
    const story = index.liveStories().find((s) => s.storyId === placed[0]);
    expect(story?.documents).toEqual(['d0', 'd2', 'd4', 'd6']);
    expect(story?.title).toMatch(/bridge/);
  });

  it('keeps copies of one group in one story and counts them as one source', () => {
    const index = new StoryIndex({ entityWeight: 0 });
    index.add(doc('w1', BRIDGE[0] as string, 100, { group: 'g' }));
    // a copy re-headlined beyond recognition still follows its group
    const copy = index.add(doc('w2', 'tragedy on the water', 100, { group: 'g' }));
    const own = index.add(doc('o1', BRIDGE[1] as string));
    expect(copy.storyId).toBe(own.storyId);
    const story = index.liveStories()[0];
    expect(story?.documents).toHaveLength(3);
    expect(story?.sources).toBe(2);
  });

  it('splits a story into events by date and wording', () => {
    const index = new StoryIndex({ entityWeight: 0 });
    const a = index.add(doc('e1', 'kell river bridge collapse lorry falls', 100));
    const b = index.add(doc('e2', 'kell river bridge collapse lorry driver missing', 100));
    const c = index.add(doc('e3', 'kell river bridge collapse inquiry opens engineers', 105));
    expect(a.storyId).toBe(c.storyId);
    expect(a.eventId).toBe(b.eventId);
    expect(c.eventId).not.toBe(a.eventId);
  });

  it('keeps apart two stories that share every entity but no event', () => {
    const index = new StoryIndex();
    const people = ['p:ilse-varga', 'o:kell-water-authority', 'l:brenmouth'];
    const flood = [
      'flood warning sirens riverside streets evacuated overnight',
      'riverside streets flooded sirens evacuated',
    ];
    const budget = [
      'budget vote parks libraries cuts approved council',
      'council approves budget cuts libraries parks',
    ];
    const ids = [flood[0], budget[0], flood[1], budget[1]].map(
      (t, i) => index.add(doc(`x${i}`, t as string, 100, { entities: people })).storyId,
    );
    expect(ids[0]).toBe(ids[2]);
    expect(ids[1]).toBe(ids[3]);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('evicts stories idle longer than the window and never scans them again', () => {
    const evicted: string[] = [];
    const index = new StoryIndex({ entityWeight: 0, windowDays: 30 }, (s) => evicted.push(s.storyId));
    const first = index.add(doc('old', BRIDGE[0] as string, 100));
    index.add(doc('vote', VOTE[0] as string, 140));
    expect(evicted).toEqual([first.storyId]);
    expect(index.size).toBe(1);
    const again = index.add(doc('new', BRIDGE[1] as string, 141));
    expect(again.storyId).not.toBe(first.storyId);
  });

  it('merges two stories that one arrival bridges, and redirects the younger id', () => {
    const index = new StoryIndex({ entityWeight: 0, joinThreshold: 0.2, mergeThreshold: 0.3 });
    const a = index.add(doc('m1', 'ferry strike salvik harbour', 100));
    const b = index.add(doc('m2', 'grain ships waiting anchor', 100));
    expect(a.storyId).not.toBe(b.storyId);
    const bridge = index.add(doc('m3', 'ferry strike salvik harbour grain ships waiting anchor', 100));
    expect(bridge.merged).toEqual([b.storyId]);
    expect(index.resolve(b.storyId)).toBe(a.storyId);
    expect(index.redirectTable().get(b.storyId)).toBe(a.storyId);
  });

  it('survives empty and one-word documents', () => {
    const index = new StoryIndex();
    expect(index.add(doc('empty', '')).storyId).toBe('s_empty');
    expect(index.add(doc('one', 'breaking')).storyId).toBe('s_one');
    expect(index.add(doc('one2', 'breaking')).storyId).toBe('s_one');
  });
});

describe('StoryIndex.settle', () => {
  it('moves a one-document story into the story that grew around it, keeping every document once', () => {
    const index = new StoryIndex({ entityWeight: 0, joinThreshold: 0.3 });
    // The first mention opens a story of its own; the story that grows later is where it belongs.
    index.add(doc('k0', 'kell bridge divers cracks piers closed', 100));
    for (let i = 1; i <= 6; i++)
      index.add(doc(`k${i}`, `kell bridge piers cracks repairs detour summer lorry${i}`, 100));
    index.add(doc('v0', VOTE[0] as string, 100));
    const before = index.liveStories().length;
    index.settle();
    const stories = index.liveStories();
    const all = stories.flatMap((s) => s.documents).sort();
    expect(all).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'v0']);
    const storyOf = (id: string) => stories.find((s) => s.documents.includes(id));
    expect(storyOf('k0')).toBe(storyOf('k6'));
    expect(storyOf('v0')).not.toBe(storyOf('k0'));
    expect(stories.length).toBeLessThanOrEqual(before);
    for (const s of stories) expect(s.events.flatMap((e) => e.documents).sort()).toEqual([...s.documents].sort());
  });

  it('settles each publication day when the next begins, and keeps copies of one group together', () => {
    const index = new StoryIndex({ entityWeight: 0 });
    index.add(doc('a1', BRIDGE[0] as string, 100, { group: 'w' }));
    index.add(doc('a2', 'tragedy on the water', 100, { group: 'w' }));
    index.add(doc('b1', BRIDGE[1] as string, 100));
    expect(index.pending).toBe(3);
    index.add(doc('v1', VOTE[0] as string, 101));
    expect(index.pending).toBe(1);
    const bridge = index.liveStories().find((s) => s.documents.includes('a1'));
    expect(bridge?.documents).toEqual(expect.arrayContaining(['a1', 'a2', 'b1']));
    expect(bridge?.sources).toBe(2);
  });

  it('gives the same stories for a batch whatever the order of its files, once sorted', () => {
    const texts = [...BRIDGE, ...VOTE];
    const run = (order: number[]) => {
      const index = new StoryIndex({ entityWeight: 0 });
      // a batch is fed in stream order (day, then id) whatever order its files came in
      const ids = [...order].sort((x, y) => x - y);
      for (const i of ids) index.add(doc(`d${i}`, texts[i] as string, 100));
      index.settle();
      return index
        .liveStories()
        .map((s) => [...s.documents].sort().join(' '))
        .sort();
    };
    expect(run([6, 5, 4, 3, 2, 1, 0])).toEqual(run([0, 1, 2, 3, 4, 5, 6]));
    expect(run([0, 1, 2, 3, 4, 5, 6])).toHaveLength(2);
  });
});
