import { describe, expect, it } from 'vitest';
import { CopyIndex } from './online.js';

const DAM = [
  'BRENMOUTH (Wirenews) - Engineers at the Upper Kell reservoir opened two spillways on Tuesday after a week of heavy rain pushed the water within a metre of the crest.',
  'The regional water authority said the release would raise the river at Brenmouth by up to forty centimetres overnight and asked residents of the low streets to move cars and valuables.',
  'Mayor Ilse Varga told a press conference that the town hall would stay open through the night and that two school gyms had been prepared as shelters for anyone who needed them.',
  'Farmers downstream complained that they had been given only three hours of warning, far less than the twelve hours promised in the flood plan agreed after the floods of two years ago.',
  'The authority said the dam itself was sound and that inspectors had found no new cracks in the concrete since the last survey in the autumn, though monitoring has been stepped up.',
  'Forecasters expect the rain to ease on Thursday, but warned that the ground was saturated and that even a moderate shower could send the smaller tributaries over their banks again.',
].join('\n');

const LOCAL = [
  'Brenmouth council will meet on Friday to review how warnings reached riverside streets this week, after several residents said the sirens could not be heard over the storm.',
  'Councillor Petr Hana said he would ask for text alerts to be sent to every registered phone in the flood zone, a system the neighbouring district has used since last spring.',
].join('\n');

function paragraphs(text: string): string[] {
  return text.split('\n');
}

describe('CopyIndex', () => {
  it('finds an exact copy, a lightly edited copy and a partial reuse, each with its kind', () => {
    const index = new CopyIndex();
    expect(index.add({ id: 'orig', day: 100, text: DAM, wire: ['Wirenews'] })).toBeNull();
    const exact = index.add({ id: 'same', day: 100, text: DAM, wire: [] });
    expect(exact).toMatchObject({ of: 'orig', kind: 'exact', similarity: 1 });

    const edited = paragraphs(DAM);
    edited[2] = (edited[2] as string).replace('two school gyms', 'the sports hall');
    const near = index.add({ id: 'edit', day: 101, text: edited.join('\n'), wire: [] });
    expect(near?.of).toBe('orig');
    expect(['near', 'syndicated']).toContain(near?.kind);
    expect(near?.similarity).toBeGreaterThan(0.6);

    // a local outlet keeps four wire paragraphs and adds two of its own: low Jaccard, high containment
    const reuse = [...paragraphs(DAM).slice(0, 4), ...paragraphs(LOCAL)].join('\n');
    const partial = index.add({ id: 'local', day: 101, text: reuse, wire: [] });
    expect(partial?.of).toBe('orig');
    expect(partial?.kind).toBe('syndicated');
    expect(partial?.containment).toBeGreaterThan(0.6);
  });

  it('does not call a different article on the same topic a copy', () => {
    const index = new CopyIndex();
    index.add({ id: 'dam', day: 100, text: DAM, wire: [] });
    expect(index.add({ id: 'council', day: 100, text: LOCAL, wire: [] })).toBeNull();
  });

  it('forgets articles older than the window', () => {
    const index = new CopyIndex({ windowDays: 30 });
    index.add({ id: 'old', day: 100, text: DAM, wire: [] });
    expect(index.add({ id: 'soon', day: 120, text: DAM, wire: [] })?.of).toBe('old');
    index.add({ id: 'other', day: 200, text: LOCAL, wire: [] });
    expect(index.size).toBe(1);
    expect(index.add({ id: 'late', day: 201, text: DAM, wire: [] })).toBeNull();
  });

  it('keeps memory bounded under 10 000 copies of one article', () => {
    const index = new CopyIndex();
    let copies = 0;
    for (let i = 0; i < 10_000; i++) {
      const match = index.add({ id: `c${i}`, day: 100, text: DAM, wire: [] });
      if (match) {
        copies++;
        expect(match.of).toBe('c0');
      }
    }
    expect(copies).toBe(9_999);
  });

  it('handles a one-word article and an unknown script without matching them to anything', () => {
    const index = new CopyIndex();
    index.add({ id: 'dam', day: 100, text: DAM, wire: [] });
    expect(index.add({ id: 'one', day: 100, text: 'Breaking', wire: [] })).toBeNull();
    expect(index.add({ id: 'one-again', day: 100, text: 'Breaking', wire: [] })).toBeNull();
    const glyphs = '𓀀𓀁𓀂 𓀃𓀄 𓀅𓀆𓀇𓀈 ꙮꙮ ᚠᚢᚦ ᚨᚱᚲ\n'.repeat(20);
    expect(index.add({ id: 'glyphs', day: 100, text: glyphs, wire: [] })).toBeNull();
    expect(index.add({ id: 'glyphs-copy', day: 100, text: glyphs, wire: [] })?.of).toBe('glyphs');
  });
});
