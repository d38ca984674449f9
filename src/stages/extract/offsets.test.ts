import { describe, expect, it } from 'vitest';
import type { RawDoc } from '../../core/doc.js';
import { extractArticle } from './index.js';
import { buildOffsetMap, toOriginal } from './offsets.js';

const raw = (content: string, mediaType: RawDoc['mediaType']): RawDoc => ({
  origin: 'test',
  content,
  mediaType,
  contentHash: 'c'.repeat(64),
  meta: {},
});

/** Every word of the clean text maps onto the same word in the original. */
function expectWordsMapped(
  text: string,
  original: string,
  map: { runs: number[] },
  skip: ReadonlySet<string> = new Set(),
) {
  for (const m of text.matchAll(/\S+/g)) {
    if (skip.has(m[0])) continue;
    const at = toOriginal(map, m.index ?? 0);
    expect(at, m[0]).not.toBeNull();
    expect(original.slice(at as number, (at as number) + m[0].length)).toBe(m[0]);
  }
}

describe('offsets back to the original', () => {
  it('maps a cleaned plain text, with banner and comment form gone, onto the file', () => {
    const original = [
      'THE KALMAR COURIER',
      'News from the coast since 1908',
      'Ferry service to Orsk Island resumes',
      'By Niklas Berg',
      '',
      'The ferry link between Kalmar and Orsk Island reopened on Tuesday after   three days of gales.',
      '',
      '348',
      'About 1,200 passengers had been waiting on both sides, a spokeswoman said.',
      '',
      'Leave a Reply',
      'Your email address will not be published. Required fields are marked *',
    ].join('\n');
    const { article } = extractArticle(raw(original, 'text/plain'));
    expect(article?.text).toBe(
      'The ferry link between Kalmar and Orsk Island reopened on Tuesday after three days of gales.\n\nAbout 1,200 passengers had been waiting on both sides, a spokeswoman said.',
    );
    const a = article as NonNullable<typeof article>;
    expectWordsMapped(a.text, original, a.offsets as { runs: number[] });
    // Runs are compact: one per stretch where both texts agree, not one per word.
    expect((a.offsets?.runs.length ?? 0) / 3).toBeLessThan(8);
    // Removed pieces point at themselves in the original.
    for (const r of a.removed) {
      expect(r.start, r.text).toBeDefined();
      expect(original.slice(r.start, r.end).replace(/\s+/g, ' ')).toBe(r.text);
    }
  });

  it('maps HTML text through entities and tags onto the decoded source string', () => {
    const original =
      '<html><head><title>Dam holds | Valdor Observer</title></head><body><nav><a href="/">Home</a> <a href="/w">World</a></nav>' +
      '<article><h1>Dam holds</h1><p>Engineers at the <b>Upper Kell</b> dam said on Monday that the wall &amp; spillway held overnight.</p>' +
      '<figure><img src="d.jpg"><figcaption>The dam on Sunday. (Photo: Ida Ren/AFP)</figcaption></figure>' +
      '<p>About 3,000 residents were told they could return home, the provincial governor said.</p></article></body></html>';
    const { article } = extractArticle(raw(original, 'text/html'));
    const a = article as NonNullable<typeof article>;
    expect(a.text).toContain('the wall & spillway held');
    // "&" is written "&amp;" in the source: that one word stays unmapped, the rest map exactly.
    expectWordsMapped(a.text, original, a.offsets as { runs: number[] }, new Set(['&']));
    const caption = a.removed.find((r) => r.reason === 'extract/caption');
    expect(caption?.start).toBeDefined();
    expect(original.slice(caption?.start, caption?.end)).toBe('The dam on Sunday.');
  });

  it('records a glued-word repair with its offsets in the original', () => {
    const original =
      'Ministry staff left\n\nThe ministerand his staff left the capital on Monday, officials said, and the talks were postponed until next week.';
    const { article } = extractArticle(raw(original, 'text/plain'));
    const a = article as NonNullable<typeof article>;
    expect(a.text).toContain('The minister and his staff');
    const repair = a.removed.find((r) => r.reason === 'extract/glued-word');
    expect(repair).toMatchObject({ text: 'ministerand', fixed: 'minister and' });
    expect(original.slice(repair?.start, repair?.end)).toBe('ministerand');
    // Both halves map back inside the glued original.
    const minister = toOriginal(a.offsets as { runs: number[] }, a.text.indexOf('minister'));
    const and = toOriginal(a.offsets as { runs: number[] }, a.text.indexOf('and his'));
    expect(original.slice(minister as number, (minister as number) + 11)).toBe('ministerand');
    expect(and).toBe((minister as number) + 8);
  });

  it('picks the alignment up again after a long dropped block, at the first place the words follow one another', () => {
    const pad = '<div class="ad">x</div> '.repeat(400);
    const original = `<p>alpha</p>${pad}<p>beta gamma delta epsilon</p>`;
    const map = buildOffsetMap('alpha beta gamma delta epsilon', original);
    // Two words missed near the cursor, then the rest of the page is searched: delta and epsilon map.
    const delta = toOriginal(map, 17);
    expect(original.slice(delta as number, (delta as number) + 13)).toBe('delta epsilon');
    // With "delta" twice, the first one (right after "gamma") is taken.
    const lost = buildOffsetMap('alpha beta gamma delta', `alpha ${pad}beta gamma delta ${pad}delta`);
    expect(toOriginal(lost, 0)).toBe(0);
    const far = toOriginal(lost, 17);
    expect(lost.runs.length / 3).toBe(2);
    expect(far).toBe(`alpha ${pad}beta gamma `.length);
  });
});
