import { describe, expect, it } from 'vitest';
import { repairGluedWords, splitGlued } from './glued-words.js';
import { extractArticle } from './index.js';

describe('glued words', () => {
  it.each([
    ['ministerand', 'minister and'],
    ['capitalfirmly', 'capital firmly'],
    ['saidon', 'said on'],
    ['thathas', 'that has'],
    ['inValdoria', 'in Valdoria'],
    ["inValdoria's", "in Valdoria's"],
    // Two content words across a seam no compound has.
    ['offeredretraining', 'offered retraining'],
    ['campaignedfor', 'campaigned for'],
    ['environmentalassessment', 'environmental assessment'],
    ['housereopened', 'house reopened'],
    ['seasonedveteran', 'seasoned veteran'],
    ['winterfound', 'winter found'],
    // A rare content word next to a function word or a determiner.
    ['disclosethe', 'disclose the'],
    ['onlyschool', 'only school'],
    ['newterminal', 'new terminal'],
    ['oneline', 'one line'],
    ['burnabout', 'burn about'],
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
    ['floodwaters', 'a compound of two content words'],
    ['crowdfunded', 'a compound verb in the past'],
    ['headquartered', 'a compound verb in the past'],
    ['lockdown', 'a compound of a verb and a particle'],
    ['policymaking', 'a compound in -ing'],
    ['metalworkers', 'a short word in -al before a noun'],
    ['underreported', 'a prefix that is also a word'],
    ['interrelated', 'a prefix that is also a word'],
    ['newsroom', 'a compound the list knows'],
    ['afterthought', 'a compound the list knows'],
    ['oversold', 'a prefix that is also a word'],
    ['newsdesk', '"news" is not "new" glued to "sdesk"'],
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

  it('splits the glued words of a scraped article, records each, and leaves names, compounds and addresses alone', () => {
    const content = [
      'Harbour plan approved',
      '',
      'The Brenmouth harbour board approved the plan on Tuesday after the ministerand two advisers left the capitalfirmly opposed to the new crane.',
      'Dockworkers who campaignedfor the plan said the environmentalassessment was published on www.brenmouthharbour.example and that the helpline stays open.',
      'Ostrander, the board chair, said the onlyschool on the quay will keep its smartwatch loan scheme and that the floodwaters had receded.',
    ].join('\n');
    const { article } = extractArticle({
      origin: 'scraped.txt',
      content,
      mediaType: 'text/plain',
      contentHash: 'f'.repeat(64),
      meta: {},
    });
    const a = article as NonNullable<typeof article>;
    expect(a.text).toContain('the minister and two advisers left the capital firmly opposed');
    expect(a.text).toContain('Dockworkers who campaigned for the plan said the environmental assessment was published');
    expect(a.text).toContain('www.brenmouthharbour.example and that the helpline stays open');
    expect(a.text).toContain(
      'Ostrander, the board chair, said the only school on the quay will keep its smartwatch loan scheme',
    );
    expect(a.text).toContain('the floodwaters had receded');
    const repairs = a.removed.filter((r) => r.reason === 'extract/glued-word');
    expect(repairs.map((r) => [r.text, r.fixed])).toEqual([
      ['ministerand', 'minister and'],
      ['capitalfirmly', 'capital firmly'],
      ['campaignedfor', 'campaigned for'],
      ['environmentalassessment', 'environmental assessment'],
      ['onlyschool', 'only school'],
    ]);
    for (const r of repairs) expect(content.slice(r.start, r.end)).toBe(r.text);
  });
});
