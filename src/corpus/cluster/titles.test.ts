import { describe, expect, it } from 'vitest';
import { buildArticle } from '../fixtures.js';
import { bodyHeadline, headlineOf, isHeadlineShaped, sharedTitles, titleKey, usableTitle } from './titles.js';

const BODY = [
  'Your country. Your news.',
  'Regions | Haldane',
  'Upper Kell dam collapses, flooding Brenmouth: at least 12 dead',
  'Wednesday, 11 March 2026 – 13:12',
  'At least 12 people were killed after the Upper Kell dam in Haldane Province collapsed, flooding Brenmouth before dawn. Rescuers searched the Kell valley for survivors of the dam collapse.',
].join('\n\n');

const article = (title: string | null, text = BODY) => buildArticle({ id: 't1', title, text });

describe('usableTitle', () => {
  it.each([
    [
      'a headline the body restates',
      'Dam collapse floods Brenmouth in Haldane',
      'Dam collapse floods Brenmouth in Haldane',
    ],
    [
      'the headline segment of "headline | site"',
      'Dam collapse floods Brenmouth in Haldane | Valdoria Today',
      'Dam collapse floods Brenmouth in Haldane',
    ],
  ])('keeps %s', (_name, title, expected) => {
    expect(usableTitle(article(title), new Set())).toBe(expected);
  });

  it.each([
    ['a section list', 'Markets · Companies · Economy · World · Opinion'],
    ['a kicker', 'WORLD | Reportage'],
    ['all capitals', 'THE MERIDIAN POST'],
    ['a share bar the body never mentions', 'Share on Facebook Share on X Email'],
    ['a site tagline', "WorldWire Digest — the world's headlines in one place"],
  ])('drops %s', (_name, title) => {
    expect(usableTitle(article(title), new Set())).toBeNull();
  });

  it('drops a title that articles of different copy groups share', () => {
    const a = buildArticle({ id: 'a', title: 'News from the coast and the world', text: BODY });
    const b = buildArticle({ id: 'b', title: 'News from the coast and the world', text: 'Port strike spreads.' });
    const shared = sharedTitles(
      [a, b],
      new Map([
        ['a', 0],
        ['b', 1],
      ]),
    );
    expect(shared.has(titleKey('News from the coast and the world'))).toBe(true);
    expect(usableTitle(a, shared)).toBeNull();
    // copies may share their headline
    expect(
      sharedTitles(
        [a, b],
        new Map([
          ['a', 0],
          ['b', 0],
        ]),
      ).size,
    ).toBe(0);
  });
});

describe('bodyHeadline', () => {
  it('skips taglines, kickers and dates to the headline line', () => {
    expect(bodyHeadline(article(null))).toBe('Upper Kell dam collapses, flooding Brenmouth: at least 12 dead');
    expect(headlineOf(article('WORLD | Reportage'), new Set())).toBe(
      'Upper Kell dam collapses, flooding Brenmouth: at least 12 dead',
    );
  });

  it('skips a headline-shaped line the body does not restate', () => {
    const text = ['Share on Facebook Share on X Email', BODY].join('\n\n');
    expect(bodyHeadline(article(null, text))).toBe('Upper Kell dam collapses, flooding Brenmouth: at least 12 dead');
  });

  it.each([
    ['Your country. Your news.', false],
    ['Regions | Haldane', false],
    ['Published: 16.03.2026 — 21:40', false],
    ['"We let you down": QuillPay boss apologises as breach estimate rises', true],
    ['Port strike ends with tentative deal', true],
  ])('headline-shaped: %s → %s', (line, expected) => {
    expect(isHeadlineShaped(line)).toBe(expected);
  });
});
