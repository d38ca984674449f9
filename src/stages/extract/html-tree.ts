/**
 * HTML string → a light DOM tree, built exactly as htmlparser2's `parseDocument` builds it
 * (same elements, attributes, text, implied end tags, start and end indices), several times faster.
 *
 * Why hand-written: htmlparser2's tokenizer is a state machine that looks at every character
 * through a `switch`, and its parser and domhandler fire a callback per event; on news pages that
 * was a third of the whole extraction. Three quarters of a page's bytes (once scripts and styles
 * are cut) sit inside tags (`class`, `href`, `srcset`…), so this walks text and quoted values with
 * native `indexOf` and builds nodes of one shape directly. The tree-construction rules (implied end
 * tags, void elements, foreign SVG/MathML context, raw-text elements) are htmlparser2 10's, kept in
 * the tables below (MIT licence, © Felix Böhm); entities are decoded by `entities`, the decoder
 * htmlparser2 itself uses. `html-tree.test.ts` checks the trees against htmlparser2's on messy input.
 *
 * Limits (as htmlparser2): not the WHATWG tree-construction algorithm (no table fostering, no
 * adoption agency); a tag cut off by the end of the document is dropped.
 */
import { DecodingMode, decodeHTML, decodeHTMLAttribute } from 'entities/decode';

/** `root` is the document; `script` and `style` are elements, typed apart as domhandler does. */
export type HtmlNodeType = 'root' | 'tag' | 'script' | 'style' | 'text' | 'comment' | 'directive';

/** One node of the tree; every kind has the same fields, so walks over the tree stay monomorphic. */
export class HtmlNode {
  type: HtmlNodeType;
  /** Lower-case tag name of an element, `!doctype`/`?xml` of a directive, '' otherwise. */
  tagName: string;
  attribs: Record<string, string>;
  /** Child nodes of the root and of elements; null for text, comments and directives. */
  children: HtmlNode[] | null;
  parent: HtmlNode | null = null;
  prev: HtmlNode | null = null;
  next: HtmlNode | null = null;
  /** Text of a text node or comment, the whole directive (`!DOCTYPE html`); '' for elements. */
  data: string;
  /** Offset of the node's `<` in the parsed string. */
  startIndex: number;
  /** Offset of the last character of the node (the `>` of its end tag when it has one). */
  endIndex: number;

  constructor(
    type: HtmlNodeType,
    tagName: string,
    attribs: Record<string, string>,
    children: HtmlNode[] | null,
    data: string,
    startIndex: number,
    endIndex: number,
  ) {
    this.type = type;
    this.tagName = tagName;
    this.attribs = attribs;
    this.children = children;
    this.data = data;
    this.startIndex = startIndex;
    this.endIndex = endIndex;
  }
}

const NO_ATTRIBS: Record<string, string> = Object.freeze({}) as Record<string, string>;

// Tree-construction tables of htmlparser2 10 (Parser.ts).
const FORM_TAGS = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const P_TAG = new Set(['p']);
const TABLE_SECTION_TAGS = new Set(['thead', 'tbody']);
const DDT_TAGS = new Set(['dd', 'dt']);
const RTP_TAGS = new Set(['rt', 'rp']);
const OPEN_IMPLIES_CLOSE = new Map<string, ReadonlySet<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['li', new Set(['li'])],
  ['p', P_TAG],
  ['h1', P_TAG],
  ['h2', P_TAG],
  ['h3', P_TAG],
  ['h4', P_TAG],
  ['h5', P_TAG],
  ['h6', P_TAG],
  ['select', FORM_TAGS],
  ['input', FORM_TAGS],
  ['output', FORM_TAGS],
  ['button', FORM_TAGS],
  ['datalist', FORM_TAGS],
  ['textarea', FORM_TAGS],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', DDT_TAGS],
  ['dt', DDT_TAGS],
  ['address', P_TAG],
  ['article', P_TAG],
  ['aside', P_TAG],
  ['blockquote', P_TAG],
  ['details', P_TAG],
  ['div', P_TAG],
  ['dl', P_TAG],
  ['fieldset', P_TAG],
  ['figcaption', P_TAG],
  ['figure', P_TAG],
  ['footer', P_TAG],
  ['form', P_TAG],
  ['header', P_TAG],
  ['hr', P_TAG],
  ['main', P_TAG],
  ['nav', P_TAG],
  ['ol', P_TAG],
  ['pre', P_TAG],
  ['section', P_TAG],
  ['table', P_TAG],
  ['ul', P_TAG],
  ['rt', RTP_TAGS],
  ['rp', RTP_TAGS],
  ['tbody', TABLE_SECTION_TAGS],
  ['tfoot', TABLE_SECTION_TAGS],
]);
const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
const FOREIGN_CONTEXT_ELEMENTS = new Set(['math', 'svg']);
const HTML_INTEGRATION_ELEMENTS = new Set([
  'mi',
  'mo',
  'mn',
  'ms',
  'mtext',
  'annotation-xml',
  'foreignobject',
  'desc',
  'title',
]);
/** Elements whose content is raw text up to their end tag; `title` (only) decodes entities in it. */
const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'title', 'textarea', 'xmp']);
/** The end tag of a raw-text element: `</name` followed by `>` or whitespace, any case. */
const RAW_TEXT_END = new Map(
  [...RAW_TEXT_ELEMENTS].map((name) => [name, new RegExp(`</${name}[\\t\\n\\f\\r >]`, 'gi')]),
);

const GT = 62;
const SLASH = 47;
const EQ = 61;
const DQ = 34;
const SQ = 39;
const BANG = 33;
const QUESTION = 63;
const DASH = 45;
const BRACKET = 91;

/** Whitespace as the HTML tokenizer sees it (space, \t, \n, \f, \r). */
function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 12 || c === 13;
}

function isAlpha(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Options of {@link parseHtml}. */
export interface ParseHtmlOptions {
  /**
   * Keep only these attributes: name → the tags it is kept on (null: on every tag). Reading and
   * storing attributes no one asks for (`href` on every link, `srcset`, `data-*`) was most of the
   * parse; without this option every attribute is kept.
   */
  attributes?: ReadonlyMap<string, ReadonlySet<string> | null>;
}

/** Parse a whole document; the root's children are the top-level nodes. */
export function parseHtml(html: string, options: ParseHtmlOptions = {}): HtmlNode {
  return new TreeBuilder(html, options.attributes ?? null).run();
}

class TreeBuilder {
  private readonly html: string;
  private readonly root: HtmlNode;
  /** Open elements, innermost last (the root is not in it). */
  private readonly stack: HtmlNode[] = [];
  /** Inside <svg>/<math> (true) or back in HTML (false), innermost last. */
  private readonly foreign: boolean[] = [false];
  /** The text node that text read next is appended to (domhandler merges adjacent text). */
  private lastText: HtmlNode | null = null;
  /** htmlparser2's `startIndex`/`endIndex` of the last event: where new nodes start and open ones end. */
  private start = 0;
  private end = 0;

  private readonly keep: ReadonlyMap<string, ReadonlySet<string> | null> | null;
  /** Lengths of the kept attribute names: any other name is skipped without being sliced. */
  private readonly keepLengths: ReadonlySet<number>;

  constructor(html: string, keep: ReadonlyMap<string, ReadonlySet<string> | null> | null) {
    this.html = html;
    this.keep = keep;
    this.keepLengths = new Set(keep ? [...keep.keys()].map((k) => k.length) : []);
    this.root = new HtmlNode('root', '', NO_ATTRIBS, [], '', 0, html.length);
  }

  run(): HtmlNode {
    const html = this.html;
    const len = html.length;
    let pos = 0;
    /** Start of the text not yet emitted. */
    let textStart = 0;
    /** Index of the end of a tag cut off by the end of the document: nothing after it is read. */
    let cutOff = false;
    while (pos < len) {
      const lt = html.indexOf('<', pos);
      if (lt < 0 || lt + 1 >= len) break;
      const c = html.charCodeAt(lt + 1);
      let next: number;
      if (isAlpha(c)) {
        this.flushText(textStart, lt);
        next = this.openTag(lt);
      } else if (c === SLASH) {
        let j = lt + 2;
        while (j < len && isWs(html.charCodeAt(j))) j++;
        if (j >= len) break; // "</" at the end is text
        if (html.charCodeAt(j) === GT) {
          pos = j + 1; // "</>" stays in the text, as htmlparser2 leaves it
          continue;
        }
        this.flushText(textStart, lt);
        next = isAlpha(html.charCodeAt(j)) ? this.closeTagAt(j) : this.bogusComment(j);
      } else if (c === BANG) {
        this.flushText(textStart, lt);
        next = this.declaration(lt + 2);
      } else if (c === QUESTION) {
        this.flushText(textStart, lt);
        next = this.processingInstruction(lt + 2);
      } else {
        pos = lt + 1; // "a < b": the "<" is text
        continue;
      }
      if (next < 0) {
        cutOff = true;
        break;
      }
      pos = textStart = next;
    }
    if (!cutOff && textStart < len) this.flushText(textStart, len);
    // End of document: every open element ends here.
    this.end = this.start;
    while (this.stack.length > 0) this.closeTop();
    return this.root;
  }

  /** Text `[from, to)`, entities decoded (legacy rules: "&amp" without ";" too). */
  private flushText(from: number, to: number, decode = true): void {
    if (to <= from) return;
    const raw = this.html.slice(from, to);
    const data = decode && raw.includes('&') ? decodeHTML(raw, DecodingMode.Legacy) : raw;
    this.end = to - 1;
    if (this.lastText) {
      this.lastText.data += data;
      this.lastText.endIndex = this.end;
    } else {
      const node = new HtmlNode('text', '', NO_ATTRIBS, null, data, 0, 0);
      this.add(node);
      this.lastText = node;
    }
    this.start = to;
  }

  private add(node: HtmlNode): void {
    const parent = this.stack[this.stack.length - 1] ?? this.root;
    const siblings = parent.children as HtmlNode[];
    const prev = siblings[siblings.length - 1];
    node.startIndex = this.start;
    node.endIndex = this.end;
    siblings.push(node);
    if (prev) {
      node.prev = prev;
      prev.next = node;
    }
    node.parent = parent;
    this.lastText = null;
  }

  private closeTop(): void {
    const el = this.stack.pop() as HtmlNode;
    el.endIndex = this.end;
    this.lastText = null;
  }

  /** htmlparser2's `emitOpenTag`: the end tags a start tag implies. */
  private impliedEnds(name: string): void {
    const closes = OPEN_IMPLIES_CLOSE.get(name);
    if (!closes) return;
    while (this.stack.length > 0 && closes.has((this.stack[this.stack.length - 1] as HtmlNode).tagName))
      this.closeTop();
  }

  private element(name: string, attribs: Record<string, string>, startIndex: number): HtmlNode {
    const type = name === 'script' ? 'script' : name === 'style' ? 'style' : 'tag';
    const el = new HtmlNode(type, name, attribs, [], '', 0, 0);
    this.add(el);
    el.startIndex = startIndex;
    return el;
  }

  /** A start tag at `lt`; returns where reading goes on, or -1 when the document ends inside it. */
  private openTag(lt: number): number {
    const html = this.html;
    const len = html.length;
    let i = lt + 2;
    let upper = html.charCodeAt(lt + 1) <= 90;
    for (; i < len; i++) {
      const c = html.charCodeAt(i);
      if (c === GT || c === SLASH || isWs(c)) break;
      if (c >= 65 && c <= 90) upper = true;
    }
    if (i >= len) return -1;
    const name = upper ? html.slice(lt + 1, i).toLowerCase() : html.slice(lt + 1, i);
    const keep = this.keep;
    this.end = i;
    const openStart = this.start;
    this.impliedEnds(name);
    const isVoid = VOID_ELEMENTS.has(name);
    if (!isVoid) {
      if (FOREIGN_CONTEXT_ELEMENTS.has(name)) this.foreign.push(true);
      else if (HTML_INTEGRATION_ELEMENTS.has(name)) this.foreign.push(false);
    }

    // Attributes, following the tokenizer's states (BeforeAttributeName, InAttributeName, …).
    let attribs: Record<string, string> | null = null;
    let selfClosing = false;
    for (;;) {
      if (i >= len) return -1;
      let c = html.charCodeAt(i);
      if (c === GT) break;
      if (c === SLASH) {
        i++;
        while (i < len && isWs(html.charCodeAt(i))) i++;
        if (i >= len) return -1;
        if (html.charCodeAt(i) === GT) {
          selfClosing = true;
          break;
        }
        continue;
      }
      if (isWs(c)) {
        i++;
        continue;
      }
      // The name's first character is taken whatever it is ("=x" is a name).
      const nameStart = i++;
      let upperName = c >= 65 && c <= 90;
      for (; i < len; i++) {
        c = html.charCodeAt(i);
        if (c === EQ || c === GT || c === SLASH || isWs(c)) break;
        if (c >= 65 && c <= 90) upperName = true;
      }
      if (i >= len) return -1;
      let attr: string | null = null;
      if (keep === null || this.keepLengths.has(i - nameStart)) {
        attr = html.slice(nameStart, i);
        if (upperName) attr = attr.toLowerCase();
        if (keep !== null) {
          const tags = keep.get(attr);
          if (tags === undefined || (tags !== null && !tags.has(name))) attr = null;
        }
      }
      while (i < len && isWs(html.charCodeAt(i))) i++;
      if (i >= len) return -1;
      let value = '';
      if (html.charCodeAt(i) === EQ) {
        i++;
        while (i < len && isWs(html.charCodeAt(i))) i++;
        if (i >= len) return -1;
        c = html.charCodeAt(i);
        if (c === DQ || c === SQ) {
          const close = html.indexOf(c === DQ ? '"' : "'", i + 1);
          if (close < 0) return -1;
          if (attr !== null) value = html.slice(i + 1, close);
          i = close + 1;
        } else {
          const valueStart = i;
          for (; i < len; i++) {
            c = html.charCodeAt(i);
            if (c === GT || isWs(c)) break;
          }
          if (i >= len) return -1;
          if (attr !== null) value = html.slice(valueStart, i);
        }
        if (attr !== null && value.includes('&')) value = decodeHTMLAttribute(value);
      }
      if (attr === null) continue;
      attribs ??= {};
      // The first of two same-named attributes wins (kept names are never Object.prototype's).
      if (keep === null ? !Object.hasOwn(attribs, attr) : attribs[attr] === undefined) attribs[attr] = value;
    }

    const gt = i;
    this.end = gt;
    this.start = openStart;
    const el = this.element(name, attribs ?? (keep === null ? {} : NO_ATTRIBS), openStart);
    if (isVoid) {
      this.closeTop0(el);
    } else {
      this.stack.push(el);
      // A self-closing tag ends the element only in SVG/MathML; in HTML "<div/>" stays open.
      if (selfClosing && this.foreign[this.foreign.length - 1] === true) {
        if (this.stack[this.stack.length - 1] === el) this.closeTop();
      }
    }
    this.start = gt + 1;
    if (selfClosing || !RAW_TEXT_ELEMENTS.has(name)) return gt + 1;
    return this.rawText(name, gt + 1);
  }

  /** A void element is ended as soon as it is added (it never enters the stack). */
  private closeTop0(el: HtmlNode): void {
    el.endIndex = this.end;
    this.lastText = null;
  }

  /** The content of a raw-text element up to its end tag, which is then read as one. */
  private rawText(name: string, from: number): number {
    const endRe = RAW_TEXT_END.get(name) as RegExp;
    endRe.lastIndex = from;
    const m = endRe.exec(this.html);
    if (!m) {
      this.flushText(from, this.html.length, name === 'title');
      return this.html.length;
    }
    this.flushText(from, m.index, name === 'title');
    return this.closeTagAt(m.index + 2);
  }

  /** An end tag whose name starts at `at`; returns the offset after its `>`, or -1. */
  private closeTagAt(at: number): number {
    const html = this.html;
    const len = html.length;
    let k = at + 1;
    for (; k < len; k++) {
      const c = html.charCodeAt(k);
      if (c === GT || isWs(c)) break;
    }
    if (k >= len) return -1;
    // Well-formed pages close the innermost element: its name is compared in place, not sliced.
    const top = this.stack[this.stack.length - 1];
    const name =
      top && top.tagName.length === k - at && html.startsWith(top.tagName, at)
        ? top.tagName
        : html.slice(at, k).toLowerCase();
    this.closeTag(name, k);
    const gt = html.charCodeAt(k) === GT ? k : html.indexOf('>', k + 1);
    return gt < 0 ? -1 : gt + 1;
  }

  /** htmlparser2's `onclosetag`. */
  private closeTag(name: string, nameEnd: number): void {
    this.end = nameEnd;
    if (FOREIGN_CONTEXT_ELEMENTS.has(name) || HTML_INTEGRATION_ELEMENTS.has(name)) this.foreign.pop();
    if (!VOID_ELEMENTS.has(name)) {
      let k = this.stack.length - 1;
      while (k >= 0 && (this.stack[k] as HtmlNode).tagName !== name) k--;
      if (k >= 0) {
        while (this.stack.length > k) this.closeTop();
      } else if (name === 'p') {
        // "</p>" without a <p>: an empty paragraph.
        const p = this.element('p', {}, this.start);
        this.stack.push(p);
        this.closeTop();
      }
    } else if (name === 'br') {
      // "</br>" is a <br>.
      this.closeTop0(this.element('br', {}, this.start));
    }
    this.start = nameEnd + 1;
  }

  /** "</3>" and the like: a comment up to the next `>`. */
  private bogusComment(from: number): number {
    const gt = this.html.indexOf('>', from + 1);
    if (gt < 0) {
      this.flushText(from, this.html.length);
      return this.html.length;
    }
    this.comment(this.html.slice(from, gt), gt);
    return gt + 1;
  }

  private comment(data: string, gt: number): void {
    this.end = gt;
    this.add(new HtmlNode('comment', '', NO_ATTRIBS, null, data, 0, 0));
    this.start = gt + 1;
  }

  /** After "<!": a comment, CDATA (a comment in HTML) or a declaration such as "<!DOCTYPE html>". */
  private declaration(d: number): number {
    const html = this.html;
    const len = html.length;
    if (d >= len) return len;
    const c = html.charCodeAt(d);
    let searchFrom = d + 1;
    if (c === BRACKET) {
      let k = 0;
      while (k < 6 && d + 1 + k < len && html.charCodeAt(d + 1 + k) === CDATA_OPEN.charCodeAt(k)) k++;
      if (k === 6) {
        const from = d + 7;
        const close = html.indexOf(']]>', from);
        if (close < 0) {
          this.comment(`[CDATA[${html.slice(from)}]]`, len);
          return len;
        }
        this.comment(`[CDATA[${html.slice(from, close)}]]`, close + 2);
        return close + 3;
      }
      if (d + 1 + k >= len) {
        this.flushText(d, len);
        return len;
      }
      searchFrom = d + 1 + k; // the mismatching character is read again as part of a declaration
    } else if (c === DASH) {
      if (d + 1 >= len) {
        this.flushText(d, len);
        return len;
      }
      if (html.charCodeAt(d + 1) === DASH) {
        // "<!-->" and "<!--->" are whole comments: the opening dashes count towards "-->".
        const close = html.indexOf('-->', d);
        if (close < 0) {
          this.comment(html.slice(d + 2), len);
          return len;
        }
        this.comment(html.slice(d + 2, close), close + 2);
        return close + 3;
      }
      searchFrom = d + 2;
    }
    const gt = html.indexOf('>', searchFrom);
    if (gt < 0) {
      this.flushText(d, len);
      return len;
    }
    this.directive('!', html.slice(d, gt), gt);
    return gt + 1;
  }

  private processingInstruction(from: number): number {
    const gt = this.html.indexOf('>', from);
    if (gt < 0) {
      this.flushText(from, this.html.length);
      return this.html.length;
    }
    this.directive('?', this.html.slice(from, gt), gt);
    return gt + 1;
  }

  private directive(mark: string, value: string, gt: number): void {
    this.end = gt;
    const cut = value.search(NAME_END_RE);
    const name = (cut < 0 ? value : value.slice(0, cut)).toLowerCase();
    this.add(new HtmlNode('directive', `${mark}${name}`, NO_ATTRIBS, null, `${mark}${value}`, 0, 0));
    this.start = gt + 1;
  }
}

const CDATA_OPEN = 'CDATA[';
const NAME_END_RE = /\s|\//;
