import { describe, expect, it } from 'vitest';
import { foldKey } from '../../core/text.js';
import { buildArticle, sampleCorpus } from '../fixtures.js';
import { copyGroups, findDuplicates, inferFromCopies, REWRITE_JACCARD } from './index.js';
import { estimateJaccard, minhash, normalizedWords, shingleSet } from './minhash.js';

const pair = (a: string, b: string) => (d: { a: string; b: string }) =>
  (d.a === a && d.b === b) || (d.a === b && d.b === a);

const ORIGINAL = [
  'KESTRELGRAD, 11 March - The Ministry of Defence of Kestria on Wednesday rejected statements by Valdorian officials that tens of thousands of troops had been concentrated near the border, stating that fewer than 15,000 servicemen are taking part in the exercises in the Varro direction, which were planned many months ago.',
  '«The exercises are proceeding according to plan and will end on schedule,» said Major General Pavel Ostrik, the official representative of the ministry, at a briefing in Kestrelgrad.',
  'According to Ostrik, about 200 units of armoured equipment are involved in the drills, code-named Western Bastion 2026. The exercises began on 2 March and will end on 20 March.',
  'Merida City, he said, is using the exercises to distract voters from economic problems and to win support before the autumn elections.',
].join('\n\n');

/** The same report through a poor machine translation: word order, case and words change. */
const TRANSLATED = [
  'The Ministry of Defense of kestria on wednesday has rejected the statements of valdorian officials that tens of thousands of military were concentrated near of border, declared the minister that in the exercises in the varro direction take part less than 15 thousand servicemen, and that the exercises were planned many months ago.',
  '«Exercises proceed according to the plan and will end in schedule,» said major general Pavel Ostrik, official representative of ministry, on briefing inkestrelgrad.',
  'According to Ostrik, in the exercises which have code name Western Bastion 2026 is involved about 200 units of armored equipment. The exercises were begun 2 March and will be ended 20 March.',
  'merida city, he said, uses the exercises to distract the voters from the economic problems and to win the support before elections of autumn.',
].join('\n\n');

/** Another article of the story: same quote and figures, its own text. */
const SAME_STORY = [
  'MERIDA CITY - Valdoria dismissed the Kestrian figures on Wednesday, saying satellite images showed far more than 15,000 servicemen near the Varro Valley.',
  '«The exercises are proceeding according to plan and will end on schedule,» General Pavel Ostrik told reporters, a line Valdorian officials called an insult.',
  'Foreign Minister Tomasz Wrenik said the government would ask the United Nations to send observers, and that the army would stay on heightened readiness until the drills end on 20 March.',
  'Opposition leaders in Merida City accused the government of exaggerating the threat before the autumn elections.',
].join('\n\n');

describe('findDuplicates: rewrites', () => {
  const make = (id: string, text: string, date?: string, wire: string[] = []) =>
    buildArticle({ id, text, wire, ...(date ? { date } : {}) });

  it('finds a machine-translated copy as syndicated, with its word Jaccard', () => {
    const found = findDuplicates([make('r1', ORIGINAL, '2026-03-11'), make('r2', TRANSLATED, '2026-03-11')]);
    expect(found).toHaveLength(1);
    expect(found[0]?.kind).toBe('syndicated');
    expect(new Set([found[0]?.a, found[0]?.b])).toEqual(new Set(['r1', 'r2']));
    expect(found[0]?.similarity).toBeGreaterThanOrEqual(REWRITE_JACCARD);
    expect(found[0]?.similarity).toBeLessThan(0.8);
  });

  it('calls a wire copy syndicated even when it is nearly identical', () => {
    const found = findDuplicates([
      make('w1', ORIGINAL, '2026-03-11', ['AP']),
      make('w2', ORIGINAL.replace('Wednesday', 'Wednesday morning'), '2026-03-11', ['AP']),
    ]);
    expect(found.map((d) => d.kind)).toEqual(['syndicated']);
  });

  describe('negative cases', () => {
    it('another article of the story sharing a quote and figures is not a copy', () => {
      expect(findDuplicates([make('r1', ORIGINAL, '2026-03-11'), make('r3', SAME_STORY, '2026-03-11')])).toEqual([]);
    });

    it('a rewrite published days later is a follow-up, not a copy', () => {
      expect(findDuplicates([make('r1', ORIGINAL, '2026-03-11'), make('r2', TRANSLATED, '2026-03-16')])).toEqual([]);
    });
  });
});

describe('findDuplicates', () => {
  const corpus = sampleCorpus();
  const dups = findDuplicates(corpus);

  it('finds the exact copy, with the earlier/fuller article as a', () => {
    const exact = dups.filter((d) => d.kind === 'exact');
    expect(exact).toEqual([{ a: 'a_000000000001', b: 'a_000000000002', kind: 'exact', similarity: 1 }]);
  });

  it('finds the copy-desk edit as near', () => {
    const near = dups.find(pair('a_000000000001', 'a_000000000003'));
    expect(near?.kind).toBe('near');
    expect(near?.a).toBe('a_000000000001'); // a_…003 has no date: the dated, equal-length one first
    expect(near?.similarity).toBeGreaterThan(0.8);
  });

  it('finds the re-headlined, cut and extended republication as syndicated', () => {
    const syn = dups.find(pair('a_000000000001', 'a_000000000004'));
    expect(syn?.kind).toBe('syndicated');
    expect(syn?.a).toBe('a_000000000001'); // published a day earlier
    expect(syn?.similarity).toBeGreaterThanOrEqual(0.3);
  });

  it('groups all copies of the wire story into one copy group', () => {
    const groups = copyGroups(corpus, dups);
    expect(groups).toContainEqual(['a_000000000001', 'a_000000000002', 'a_000000000003', 'a_000000000004']);
    expect(groups).toHaveLength(7); // 10 articles, 4 of them one group
  });

  it('is independent of input order', () => {
    expect(findDuplicates([...corpus].reverse())).toEqual(dups);
  });

  it('finds a short rewrite contained in a long wire story (containment)', () => {
    const long = corpus[0] as (typeof corpus)[number];
    const paragraphs = long.text.split('\n\n');
    const short = buildArticle({
      id: 'a_00000000000s',
      text: ['Brief:', ...paragraphs.slice(3, 6)].join('\n\n'),
    });
    const found = findDuplicates([long, short]);
    expect(found).toHaveLength(1);
    expect(found[0]?.kind).toBe('syndicated');
    expect(found[0]?.a).toBe(long.id); // the fuller one
  });

  it('accepts a looser overlap when both credit the same wire agency', () => {
    const paragraphs = (corpus[0]?.text ?? '').split('\n\n');
    const other = [corpus[6]?.text, corpus[8]?.text].join('\n\n'); // unrelated local copy
    const make = (id: string, wire: string[], body: string[]) => buildArticle({ id, wire, text: body.join('\n\n') });
    const withWire = [make('w1', ['AFP'], paragraphs), make('w2', ['AFP'], [...paragraphs.slice(0, 3), other])];
    const found = findDuplicates(withWire);
    // undated: the longer text (w2, with its extra local paragraphs) is a
    expect(found.map((d) => [d.a, d.b, d.kind])).toEqual([['w2', 'w1', 'syndicated']]);
    const noWire = withWire.map((a) => ({ ...a, wire: [] }));
    expect(findDuplicates(noWire)).toEqual([]);
  });

  describe('negative cases', () => {
    it('does not link articles of the same story written independently', () => {
      // the rival report shares a quote and names with the wire story, but not its text
      expect(dups.some((d) => d.a === 'a_000000000005' || d.b === 'a_000000000005')).toBe(false);
      expect(dups.some((d) => d.a === 'a_000000000006' || d.b === 'a_000000000006')).toBe(false);
    });

    it('does not link unrelated articles', () => {
      for (const id of ['a_000000000007', 'a_000000000008', 'a_000000000009', 'a_000000000010']) {
        expect(dups.some((d) => d.a === id || d.b === id)).toBe(false);
      }
    });

    it('does not call tiny identical stubs exact copies', () => {
      const stubs = ['x1', 'x2'].map((id) => buildArticle({ id, text: 'Subscribe to continue reading.' }));
      expect(findDuplicates(stubs)).toEqual([]);
    });

    it('handles empty text', () => {
      expect(findDuplicates([buildArticle({ id: 'e1', text: '' }), buildArticle({ id: 'e2', text: '' })])).toEqual([]);
    });
  });
});

describe('minhash', () => {
  it('estimates Jaccard close to the exact value', () => {
    const words = normalizedWords(sampleCorpus()[0]?.text ?? '');
    const a = shingleSet(words);
    const b = shingleSet(words.slice(0, Math.floor(words.length / 2)));
    const exact = b.length / a.length; // b ⊂ a
    expect(Math.abs(estimateJaccard(minhash(a), minhash(b)) - exact)).toBeLessThan(0.15);
  });

  it('folds accents and quotes before shingling', () => {
    expect(normalizedWords('“Café” Wrenik’s')).toEqual(['cafe', 'wrenik', 's']);
  });

  it('takes the ASCII fast path to the same words as foldKey', () => {
    const text = "Wrenik's U.S.-backed plan: 40,000 troops (AFP)";
    expect(normalizedWords(text)).toEqual(foldKey(text).match(/[\p{L}\p{N}]+/gu));
  });
});

describe('inferFromCopies', () => {
  const corpus = sampleCorpus();
  const inferred = inferFromCopies(corpus, findDuplicates(corpus));

  it('dates an undated copy from its dated copies, as a range when they disagree', () => {
    // copies are dated 2024-03-12 (x2) and 2024-03-13: the undated one gets the honest range
    expect(inferred.get('a_000000000003')?.published).toMatchObject({
      date: null,
      from: '2024-03-12',
      to: '2024-03-13',
      how: 'duplicate',
    });
  });

  it('borrows the wire credit a copy dropped', () => {
    expect(inferred.get('a_000000000004')?.wire).toEqual(['AFP']);
    expect(inferred.get('a_000000000003')?.wire).toEqual(['AFP']);
  });

  it('dates from a single agreeing date', () => {
    const a = buildArticle({ id: 'p1', text: corpus[0]?.text ?? '', date: '2024-03-12' });
    const b = buildArticle({ id: 'p2', text: `${corpus[0]?.text ?? ''} Extra.` });
    const inf = inferFromCopies([a, b], findDuplicates([a, b]));
    expect(inf.get('p2')?.published).toEqual({
      date: '2024-03-12',
      from: null,
      to: null,
      how: 'duplicate',
      evidence: 'copy p1',
    });
  });

  it('pins a range inferred from the text to the copy date that falls inside it', () => {
    const a = buildArticle({ id: 'r1', text: corpus[0]?.text ?? '', date: '2024-03-12' });
    const b = buildArticle({ id: 'r2', text: `${corpus[0]?.text ?? ''} Extra.` });
    b.published = { date: null, from: '2024-03-10', to: null, how: 'text', evidence: 'as of March 10' };
    const inf = inferFromCopies([a, b], findDuplicates([a, b]));
    expect(inf.get('r2')?.published).toMatchObject({ date: '2024-03-12', how: 'duplicate' });
  });

  describe('negative cases', () => {
    it('keeps a text range that a copy date contradicts', () => {
      const a = buildArticle({ id: 'r1', text: corpus[0]?.text ?? '', date: '2024-03-12' });
      const b = buildArticle({ id: 'r2', text: `${corpus[0]?.text ?? ''} Extra.` });
      b.published = { date: null, from: '2024-03-20', to: null, how: 'text', evidence: 'as of March 20' };
      const inf = inferFromCopies([a, b], findDuplicates([a, b]));
      expect(inf.get('r2')?.published).toBeUndefined();
    });

    it('leaves dated articles and articles without copies alone', () => {
      expect(inferred.has('a_000000000001')).toBe(false);
      expect(inferred.has('a_000000000009')).toBe(false);
    });
  });
});
