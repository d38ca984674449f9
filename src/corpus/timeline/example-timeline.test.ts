/**
 * Regression test: the timeline of examples/corpus, built through the real pipeline (ingest →
 * extract → annotate → corpus), checked against the dates of examples/corpus/README.md.
 *
 * Other stages keep improving, so entries are found by their date and a few words, and checked
 * for their sources; counts are only bounded.
 */
import { basename } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadExampleCorpus } from '../../../test/helpers/example-corpus.js';
import type { CorpusArticle, TimelineEntry } from '../../core/corpus.js';
import { analyzeCorpus } from '../index.js';

let timeline: TimelineEntry[] = [];
let articles: CorpusArticle[] = [];
/** File prefix ("border-05") of an article id. */
let fileOf: (id: string) => string;
/** Story prefix ("border") of an entry, from the files of its articles. */
const storyOf = (e: TimelineEntry) => fileOf(e.articles[0] ?? '').split('-')[0];
/** The files of an entry, sorted. */
const filesOf = (e: TimelineEntry) => e.articles.map((id) => fileOf(id)).sort();

beforeAll(async () => {
  articles = loadExampleCorpus();
  const files = new Map(articles.map((a) => [a.id, /^[a-z]+-\d\d/.exec(basename(a.origin))?.[0] ?? a.id]));
  fileOf = (id) => files.get(id) ?? id;
  timeline = analyzeCorpus(articles).timeline;
}, 120_000);

/** Entries of `story` on `date` whose text matches `words`. */
function find(story: string, date: string, words: RegExp): TimelineEntry[] {
  return timeline.filter((e) => storyOf(e) === story && e.date === date && words.test(e.text));
}

describe('example corpus timeline', () => {
  it('has no bogus dates: everything between 2025 and April 2026, nothing resolved against a made-up day', () => {
    for (const e of timeline) {
      expect(e.date >= '2025-01' && e.date <= '2026-04-30', `${e.date} ${e.text}`).toBe(true);
    }
  });

  it('keeps each story short enough to read (one entry per sentence, merged across sources)', () => {
    for (const story of ['border', 'flood', 'breach', 'strike']) {
      const n = timeline.filter((e) => storyOf(e) === story).length;
      // before the timeline rules: 65, 37, 32 and 50 entries; after: 24, 21, 16, 23
      expect(n, story).toBeLessThanOrEqual(30);
    }
  });

  it('gives each sentence at most one entry', () => {
    const seen = new Set<string>();
    for (const e of timeline) {
      for (const ev of e.evidence) {
        const key = `${ev.article}@${ev.start}`;
        expect(seen.has(key), `${key}: ${ev.text}`).toBe(false);
        seen.add(key);
      }
    }
  });

  it('strips datelines from entry texts', () => {
    for (const e of timeline)
      expect(e.text, e.text).not.toMatch(/^[A-Z][A-Z .]{2,}(?:\(AP\)|,\s*\d{1,2} [A-Z][a-z]+)?\s*[—–]/);
  });

  describe('border', () => {
    it('dates the build-up to Monday 9 March, from both first reports', () => {
      const [entry] = find('border', '2026-03-09', /40,000|41,000/);
      expect(filesOf(entry as TimelineEntry)).toEqual(expect.arrayContaining(['border-01', 'border-02']));
    });

    it('dates the Kestrian briefing to Wednesday 11 March, with all four AP copies (the undated one too)', () => {
      const [entry] = timeline.filter(
        (e) => e.date === '2026-03-11' && /Ostrik/.test(e.evidence.map((v) => v.text).join(' ')),
      );
      expect(filesOf(entry as TimelineEntry)).toEqual(
        expect.arrayContaining(['border-05', 'border-06', 'border-07', 'border-08']),
      );
      // "would end … on March 20" is a reported plan: never 2025
      expect(timeline.some((e) => e.date.startsWith('2025-03'))).toBe(false);
      expect(timeline.some((e) => e.date.startsWith('2000'))).toBe(false);
    });

    it('dates the AP story of Thursday 12 March once, with its four copies', () => {
      const entries = find('border', '2026-03-12', /deliberately raising the temperature/);
      expect(entries).toHaveLength(1);
      expect(filesOf(entries[0] as TimelineEntry)).toEqual(['border-05', 'border-06', 'border-07', 'border-08']);
    });

    it('dates the market slide to Thursday, not to "since October"', () => {
      expect(find('border', '2026-03-12', /valdor/)).toHaveLength(1);
      expect(timeline.some((e) => storyOf(e) === 'border' && e.date === '2025-10')).toBe(false);
    });

    it('dates the withdrawal to Tuesday 17 March, once, with both reports', () => {
      const withdrawals = timeline.filter((e) => storyOf(e) === 'border' && /withdraw 20,000/.test(e.text));
      expect(withdrawals.map((e) => e.date)).toEqual(['2026-03-17']);
      expect(filesOf(withdrawals[0] as TimelineEntry)).toEqual(['border-09', 'border-10']);
    });

    it('keeps the dispute (January) and the gas deal (February) as month entries', () => {
      expect(find('border', '2026-01', /January/)).toHaveLength(1);
      expect(find('border', '2026-02', /gas/)).toHaveLength(1);
      expect(timeline.some((e) => storyOf(e) === 'border' && e.date === '2026-03')).toBe(false);
    });
  });

  describe('flood', () => {
    it('dates the collapse to Wednesday 11 March, from both first reports', () => {
      const [entry] = find('flood', '2026-03-11', /dam/);
      expect(filesOf(entry as TimelineEntry)).toEqual(expect.arrayContaining(['flood-01', 'flood-02']));
    });

    it('has the toll dispute and aid (Fri 13), the inquiry (Mon 16) and the arrests (Tue 17)', () => {
      expect(find('flood', '2026-03-13', /34 people/)).toHaveLength(1);
      expect(find('flood', '2026-03-13', /aid package/)).toHaveLength(1);
      expect(find('flood', '2026-03-16', /Parliament voted/)).toHaveLength(1);
      expect(find('flood', '2026-03-17', /detained/)).toHaveLength(1);
    });
  });

  describe('breach', () => {
    it('has the breach dates in order: copied from 27 Feb, discovered 6 Mar, reported 7 Mar, ransom 8 Mar', () => {
      expect(find('breach', '2026-02-27', /attackers/)).toHaveLength(1);
      expect(find('breach', '2026-03-06', /discovered/)).toHaveLength(1);
      expect(find('breach', '2026-03-07', /notified/)).toHaveLength(1);
      expect(find('breach', '2026-03-08', /\$15 million/)).toHaveLength(1);
    });

    it('merges the investigation (Thu 12) and the fine (Thu 19) across outlets', () => {
      const [investigation] = find('breach', '2026-03-12', /formal investigation/);
      expect(filesOf(investigation as TimelineEntry)).toEqual(['breach-03', 'breach-04']);
      const fine = timeline.filter((e) => e.date === '2026-03-19' && filesOf(e).includes('breach-05'));
      expect(fine.some((e) => filesOf(e).includes('breach-06'))).toBe(true);
    });
  });

  describe('strike', () => {
    it('has the strike vote (5 Mar), the walk-out (Thu 12, merged), the spread (Mon 16) and the deal (Fri 20)', () => {
      expect(find('strike', '2026-03-05', /broke down/)).toHaveLength(1);
      const walkout = timeline.filter(
        (e) => storyOf(e) === 'strike' && e.date === '2026-03-12' && e.articles.length > 1,
      );
      expect(walkout.flatMap(filesOf)).toEqual(expect.arrayContaining(['strike-01', 'strike-02']));
      expect(find('strike', '2026-03-16', /spread/).length).toBeGreaterThan(0);
      expect(find('strike', '2026-03-20', /agreed to end/)).toHaveLength(1);
    });

    it('points reported plans forward: "would summon both sides … on Tuesday" is 17 March, not 10 March', () => {
      expect(timeline.some((e) => storyOf(e) === 'strike' && e.date === '2026-03-10')).toBe(false);
    });
  });

  describe('publication dates and TIMEX3 readings', () => {
    const byFile = (prefix: string) => articles.find((a) => fileOf(a.id) === prefix);

    it('the survivors reportage (no date anywhere) stays unknown: never today, never the crawl date', () => {
      const article = byFile('flood-06');
      expect(article?.published).toMatchObject({ date: null, from: null, to: null, how: 'unknown' });
      // its relative times keep X for what is unknown and give the timeline no value
      const times = article?.times ?? [];
      expect(times.length).toBeGreaterThan(0);
      expect(times.every((t) => t.value === null)).toBe(true);
      expect(times.filter((t) => t.timeml).every((t) => !/^\d{4}-\d{2}-\d{2}$/.test(t.timeml?.value ?? ''))).toBe(true);
    });

    it('every timed statement of a dated article carries a TIMEX3 reading anchored on its date', () => {
      const article = byFile('border-05');
      const wednesday = article?.times.find((t) => t.text === 'Wednesday');
      expect(wednesday?.timeml).toEqual({ type: 'DATE', value: '2026-03-11' });
      // Thursday 12 March 2026 is in ISO week 11
      const weeks = { 'last week': '2026-W10', 'this week': '2026-W11', 'next week': '2026-W12' } as Record<
        string,
        string
      >;
      const found = (article?.times ?? []).filter((t) => t.text in weeks);
      expect(found.length).toBeGreaterThan(0);
      for (const t of found) expect(t.timeml?.value).toBe(weeks[t.text]);
    });

    it('merged entries list every source', () => {
      const merged = timeline.filter((e) => e.articles.length > 1);
      expect(merged.length).toBeGreaterThan(5);
      for (const e of merged) expect(new Set(e.evidence.map((x) => x.article))).toEqual(new Set(e.articles));
    });
  });
});
