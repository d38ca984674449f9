import { describe, expect, it } from 'vitest';
import { repairGluedWords, splitGlued } from './glued-words.js';

describe('glued words', () => {
  it.each([
    ['ministerand', 'minister and'],
    ['capitalfirmly', 'capital firmly'],
    ['saidon', 'said on'],
    ['thathas', 'that has'],
    ['inValdoria', 'in Valdoria'],
    ["inValdoria's", "in Valdoria's"],
  ])('splits %s into %s', (glued, fixed) => {
    expect(splitGlued(glued)).toBe(fixed);
  });

  it.each([
    ['nowhere', 'a word the list knows'],
    ['notebook', 'a compound the list knows'],
    ['Ostrander', 'a capitalised name'],
    ['YouTube', 'a brand written in camel case'],
    ['kestrelgrad', 'an unknown name in lower case'],
    ['abroad', 'one-letter halves are never split off'],
    ['helpline', 'a compound of two content words'],
    ['dockworkers', 'a compound of two content words'],
    ['timeframe', 'a compound of two content words'],
    ['lasher', 'a short word before a function word'],
  ])('leaves %s alone (%s)', (token) => {
    expect(splitGlued(token)).toBeNull();
  });

  it('leaves addresses, e-mails, hashtags and handles alone and records each repair with its offsets', () => {
    const text =
      'The ministerand his staff left; see https://example.com/ministerand or mail desk@ministerand.example, #ministerand @ministerand.';
    const { text: fixed, repairs } = repairGluedWords(text);
    expect(fixed).toBe(
      'The minister and his staff left; see https://example.com/ministerand or mail desk@ministerand.example, #ministerand @ministerand.',
    );
    expect(repairs).toEqual([{ start: 4, end: 15, glued: 'ministerand', fixed: 'minister and' }]);
    expect(text.slice(4, 15)).toBe('ministerand');
  });
});
