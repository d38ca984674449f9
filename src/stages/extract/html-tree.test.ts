import { load } from 'cheerio/slim';
import { describe, expect, it } from 'vitest';
import { type HtmlNode, parseHtml } from './html-tree.js';

/** A tree as lines: depth, type, name, attributes, text, and the indices of elements and comments. */
function lines(node: unknown): string[] {
  const out: string[] = [];
  const walk = (n: Record<string, unknown>, depth: number) => {
    const type = n.type as string;
    const isElement = type === 'tag' || type === 'script' || type === 'style';
    const name = (n.tagName ?? n.name ?? '') as string;
    const attrs = isElement ? JSON.stringify(n.attribs) : '';
    const data = type === 'text' || type === 'comment' || type === 'directive' ? JSON.stringify(n.data) : '';
    const at = isElement || type === 'comment' || type === 'directive' ? `${n.startIndex}-${n.endIndex}` : '';
    out.push(`${depth} ${type} ${name} ${attrs} ${data} ${at}`);
    for (const child of (n.children ?? []) as Record<string, unknown>[]) walk(child, depth + 1);
  };
  walk(node as Record<string, unknown>, 0);
  return out;
}

function htmlparser2Tree(html: string): string[] {
  return lines(load(html, { withStartIndices: true, withEndIndices: true } as never).root()[0]);
}

/** Broken markup as news pages have it, one quirk per document. */
const MESSY: Record<string, string> = {
  'implied end tags': '<p>One<p>Two<div>Three</div><ul><li>a<li>b</ul><table><tr><td>1<td>2<tr><td>3</table>',
  'stray end tags': '<div>Lead</span> text</p> more</br>end</div></section>',
  'unclosed at the end': '<html><body><article><h1>Title</h1><p>Body text',
  'entities in text and attributes':
    '<p title="AT&amp;T &quot;x&quot; &copy" data-x=a&ampb>Caf&eacute; &amp &notit; &#8212; &#x2019;s &nbsp;ok</p>',
  'upper case and duplicates': '<DIV CLASS="Lead" class="second" ID=main>Text</DIV><P Class=x>para</P>',
  'odd attributes': '<a =x href=/path/to/page/ data-empty checked title=\'single "q"\'>link</a><img src=x.jpg/>',
  'self-closing tags': '<div/>inside div<br/><svg><path d="M0"/><title>Icon</title></svg>after<span/>x',
  comments: '<p>a<!-->b<!--->c<!-- real -- comment -->d<!--unclosed',
  'declarations and instructions':
    '<!DOCTYPE html><?xml version="1.0"?><![CDATA[raw <b>]]><!-x>y<!>z</3>w</>v< b a<<p>t',
  'raw text elements':
    '<script type="application/ld+json">{"a":"</scriptx>"}</script><style>p{}</style><title>A &amp; B</title><textarea>&amp;<b></textarea><xmp><i></xmp>end',
  'tag cut off by the end': '<p>text</p><div class="half',
  'end tag cut off': '<p>text</p></di',
  'foreign context': '<math><mi>x</mi><mo/>y</math><p>After<svg><g/><foreignObject><div/>z</foreignObject></svg>',
  'forms and options':
    '<form><select><option>a<option>b<optgroup><option>c</select><input name=q><button>Go</button></form>',
  'headings close paragraphs': '<p>Lead<h2>Sub</h2>Loose<p>Next<blockquote>Q</blockquote>',
  'whitespace in tags': '<p\n class = "a"\tid\n=\'b\' >x</p >< /p><p/ >y',
};

describe('parseHtml', () => {
  it.each(Object.entries(MESSY))('builds the tree htmlparser2 builds: %s', (_, html) => {
    expect(lines(parseHtml(html))).toEqual(htmlparser2Tree(html));
  });

  it('builds the tree htmlparser2 builds for a whole page with a body, scripts and an unclosed paragraph', () => {
    const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta property="og:title" content="Floods hit Kalmar &amp; Orsk">
<link rel="canonical" href="https://example.test/a?x=1&amp;y=2"><script>var a = "<p>";</script></head>
<body class="article-page"><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article itemprop="articleBody"><h1>Floods hit Kalmar</h1><p>By Lena Morrow<p>The river rose 3&nbsp;m overnight.<br><br>Residents left.
<figure><img src="a.jpg" alt="River"><figcaption>The river (Photo: K. Thun/AFP)</figcaption></figure></article>
<footer><p>&copy; 2026 The Meridian Herald</footer></body></html>`;
    expect(lines(parseHtml(page))).toEqual(htmlparser2Tree(page));
  });

  it('keeps only the attributes asked for, on the tags asked for, and the same tree otherwise', () => {
    const html =
      '<meta name="author" content="Lena Morrow"><div class="body" data-id="7" name="x"><a href="/a" rel="author" class="by">Lena</a></div><link rel="canonical" href="/c">';
    const keep = new Map<string, ReadonlySet<string> | null>([
      ['class', null],
      ['rel', null],
      ['name', new Set(['meta'])],
      ['content', new Set(['meta'])],
      ['href', new Set(['link'])],
    ]);
    const root = parseHtml(html, { attributes: keep });
    const elements: HtmlNode[] = [];
    const walk = (n: HtmlNode) => {
      if (n.type === 'tag') elements.push(n);
      for (const c of n.children ?? []) walk(c);
    };
    walk(root);
    expect(elements.map((e) => [e.tagName, e.attribs])).toEqual([
      ['meta', { name: 'author', content: 'Lena Morrow' }],
      ['div', { class: 'body' }],
      ['a', { rel: 'author', class: 'by' }],
      ['link', { rel: 'canonical', href: '/c' }],
    ]);
    const withoutAttributes = (l: string[]) => l.map((line) => line.replace(/ \{.*?\} /, ' '));
    expect(withoutAttributes(lines(root))).toEqual(withoutAttributes(htmlparser2Tree(html)));
  });
});
