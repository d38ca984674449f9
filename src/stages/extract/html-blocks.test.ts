/**
 * Body paragraphs written without `<p>`: divs of bare text, `<br><br>`-separated text, loose text
 * between blocks; and page-wide classes on `<html>`/`<body>` that must not drop the page.
 * Fixtures are fictional.
 */
import { describe, expect, it } from 'vitest';
import { extractHtml } from './html.js';

const PROSE = [
  'The harbour council in Velmora voted on Tuesday to close the old ferry pier for repairs.',
  'Engineers said the timber piles had rotted faster than the last survey had predicted.',
  'Ferry passengers will use a temporary landing stage at the north quay until next spring.',
  'The council said the repair budget would be published with the autumn accounts.',
];

const page = (body: string, bodyAttrs = '') =>
  `<html><head><title>Pier closes</title></head><body${bodyAttrs}>${body}</body></html>`;

const NAV =
  '<div class="links"><a href="/">Home</a> <a href="/w">World news</a> <a href="/b">Business desk</a> <a href="/s">Sport results</a></div>';
const TEASERS = `<div class="more">${[
  'Mayor opens the new library wing',
  'Storm damages the lighthouse roof',
  'Choir wins regional contest prize',
]
  .map((t) => `<div class="item">${t}</div>`)
  .join('')}</div>`;

describe('extractHtml: paragraphs written without <p>', () => {
  const cases: Array<{ name: string; html: string; want: string[]; not?: string[] }> = [
    {
      name: 'divs of bare text, one per paragraph',
      html: page(
        `${NAV}<div class="story">${PROSE.map((p) => `<div class="body__paragraph">${p}</div>`).join('')}</div>`,
      ),
      want: PROSE,
      not: ['World news'],
    },
    {
      name: '<br><br>-separated text in one div',
      html: page(`${NAV}<div id="post-body">${PROSE.join('<br><br>\n')}</div>`),
      want: PROSE,
      not: ['World news'],
    },
    {
      name: 'loose text between blocks, with an inline link kept',
      html: page(
        `${NAV}<div class="content"><h2>Repairs</h2>${PROSE[0]} <a href="/x">More</a> <br><br>${PROSE[1]}<div class="figure"><img src="a.jpg"></div>${PROSE[2]}<br><br>${PROSE[3]}</div>`,
      ),
      want: [`${PROSE[0]} More`, ...PROSE.slice(1)],
      not: ['World news'],
    },
    {
      name: 'a drop word on <body> does not drop the page',
      html: page(`<div>${PROSE.map((p) => `<p>${p}</p>`).join('')}</div>`, ' class="post blog-recirc-group-2"'),
      want: PROSE,
    },
    {
      name: 'a drop word on <html> does not drop the page',
      html: `<html class="ads-enabled"><body><div>${PROSE.map((p) => `<p>${p}</p>`).join('')}</div></body></html>`,
      want: PROSE,
    },
    {
      name: 'a sidebar of short teaser divs is not the body',
      html: page(`<div class="main">${PROSE.map((p) => `<p>${p}</p>`).join('')}</div>${TEASERS}`),
      want: PROSE,
      not: ['Mayor opens the new library wing'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { paragraphs } = extractHtml(c.html);
      const text = paragraphs.join('\n');
      for (const p of c.want) expect(paragraphs).toContain(p);
      for (const n of c.not ?? []) expect(text).not.toContain(n);
    });
  }

  it('a div of nav links is not a paragraph', () => {
    const { paragraphs } = extractHtml(page(`${NAV}${NAV}`));
    expect(paragraphs).toEqual([]);
  });

  it('a short scrap in a div is not a paragraph', () => {
    const html = page(`<div class="story">${PROSE.map((p) => `<p>${p}</p>`).join('')}<div>Advertisement</div></div>`);
    expect(extractHtml(html).paragraphs).toEqual(PROSE);
  });

  it('paragraph tags still win over loose text in their parent', () => {
    const html = page(`<div class="story">${PROSE.map((p) => `<p>${p}</p>`).join('')}</div>`);
    expect(extractHtml(html).paragraphs).toEqual(PROSE);
  });
});
