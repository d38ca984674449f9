import { describe, expect, it } from 'vitest';
import { CorpusStream, type StreamArticle, streamCopiesAndStories } from './stream.js';

const FLOOD = [
  'Sirens sounded along the Kell riverside overnight as the water rose past the old flood marks.',
  'Police evacuated three riverside streets in Brenmouth and opened the school gym as a shelter.',
  'The water authority said the river would crest on Thursday morning before slowly falling back.',
];
const BUDGET = [
  'Brenmouth council approved a budget that closes two libraries and cuts park maintenance by a third.',
  'Councillors argued for six hours before the vote, which passed by a single ballot after midnight.',
  'The mayor said the cuts were painful but that the town could not borrow any further this year.',
];
const GLYPHS = '𓀀𓀁𓀂 𓀃𓀄 𓀅𓀆𓀇𓀈 ꙮꙮ ᚠᚢᚦ ᚨᚱᚲ\n'.repeat(5);
const PEOPLE = ['p:ilse-varga', 'o:kell-water-authority', 'l:brenmouth'];

function article(id: string, lines: readonly string[], day: number, extra = ''): StreamArticle {
  return {
    id,
    title: null,
    text: [...lines, extra].filter(Boolean).join('\n'),
    day,
    wire: [],
    entities: PEOPLE,
  };
}

describe('streamCopiesAndStories', () => {
  it('keeps apart two stories that share every entity but no event', () => {
    const batch = [
      article('f1', FLOOD, 100),
      article('b1', BUDGET, 100),
      article('f2', [FLOOD[1], FLOOD[0]] as string[], 100, 'Residents waded home through ankle-deep water.'),
      article('b2', [BUDGET[2], BUDGET[0]] as string[], 101, 'Library staff were told of the closures by email.'),
    ];
    const { stories } = streamCopiesAndStories(batch);
    const storyOf = (id: string) => stories.find((s) => s.articles.includes(id))?.storyId;
    expect(storyOf('f1')).toBe(storyOf('f2'));
    expect(storyOf('b1')).toBe(storyOf('b2'));
    expect(storyOf('f1')).not.toBe(storyOf('b1'));
  });

  it('settles and returns every article exactly once, one-word and unknown-script articles included', () => {
    const batch: StreamArticle[] = [
      article('f1', FLOOD, 100),
      { id: 'w', title: null, text: 'Breaking', day: 100, wire: [] },
      { id: 'g', title: null, text: GLYPHS, day: 100, wire: [] },
      { id: 'g2', title: null, text: GLYPHS, day: 101, wire: [] },
      article('f2', FLOOD, 101),
    ];
    const { stories, duplicates, stream } = streamCopiesAndStories(batch);
    expect(stream.stories.pending).toBe(0);
    expect(stories.flatMap((s) => s.articles).sort()).toEqual(['f1', 'f2', 'g', 'g2', 'w']);
    expect(duplicates.map((d) => [d.a, d.b, d.kind])).toEqual([
      ['g', 'g2', 'exact'],
      ['f1', 'f2', 'exact'],
    ]);
    expect(stories.find((s) => s.articles.includes('w'))?.articles).toEqual(['w']);
  });

  it('keeps the indexes to the window on a long stream', () => {
    const stream = new CorpusStream({ windowDays: 10 });
    let live = 0;
    for (let day = 0; day < 120; day++) {
      for (let k = 0; k < 3; k++) {
        const lines = (k % 2 ? FLOOD : BUDGET).map((l) => `${l} Day ${day} note ${k} of the desk.`);
        stream.add({ id: `d${day}-${k}`, title: null, text: lines.join('\n'), day, wire: [] });
      }
      live = Math.max(live, stream.stories.size);
    }
    // 10 days of 3 articles a day, in partitions of whole spans: never the 360 articles seen.
    expect(stream.copies.size).toBeLessThanOrEqual(3 * 13);
    expect(live).toBeLessThanOrEqual(3 * 30);
  });
});
