import { describe, expect, it } from 'vitest';
import type { Article, RawDoc, RawMeta } from '../../core/doc.js';
import { type ExtractOptions, type ExtractResult, extractArticle } from './index.js';

/** Removed pieces without their original offsets (tested on their own in offsets.test.ts). */
const withoutOffsets = (removed: readonly { text: string; reason: string }[]) =>
  removed.map(({ text, reason }) => ({ text, reason }));

const HASH = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

function run(
  content: string,
  mediaType: RawDoc['mediaType'] = 'text/plain',
  meta: RawMeta = {},
  origin = 'fixture.txt',
): ExtractResult {
  return extractArticle({ origin, content, mediaType, contentHash: HASH, meta });
}

function articleOf(
  content: string,
  mediaType: RawDoc['mediaType'] = 'text/plain',
  meta: RawMeta = {},
  origin?: string,
): Article {
  const { article, diagnostics } = run(content, mediaType, meta, origin);
  if (!article) throw new Error(`no article: ${JSON.stringify(diagnostics)}`);
  return article;
}

const reasons = (a: Article) => a.removed.map((r) => r.reason.replace('extract/', ''));

/** A plain paragraph long enough to be body text on its own. */
const BODY =
  'The Orrin river rose by almost two metres overnight, and engineers from the regional water authority said the level would keep rising until Thursday.';

const MESSY_TXT = `THE MERIDIAN HERALD
WORLD
Floods force thousands from homes in Kalmar valley
Floods force thousands from homes in Kalmar valley
Published: 12 March 2026
By Lena Morrow, Associated Press

KALMAR, Valdoria (AP) — Thousands of residents fled their homes in the Kalmar valley on Tuesday after the Orrin river burst its banks, officials said.
Firefighters wade through water near Dovrel on Tuesday. (Photo: Tomas Ek/AFP)
"We lost everything,"said Mara Velt, 54, a baker whose shop stands two streets from the river.

Related:
Valdoria budget row deepens
Kalmar mayor resigns over housing plan

The regional governor, Petra Oslin, said 4,200 people had been moved to shelters in schools and sports halls.
You have 52% of this article left. Subscribe to continue reading.
Share this article
Leave a comment
Comments (14)
Log in to comment
« Previous article | Next article »
Floods force thousands from homes in Kalmar valley`;

describe('extractArticle: messy plain text', () => {
  const a = articleOf(MESSY_TXT);

  it('records every boilerplate line with its reason, in order', () => {
    expect(reasons(a)).toEqual([
      'banner',
      'category-label',
      'title',
      'repeated-title',
      'dateline-date',
      'byline',
      'caption',
      'photo-credit',
      'related-links',
      'related-links',
      'related-links',
      'paywall',
      'share-prompt',
      'comment-form',
      'comment-form',
      'comment-form',
      'navigation',
      'repeated-title',
    ]);
    expect(a.removed.find((r) => r.reason === 'extract/photo-credit')?.text).toBe('(Photo: Tomas Ek/AFP)');
    expect(a.removed.find((r) => r.reason === 'extract/caption')?.text).toBe(
      'Firefighters wade through water near Dovrel on Tuesday.',
    );
  });

  it('keeps the body paragraphs, separated by a blank line, quotes and glued words untouched', () => {
    expect(a.text).toBe(
      [
        'KALMAR, Valdoria (AP) — Thousands of residents fled their homes in the Kalmar valley on Tuesday after the Orrin river burst its banks, officials said.',
        '"We lost everything,"said Mara Velt, 54, a baker whose shop stands two streets from the river.',
        'The regional governor, Petra Oslin, said 4,200 people had been moved to shelters in schools and sports halls.',
      ].join('\n\n'),
    );
    for (const junk of ['MERIDIAN', 'Subscribe', 'comment', 'Photo', 'budget row', 'Previous']) {
      expect(a.text).not.toContain(junk);
    }
  });

  it('reads the metadata around the body', () => {
    expect(a.id).toBe('a_9f86d081884c');
    expect(a.contentHash).toBe(HASH);
    expect(a.origin).toBe('fixture.txt');
    expect(a.title).toBe('Floods force thousands from homes in Kalmar valley');
    expect(a.site).toBe('The Meridian Herald');
    expect(a.published).toEqual({ date: '2026-03-12', from: null, to: null, how: 'text', evidence: 'date-line' });
    expect(a.author).toBe('Lena Morrow');
    expect(a.wire).toEqual(['AP']);
    expect(a.language).toBe('en');
  });
});

const MESSY_HTML = `<!doctype html><html lang="en"><head>
<title>Port Avel council approves seawall plan | The Coastal Courier</title>
<meta property="og:site_name" content="The Coastal Courier">
<meta property="article:published_time" content="2026-03-12T23:41:00-05:00">
<meta name="author" content="Jonas Pell">
</head><body>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
<header class="site-header"><a href="/">The Coastal Courier</a></header>
<nav><ul><li>Home</li><li>Local</li><li>Business</li></ul></nav>
<div class="share-bar">Share on Facebook Twitter</div>
<article>
<h1>Port Avel council approves seawall plan</h1>
<p class="byline">By Jonas Pell</p>
<figure><img src="x.jpg"><figcaption>Waves break over the old harbour wall in February. Photo: Ida Ren/Reuters</figcaption></figure>
<p>PORT AVEL — The town council voted 7-2 on Wednesday to approve a 14-million-euro seawall,
   ending two years of debate over how to protect the harbour district from winter storms.</p>
<p>“This is the most important decision this council has made in a generation,” said councillor Aino Brask.</p>
<aside class="related"><h3>Related stories</h3><ul><li><a>Harbour shops count storm losses</a></li><li><a>Ferry route suspended</a></li></ul></aside>
<div class="ad-slot">Advertisement</div>
<p>Construction is expected to begin in the autumn and last three years, the council said in a statement.</p>
<ul><li>The wall will be 2.4 kilometres long.</li><li>Funding comes partly from a regional grant.</li></ul>
<p>Port Avel council approves seawall plan</p>
</article>
<section id="comments"><h2>Comments (3)</h2><div class="comment"><p>Finally! My shop flooded three times last winter and nobody did anything about it until now, so this is welcome news for all of us.</p></div><div class="comment"><p>What a waste of money, the sea will win anyway, it always does, and the council will raise taxes again to pay for this wall.</p></div><form><textarea></textarea><p>Log in to comment</p></form></section>
<footer><p>© 2026 The Coastal Courier. All rights reserved.</p></footer>
</body></html>`;

describe('extractArticle: messy HTML', () => {
  const a = articleOf(MESSY_HTML, 'text/html', {}, 'https://coastalcourier.example/local/seawall');

  it('keeps article paragraphs, list items included, and drops every block around them', () => {
    expect(a.text).toBe(
      [
        'PORT AVEL — The town council voted 7-2 on Wednesday to approve a 14-million-euro seawall, ending two years of debate over how to protect the harbour district from winter storms.',
        '“This is the most important decision this council has made in a generation,” said councillor Aino Brask.',
        'Construction is expected to begin in the autumn and last three years, the council said in a statement.',
        'The wall will be 2.4 kilometres long.',
        'Funding comes partly from a regional grant.',
      ].join('\n\n'),
    );
    for (const junk of ['cookies', 'Harbour shops', 'Advertisement', 'Finally', 'All rights', 'Waves break', 'Share']) {
      expect(a.text).not.toContain(junk);
    }
  });

  it('records dropped blocks with reasons; figcaptions become captions with their credit apart', () => {
    expect(reasons(a).sort()).toEqual(
      [
        'caption',
        'photo-credit',
        'navigation',
        'banner',
        'footer',
        'cookie-notice',
        'share-prompt',
        'related-links',
        'advertisement',
        'comment-form',
        'byline',
        'repeated-title',
      ].sort(),
    );
    expect(withoutOffsets(a.removed)).toContainEqual({
      text: 'Waves break over the old harbour wall in February.',
      reason: 'extract/caption',
    });
    expect(withoutOffsets(a.removed)).toContainEqual({
      text: 'Photo: Ida Ren/Reuters',
      reason: 'extract/photo-credit',
    });
  });

  it('reads og/meta metadata; the photo credit is not a wire credit', () => {
    expect(a.title).toBe('Port Avel council approves seawall plan');
    expect(a.site).toBe('The Coastal Courier');
    expect(a.author).toBe('Jonas Pell');
    expect(a.published).toEqual({
      date: '2026-03-12',
      from: null,
      to: null,
      how: 'metadata',
      evidence: 'meta[article:published_time]',
    });
    expect(a.wire).toEqual([]);
    expect(a.language).toBe('en');
  });
});

describe('extractArticle: titles', () => {
  it.each([
    [
      '<title> without its " - Site" suffix',
      '<title>Ferry strike enters third day - Harbour Times</title>',
      'Ferry strike enters third day',
      'Harbour Times',
    ],
    [
      'h1 before <title>',
      '<title>Harbour Times</title></head><body><h1>Ferry strike enters third day</h1>',
      'Ferry strike enters third day',
      null,
    ],
    [
      'og:title first',
      '<meta property="og:title" content="Ferry strike enters third day"><title>Ferries | Harbour Times</title>',
      'Ferry strike enters third day',
      null,
    ],
  ])('HTML: %s', (_, head, title, site) => {
    const html = `<html><head>${head}<body><article><p>${BODY}</p><p>${BODY}</p></article></body></html>`;
    const a = articleOf(html, 'text/html');
    expect(a.title).toBe(title);
    if (site) expect(a.site).toBe(site);
  });

  it('takes a headline as the last line when the text opens with prose', () => {
    const a = articleOf(`${BODY}\n\n${BODY}\n\nRiver Orrin breaks its banks near Kalmar`);
    expect(a.title).toBe('River Orrin breaks its banks near Kalmar');
    expect(a.text).toBe(`${BODY}\n\n${BODY}`);
    expect(withoutOffsets(a.removed)).toEqual([
      { text: 'River Orrin breaks its banks near Kalmar', reason: 'extract/title' },
    ]);
  });

  it('splits a "Title | Site" first line and a domain banner is the site, not the title', () => {
    const a = articleOf(`meridianherald.example.com\nValley schools reopen after floods | Meridian Herald\n\n${BODY}`);
    expect(a.title).toBe('Valley schools reopen after floods');
    expect(reasons(a)).toEqual(['banner', 'title']);
  });

  it('treats raw.meta.title as known, so its line in the text is a repeat', () => {
    const a = articleOf(`Valley schools reopen after floods\n\n${BODY}`, 'text/plain', {
      title: 'Valley schools reopen after floods',
      site: 'Meridian Herald',
    });
    expect(a.title).toBe('Valley schools reopen after floods');
    expect(a.site).toBe('Meridian Herald');
    expect(reasons(a)).toEqual(['repeated-title']);
  });

  it('warns when no title is found', () => {
    const { article, diagnostics } = run(`${BODY} ${BODY}`);
    expect(article?.title).toBeNull();
    expect(diagnostics.map((d) => [d.severity, d.rule])).toContainEqual(['warning', 'extract/missing-title']);
  });
});

describe('extractArticle: inline related links', () => {
  it('cuts "Read also: <headline>." out of a single paragraph', () => {
    const a = articleOf(
      'Officials in Dovrel confirmed on Monday that the bridge would stay closed. Read also: Dovrel bridge repairs delayed again. Engineers found cracks in two of the supporting pillars, the city said.',
    );
    expect(a.text).toBe(
      'Officials in Dovrel confirmed on Monday that the bridge would stay closed. Engineers found cracks in two of the supporting pillars, the city said.',
    );
    expect(withoutOffsets(a.removed)).toEqual([
      { text: 'Read also: Dovrel bridge repairs delayed again.', reason: 'extract/related-links' },
    ]);
  });

  it('READ MORE lists with bullets are removed until prose returns', () => {
    const a = articleOf(
      `${BODY}\n\nREAD MORE:\n- Dovrel bridge repairs delayed again\n- Kalmar mayor resigns\n\n${BODY}`,
    );
    expect(reasons(a)).toEqual(['related-links', 'related-links', 'related-links']);
    expect(a.text).toBe(`${BODY}\n\n${BODY}`);
  });

  describe('negative cases', () => {
    it.each([
      'Police said the two fires were related: both started in empty warehouses owned by the same company.',
      'Residents who read more than one newspaper said the coverage had been confusing and contradictory for weeks.',
    ])('keeps %s', (sentence) => {
      const a = articleOf(`${sentence} ${BODY}`);
      expect(a.text).toBe(`${sentence} ${BODY}`);
      expect(withoutOffsets(a.removed)).toEqual([]);
    });
  });
});

describe('extractArticle: empty body', () => {
  it('is fatal for an HTML page without an article', () => {
    const html = `<html><head><title>Search | Harbour Times</title></head><body><nav><a>Home</a><a>Local</a></nav>
      <form><input name="q"><button>Search</button></form><footer>© 2026 Harbour Times</footer></body></html>`;
    const { article, diagnostics } = run(html, 'text/html');
    expect(article).toBeNull();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'fatal', stage: 'extract', rule: 'extract/empty-body' });
    expect(diagnostics[0]?.reason).toMatch(
      /^Unexpected page without article text, expected at least 80 characters of body/,
    );
  });

  it('is fatal when only boilerplate remains in a text file', () => {
    const { article, diagnostics } = run('THE MERIDIAN HERALD\nShare this article\nLeave a comment\nAdvertisement');
    expect(article).toBeNull();
    expect(diagnostics.map((d) => d.rule)).toEqual(['extract/empty-body']);
  });

  it('honours minBodyChars and rejects unknown options', () => {
    expect(run(BODY, 'text/plain').article).not.toBeNull();
    expect(
      extractArticle(
        { origin: 'x', content: BODY, mediaType: 'text/plain', contentHash: HASH, meta: {} },
        { minBodyChars: 500 },
      ).article,
    ).toBeNull();
    expect(() =>
      extractArticle({ origin: 'x', content: BODY, mediaType: 'text/plain', contentHash: HASH, meta: {} }, {
        minChars: 5,
      } as ExtractOptions),
    ).toThrow(TypeError);
  });
});

describe('extractArticle: wire credits', () => {
  it.each([
    ['AP dateline', `KALMAR, Valdoria (AP) — ${BODY}`, ['AP']],
    ['Reuters dateline with date', `PORT AVEL, March 12 (Reuters) - ${BODY}`, ['Reuters']],
    ['bare AFP dateline', `(AFP) - ${BODY}`, ['AFP']],
    ['closing "— AFP" line', `${BODY}\n\n— AFP`, ['AFP']],
    ['closing "- Reuters" in the paragraph', `${BODY} - Reuters`, ['Reuters']],
    ['two agencies closing', `${BODY}\n\n— AFP/Reuters`, ['AFP', 'Reuters']],
    ['byline with the agency', `By Lena Morrow, Associated Press\n\n${BODY}`, ['AP']],
    ['byline of the agency only', `By AFP\n\n${BODY}`, ['AFP']],
    ['copyright line', `${BODY}\n\nCopyright 2026 The Associated Press. All rights reserved.`, ['AP']],
    ['additional reporting', `${BODY}\n\n(Additional reporting by Reuters)`, ['Reuters']],
    ['dpa and Yonhap', `BERLIN (dpa) - ${BODY}\n\n- Yonhap`, ['dpa', 'Yonhap']],
  ])('%s', (_, content, wire) => {
    expect(articleOf(content).wire).toEqual(wire);
  });

  it('an agency byline is never the author', () => {
    expect(articleOf(`By AFP\n\n${BODY}`).author).toBeNull();
    expect(articleOf(`By Lena Morrow and Tomas Ek, Reuters\n\n${BODY}`).author).toBe('Lena Morrow and Tomas Ek');
  });

  describe('negative cases', () => {
    it.each([
      ['"Reuters reported"', `Reuters reported on Monday that ${BODY}`],
      ['"told AFP"', `${BODY} "We will rebuild," the mayor told AFP.`],
      ['photo credit line', `${BODY}\n\nPhoto: Reuters`],
      ['caption with an AFP photo credit', `${BODY}\n\nRescuers search the riverbank. (Photo: Tomas Ek/AFP)`],
      ['AP Photo credit', `${BODY}\n\nA man carries sandbags. (AP Photo/Ida Ren)`],
      ['agency in a sentence', `${BODY} The AFP office in Kalmar was also flooded.`],
    ])('%s', (_, content) => {
      expect(articleOf(content).wire).toEqual([]);
    });
  });
});

describe('extractArticle: bylines', () => {
  it('removes a byline line and keeps its author', () => {
    const a = articleOf(`By LENA MORROW | March 12, 2026\n\n${BODY}`);
    expect(a.author).toBe('Lena Morrow');
    expect(a.published.date).toBe('2026-03-12');
    expect(reasons(a)).toEqual(['byline']);
  });

  describe('negative cases', () => {
    it.each([
      'By Tuesday evening the water had reached the town hall, officials said.',
      'By Sunday, thousands had fled.',
      'By the time rescuers arrived, the bridge had collapsed.',
    ])('keeps %s', (sentence) => {
      const a = articleOf(`${sentence}\n\n${BODY}`);
      expect(a.author).toBeNull();
      expect(a.text.startsWith(sentence)).toBe(true);
    });
  });
});

describe('extractArticle: published dates', () => {
  it.each([
    ['Published: 12 March 2026', '2026-03-12'],
    ['March 12, 2026 09:41 GMT', '2026-03-12'],
    ['Updated 14/03/2026', '2026-03-14'],
    ['Mon 16 Mar 2026', '2026-03-16'],
    ['Posted on Thursday, 5th February 2026 at 10:15 a.m.', '2026-02-05'],
    ['2026-03-12T09:41:00Z', '2026-03-12'],
  ])('date line %s', (line, date) => {
    const a = articleOf(`Valley schools reopen after floods\n${line}\n\n${BODY}`);
    expect(a.published).toEqual({ date, from: null, to: null, how: 'text', evidence: 'date-line' });
    expect(withoutOffsets(a.removed)).toContainEqual({ text: line, reason: 'extract/dateline-date' });
    expect(a.text).toBe(BODY);
  });

  /** Body with no evidence for either reading: no month name, no weekday, no regional spelling. */
  const NEUTRAL =
    'Engineers from the regional water authority said the level of the Orrin river would keep rising for two more days, and that the bridge would stay closed.';

  it('keeps an ambiguous numeric date as an honest range when nothing decides', () => {
    const a = articleOf(`03/04/2026\n\n${NEUTRAL}`);
    expect(a.published).toEqual({
      date: null,
      from: '2026-03-04',
      to: '2026-04-03',
      how: 'text',
      evidence: 'date-line',
    });
  });

  it.each([
    ['dotted dates are day-first', `11.03.2026 16:40\n\n${NEUTRAL}`, '2026-03-11', 'date-line'],
    [
      'another numeric date reads one way only',
      `03/04/2026\n\n${NEUTRAL}\n\nUpdated 15/04/2026`,
      '2026-04-03',
      'date-line, dmy by other-numeric-date',
    ],
    [
      'month-first when another date says so',
      `03/04/2026\n\n${NEUTRAL}\n\nFirst published 04/15/2026`,
      '2026-03-04',
      'date-line, mdy by other-numeric-date',
    ],
    ['the weekday on the date line', `Fri 03/04/2026\n\n${NEUTRAL}`, '2026-04-03', 'date-line, dmy by weekday'],
    [
      'a month name in the text',
      `03/04/2026\n\n${NEUTRAL} The works began in March.`,
      '2026-03-04',
      'date-line, mdy by month-name',
    ],
    ['British spelling', `12/03/2026 07:55\n\n${BODY}`, '2026-03-12', 'date-line, dmy by british-spelling'],
  ])('reads an ambiguous numeric date by evidence: %s', (_, content, date, evidence) => {
    expect(articleOf(content).published).toEqual({ date, from: null, to: null, how: 'text', evidence });
  });

  it('US spelling alone does not decide (wire copy is US-spelled everywhere)', () => {
    const a = articleOf(`12/03/2026\n\n${NEUTRAL} The harbor center was closed.`);
    expect(a.published.date).toBeNull();
    expect(a.published.from).toBe('2026-03-12');
  });

  it('reads "6.20pm" and "7:15 pm" on a date line', () => {
    expect(articleOf(`Valley schools reopen after floods\n10 March 2026, 6.20pm\n\n${BODY}`).published.date).toBe(
      '2026-03-10',
    );
    expect(
      articleOf(`Valley schools reopen after floods\nPosted on Friday, March 13th 2026 at 7:15 pm\n\n${BODY}`).published
        .date,
    ).toBe('2026-03-13');
  });

  it.each([
    [
      'JSON-LD',
      '<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2026-02-28T08:00:00Z"}]}</script>',
      '2026-02-28',
      'json-ld[datePublished]',
    ],
    [
      '<time datetime>',
      '</head><body><article><time datetime="2026-01-09">9 Jan</time>',
      '2026-01-09',
      'time[datetime]',
    ],
    ['meta name=date', '<meta name="date" content="2025-12-31">', '2025-12-31', 'meta[date]'],
  ])('HTML metadata: %s', (_, head, date, evidence) => {
    const html = `<html><head>${head}<p>${BODY}</p><p>${BODY}</p></body></html>`;
    expect(articleOf(html, 'text/html').published).toEqual({ date, from: null, to: null, how: 'metadata', evidence });
  });

  it('reads the URL date and raw.meta.published', () => {
    const html = `<html><body><article><p>${BODY}</p></article></body></html>`;
    expect(
      articleOf(html, 'text/html', { url: 'https://example.test/news/2026/03/12/floods' }).published,
    ).toMatchObject({
      date: '2026-03-12',
      evidence: 'url',
    });
    expect(articleOf(BODY, 'text/plain', { published: 'Thu, 12 Mar 2026 09:41:00 GMT' }).published).toMatchObject({
      date: '2026-03-12',
      how: 'metadata',
      evidence: 'meta.published',
    });
  });

  describe('negative cases', () => {
    it.each([
      ['a date inside a sentence', `The council first met on 12 March 2026 to discuss the plan. ${BODY}`],
      ['no date at all', BODY],
      ['an impossible date', `31/02/2026\n\n${BODY}`],
    ])('%s stays unknown', (_, content) => {
      const { article, diagnostics } = run(content);
      expect(article?.published).toEqual({ date: null, from: null, to: null, how: 'unknown' });
      expect(diagnostics.map((d) => d.rule)).toContain('extract/unknown-date');
    });
  });
});

describe('extractArticle: boilerplate lines', () => {
  it.each([
    ['cookie-notice', 'We use cookies to give you the best experience on our website.'],
    ['newsletter', 'Sign up for our daily newsletter to get the headlines in your inbox.'],
    ['advertisement', 'ADVERTISEMENT'],
    ['subscription', 'Support independent journalism from just £1 a month.'],
    ['paywall', 'This article is for subscribers only.'],
    ['share-prompt', 'Facebook Twitter WhatsApp Email'],
    ['comment-form', 'Your email address will not be published.'],
    ['navigation', 'Home > World > Europe'],
    ['photo-credit', 'Credit: Ida Ren for the Meridian Herald'],
    ['credits', '(Reporting by Lena Morrow; Editing by Tomas Ek)'],
    ['credits', 'Associated Press writer Ola Brun in Dovrel, Valdoria, contributed to this report.'],
    ['share-prompt', 'Share on Facebook Share on X Email'],
    ['share-prompt', 'Like this story? Share on Facebook Share on X Email'],
    ['share-prompt', 'Share: VK | Telegram | Facebook'],
    ['comment-form', 'Comments (22) | Leave a comment'],
    ['comment-form', 'Comments: 0 | To leave comment, please enter'],
    ['comment-form', 'Leave a comment · Comments (33)'],
    ['newsletter', 'SIGN UP for The Kalmar Morning Briefing — the top stories in your inbox by 7am. Enter your email'],
    ['newsletter', 'Newsletter: Get Kalmar news in your inbox every evening. Sign up free.'],
    ['newsletter', 'Herald newsletters: Markets Open, Markets Close. Sign up now'],
    ['paywall', 'You have reached your limit of 5 free articles this month. Subscribe from 9 euros a month.'],
    ['paywall', 'The Ledger is free to read for 3 articles a month. Subscribe for unlimited access.'],
    ['subscription', 'Subscribe to the Kalmar Herald for unlimited access to our coverage. First month free.'],
    ['subscription', 'Unlimited access to trusted business journalism. First 4 weeks for €1.'],
    ['advertisement', 'Sponsored: 7 gadgets every traveller needs this spring'],
    ['tags', 'Tags: floods, Kalmar, weather'],
    ['disclaimer', 'Translated automatically. The editorial board is not responsible for quality of translation.'],
    ['disclaimer', 'Digest aggregates headlines from trusted providers. Content remains the property of its owners.'],
    ['market-data', 'Markets data: LDX index closed down 0.8% on Monday. Valdor steady.'],
    ['source-credit', 'Source: AP | 4 min read'],
    ['navigation', 'Markets · Companies · Economy · World · Opinion'],
    ['copyright', '© 2026 The Kalmar Herald. All rights reserved. Cookie settings | Privacy | Terms'],
  ])('%s: %s', (reason, line) => {
    const a = articleOf(`${BODY}\n\n${line}\n\n${BODY}`);
    expect(withoutOffsets(a.removed)).toEqual([{ text: line, reason: `extract/${reason}` }]);
    expect(a.text).toBe(`${BODY}\n\n${BODY}`);
  });

  describe('negative cases', () => {
    it.each([
      'Reporting by the Herald found that inspections had been skipped for three years.',
      'Share prices of the water company fell 12% on Monday.',
      'World leaders sent messages of support to the valley.',
      'The company said it is not responsible for the collapse of the dam, a claim the regulator disputed.',
      'Residents shared photos on Facebook and WhatsApp of the flooded streets near the harbour.',
      'Comments by the minister on Tuesday angered residents who had lost their homes.',
      'Tags on the crates showed they had been shipped from Dovrel in January.',
    ])('keeps %s', (line) => {
      const a = articleOf(`${BODY}\n\n${line}`);
      expect(a.text).toBe(`${BODY}\n\n${line}`);
    });
  });
});

describe('extractArticle: language', () => {
  it('detects French and returns null for undetermined text', () => {
    const fr =
      "Les habitants de la vallée ont quitté leurs maisons mardi après la crue de la rivière, selon les autorités locales qui ont ouvert des centres d'accueil dans les écoles.";
    expect(articleOf(fr).language).toBe('fr');
    expect(
      articleOf('1234 5678 9012 3456 7890 1234 5678 9012 3456 7890 1234 5678 9012 3456 7890 1234 5678 9012.').language,
    ).toBeNull();
  });

  it.each([
    [
      'pt',
      'A prefeitura de Lindgate anunciou nesta terça-feira que a nova linha de bonde vai ligar o porto ao hospital. O projeto, que custa 40 milhões de euros, foi aprovado por 31 votos a 12, e as obras começam em março. "É um dia histórico para a cidade", disse a vereadora Ana Brito, que defendeu o plano desde 2024. A oposição afirma que o orçamento não inclui a manutenção dos trilhos.',
    ],
    [
      'es',
      'El gobierno de Valdor aprobó el martes un plan para proteger a los agricultores de la sequía, que ha reducido la cosecha de trigo a la mitad. Según el ministro de Agricultura, las ayudas llegarán a más de 8.000 familias antes del verano. Los sindicatos del campo dicen que el dinero no basta y que las protestas en la capital seguirán la próxima semana, con tractores en las calles del centro.',
    ],
    [
      'it',
      'Il consiglio comunale di Brenmouth ha approvato ieri sera il nuovo piano per il traffico, che chiude il centro storico alle auto dalle otto alle venti. Secondo il sindaco, la misura ridurrà lo smog del trenta per cento in due anni. I commercianti della via principale non sono d’accordo e hanno raccolto più di duemila firme contro la chiusura, che entra in vigore il primo di aprile.',
    ],
    [
      'de',
      'Die Stadt Aldmere hat am Dienstag die alte Brücke über den Fluss für den Verkehr gesperrt, nachdem Ingenieure Risse in zwei Pfeilern gefunden hatten. Nach Angaben der Verwaltung dauert die Reparatur mindestens sechs Monate. Pendler müssen mit längeren Wegen rechnen, denn die nächste Brücke liegt zwölf Kilometer flussabwärts. Der Bürgermeister sprach von einer schwierigen, aber nicht vermeidbaren Entscheidung.',
    ],
    [
      'id',
      'Pemerintah kota Kalmar mengumumkan pada hari Senin bahwa sekolah akan dimulai satu jam lebih lambat selama musim dingin. Menurut dinas pendidikan, keputusan ini diambil setelah survei terhadap lebih dari lima ribu orang tua dan guru. Banyak siswa harus berjalan kaki dalam gelap pada pagi hari, dan dengan aturan baru ini mereka akan tiba di sekolah saat matahari sudah terbit.',
    ],
  ])('does not take %s news for English', (code, text) => {
    expect(articleOf(text).language).toBe(code);
  });

  it('detects English prose dense with names and numbers, where function words are rarer', () => {
    const en =
      'Kestrelgrad Metro fares rise 12 percent from January, Transport Commissioner Ilona Varga announced Tuesday. Single tickets go to 2.40 crowns; monthly passes to 58 crowns. Varga cited energy costs, new Line 4 trains and higher wages. Riders groups, the Green Party and Mayor Piet Janssen criticised the timing, weeks before municipal elections. Students and pensioners keep their discounts, the ministry said.';
    expect(articleOf(en).language).toBe('en');
  });
});

describe('extractArticle: the top of a plain-text page', () => {
  const page = (top: string) => articleOf(`${top}\n\n${BODY}\n\n${BODY}`);

  it.each([
    [
      'tagline under the masthead',
      'KALMAR DAILY\nNews from the valley and the world\n\nFloods force thousands from homes in Kalmar valley',
    ],
    [
      'tagline with sentence ends',
      'KALMAR TODAY\nYour valley. Your news.\n\nRegions | Kalmar\n\nFloods force thousands from homes in Kalmar valley',
    ],
    [
      'tagline ending in a masthead word',
      "KALMAR HERALD\nThe valley's independent voice\n\nFloods force thousands from homes in Kalmar valley",
    ],
    [
      'menu with middle dots',
      'KALMAR LEDGER\nMarkets · Companies · Economy · World · Opinion\n\nFloods force thousands from homes in Kalmar valley',
    ],
    [
      'kicker with a named section',
      'THE KALMAR POST\n\nNATIONAL | Kalmar floods\n\nFloods force thousands from homes in Kalmar valley',
    ],
    [
      'site and section after the headline',
      'Floods force thousands from homes in Kalmar valley\n\nKALMAR HERALD | Business | Technology\n10 March 2026, 6.20pm',
    ],
  ])('%s: the headline is the title', (_, top) => {
    const a = page(top);
    expect(a.title).toBe('Floods force thousands from homes in Kalmar valley');
    expect(a.site).toMatch(/^Kalmar (?:Daily|Today|Herald|Ledger|Post)$|^The Kalmar Post$/);
    expect(a.text).toBe(`${BODY}\n\n${BODY}`);
  });

  it('records the tagline, menu and kicker with their reasons', () => {
    const a = page(
      'KALMAR DAILY\nNews from the valley and the world\nHome | World | Sport\n\nLOCAL | Dovrel\n\nFloods force thousands from homes in Kalmar valley',
    );
    expect(reasons(a)).toEqual(['banner', 'tagline', 'navigation', 'category-label', 'title']);
  });

  it('a masthead aggregator with its tagline on one line gives the site', () => {
    const a = page(
      'KalmarWire Digest — the headlines in one place\n\nFloods force thousands from homes in Kalmar valley',
    );
    expect(a.site).toBe('KalmarWire Digest');
    expect(a.title).toBe('Floods force thousands from homes in Kalmar valley');
  });

  it('a one-word section menu is navigation, not a masthead', () => {
    const a = page(
      'KALMAR DAILY VOICE | English edition\nNews | Politics | Defense | Society | Sport\n\nFloods force thousands from homes in Kalmar valley',
    );
    expect(reasons(a)).toEqual(['banner', 'navigation', 'title']);
    expect(a.site).toBe('Kalmar Daily Voice');
  });

  describe('negative cases', () => {
    it('a lone line under the masthead is the headline, not a tagline', () => {
      const a = page('KALMAR DAILY\nFloods force thousands from homes');
      expect(a.title).toBe('Floods force thousands from homes');
    });

    it('a headline with a colon is not a kicker', () => {
      const a = page('Kalmar floods: thousands leave their homes');
      expect(a.title).toBe('Kalmar floods: thousands leave their homes');
    });
  });
});

describe('extractArticle: bylines without "By"', () => {
  it.each([
    ['Published: 13 March 2026\nSana Mirza in Lindgate', 'Sana Mirza', '2026-03-13'],
    ['Anders Kvist, Foreign Editor', 'Anders Kvist', null],
    ['Roman Siska, Business Reporter · 20 March 2026', 'Roman Siska', '2026-03-20'],
  ])('%s under the headline', (lines, author, date) => {
    const line = lines.split('\n').pop() as string;
    const a = articleOf(`Floods force thousands from homes in Kalmar valley\n${lines}\n\n${BODY}`);
    expect(a.author).toBe(author);
    expect(a.published.date).toBe(date);
    expect(withoutOffsets(a.removed)).toContainEqual({ text: line, reason: 'extract/byline' });
    expect(a.text).toBe(BODY);
  });

  it('two authors with places: "By A in X and B in Y"', () => {
    const a = articleOf(`By Jakub Ferenc in Brenmouth and Lidia Markova in Merida City\n\n${BODY}`);
    expect(a.author).toBe('Jakub Ferenc and Lidia Markova');
  });

  it('an HTML byline element is cut to the name', () => {
    const html = `<html><head><meta property="og:title" content="Floods force thousands from homes"></head><body><article>
<p class="byline">By Sofia Lindahl, Labour Correspondent · <time datetime="2026-03-12">12 March 2026</time></p>
<p>${BODY}</p><p>${BODY}</p></article></body></html>`;
    expect(articleOf(html, 'text/html').author).toBe('Sofia Lindahl');
  });

  it('an HTML meta line without a byline class: "By Hanne Solvik · <time>"', () => {
    const html = `<html><head><meta property="og:title" content="Floods force thousands from homes"></head><body><article>
<div class="article-meta">By Hanne Solvik · <time datetime="2026-03-11">11 March 2026</time> · 5 min read</div>
<p>${BODY}</p><p>${BODY}</p></article></body></html>`;
    expect(articleOf(html, 'text/html').author).toBe('Hanne Solvik');
  });

  it('an HTML paragraph opening "By Tuesday the water…" is prose, not a byline', () => {
    const html = `<html><head><meta property="og:title" content="Floods force thousands from homes"></head><body><article>
<p>By Tuesday the water had gone down in Dovrel.</p><p>${BODY}</p><p>${BODY}</p></article></body></html>`;
    expect(articleOf(html, 'text/html').author).toBeNull();
  });

  describe('negative cases', () => {
    it.each([
      'Marta Leclercq, the provincial governor',
      'Floods in Kalmar',
      'Rescue Teams in Dovrel',
      'Published: 13 March 2026\nFloods in Kalmar',
    ])('keeps %s', (line) => {
      const a = articleOf(`Floods force thousands from homes in Kalmar valley\n${line}\n\n${BODY}`);
      expect(a.author).toBeNull();
    });
  });
});

describe('extractArticle: lists and captions inside the body', () => {
  it('a related list item phrased as a question is part of the list', () => {
    const a = articleOf(
      `${BODY}\n\nRelated:\nKalmar mayor resigns over housing plan\nAre your passwords safe? Five steps to take today\n\n${BODY}`,
    );
    expect(a.text).toBe(`${BODY}\n\n${BODY}`);
    expect(reasons(a)).toEqual(['related-links', 'related-links', 'related-links']);
  });

  it('"Photo caption: … (Photo: …)" keeps the credit apart', () => {
    const a = articleOf(
      `${BODY}\n\nPhoto caption: The mayor speaks in Dovrel. (Photo: Ida Ren/Kalmar Daily)\n\n${BODY}`,
    );
    expect(withoutOffsets(a.removed)).toEqual([
      { text: 'Photo caption: The mayor speaks in Dovrel.', reason: 'extract/caption' },
      { text: '(Photo: Ida Ren/Kalmar Daily)', reason: 'extract/photo-credit' },
    ]);
  });

  it('an HTML promo block saying SUBSCRIBE is a subscription, not a related link', () => {
    const html = `<html><head><meta property="og:title" content="Floods force thousands from homes"></head><body><article>
<p>${BODY}</p><div class="promo">SUBSCRIBE: Unlimited access to The Kalmar Post for 9 euros a month. Cancel anytime.</div><p>${BODY}</p></article></body></html>`;
    expect(reasons(articleOf(html, 'text/html'))).toEqual(['subscription']);
  });
});

describe('extractArticle: wire credit from a source line', () => {
  it('"Source: AP | 4 min read" credits AP', () => {
    expect(articleOf(`Source: AP | 4 min read\n\n${BODY}`).wire).toEqual(['AP']);
  });

  it('"Source: Kalmar city council" credits no wire', () => {
    expect(articleOf(`${BODY}\n\nSource: Kalmar city council`).wire).toEqual([]);
  });
});
