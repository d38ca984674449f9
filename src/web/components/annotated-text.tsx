/**
 * An article's clean text with its layers highlighted from offsets (UTF-16, `text.slice(start, end)`).
 * The text is cut at every span boundary and each piece is rendered as a text node inside the
 * wrappers of the spans covering it: nothing is ever set as HTML.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { ArticleDetail } from '../api.ts';
import { href } from '../router.ts';

const CLOSING_MARK = /[”"’'»」]/;

export type Layer = 'entities' | 'quotes' | 'claims' | 'times';

interface Mark {
  start: number;
  end: number;
  layer: Layer;
  title: string;
  /** Entities link to their page. */
  link?: string;
  className: string;
  order: number;
}

function marksOf(article: ArticleDetail): Mark[] {
  const marks: Mark[] = [];
  for (const e of article.entities) {
    marks.push({
      start: e.start,
      end: e.end,
      layer: 'entities',
      title: `${e.type}: ${e.text}`,
      link: href.entity(e.entityId),
      className: `hl-entity type-${e.type}`,
      order: 4,
    });
  }
  for (const q of article.quotes) {
    const who = q.speaker ? q.speaker.name : 'unattributed';
    marks.push({
      start: q.start,
      end: q.end,
      layer: 'quotes',
      title: `Quote, ${who}`,
      className: 'hl-quote',
      order: 1,
    });
  }
  for (const c of article.claims) {
    const value = c.valueMax !== null ? `${c.value}–${c.valueMax}` : String(c.value);
    const by = c.claimant ? `, claimed by ${c.claimant.name}` : '';
    const flags = [c.approx, c.hedged ? 'hedged' : null].filter(Boolean).join(', ');
    marks.push({
      start: c.start,
      end: c.end,
      layer: 'claims',
      title: `Claim: ${value} ${c.unit}${by}${flags ? ` (${flags})` : ''}`,
      className: 'hl-claim',
      order: 2,
    });
  }
  for (const t of article.times) {
    marks.push({
      start: t.start,
      end: t.end,
      layer: 'times',
      title: `Time: ${t.value ?? 'unresolved'}`,
      className: 'hl-time',
      order: 3,
    });
  }
  const length = article.text.length;
  return marks.filter((m) => m.start >= 0 && m.end <= length && m.end > m.start);
}

export interface AnnotatedTextProps {
  article: ArticleDetail;
  layers: ReadonlySet<Layer>;
  focus: { start: number; end: number } | null;
}

export function AnnotatedText({ article, layers, focus }: AnnotatedTextProps) {
  const focusRef = useRef<HTMLElement | null>(null);
  const text = article.text;
  const marks = marksOf(article).filter((m) => layers.has(m.layer));
  const focusOk = focus !== null && focus.end > focus.start && focus.start >= 0 && focus.end <= text.length;

  // Quotes end with a link to their speaker, inserted after the quote's last character.
  const speakerAt = new Map<number, ArticleDetail['quotes']>();
  if (layers.has('quotes')) {
    for (const q of article.quotes) {
      if (!q.speaker) continue;
      // After the closing quotation mark (quote spans hold the words, not the marks).
      const at = CLOSING_MARK.test(text[q.end] ?? '') ? q.end + 1 : q.end;
      const list = speakerAt.get(at) ?? [];
      list.push(q);
      speakerAt.set(at, list);
    }
  }

  const cuts = new Set<number>([0, text.length]);
  for (const m of marks) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  for (const at of speakerAt.keys()) cuts.add(at);
  if (focusOk) {
    cuts.add(focus.start);
    cuts.add(focus.end);
  }
  const points = [...cuts].filter((n) => n >= 0 && n <= text.length).sort((a, b) => a - b);

  const out: ComponentChildren[] = [];
  // The evidence span is one <mark> around every piece inside it (the cuts include its ends).
  const inFocus = (start: number, end: number) => focusOk && focus !== null && start >= focus.start && end <= focus.end;
  let focusPieces: ComponentChildren[] | null = null;
  const closeFocus = () => {
    if (focusPieces === null) return;
    out.push(
      <mark
        key="evidence"
        id="evidence"
        class="hl hl-focus"
        tabIndex={-1}
        ref={(el) => {
          focusRef.current = el;
        }}
      >
        {focusPieces}
      </mark>,
    );
    focusPieces = null;
  };
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const covering = marks.filter((m) => m.start <= start && m.end >= end).sort((a, b) => a.order - b.order);
    let node: ComponentChildren = text.slice(start, end);
    // Innermost first: entity links sit inside quote/claim/time wrappers.
    for (let k = covering.length - 1; k >= 0; k--) {
      const m = covering[k]!;
      const props = { class: `hl ${m.className}`, title: m.title };
      node = m.link ? (
        <a {...props} href={m.link}>
          {node}
        </a>
      ) : (
        <span {...props}>{node}</span>
      );
    }
    const piece = <span key={`t${start}`}>{node}</span>;
    const chips: ComponentChildren[] = [];
    for (const q of speakerAt.get(end) ?? []) {
      const speaker = q.speaker!;
      chips.push(
        speaker.entityId ? (
          <a
            key={`s${q.start}`}
            class="speaker-chip"
            href={href.entity(speaker.entityId)}
            aria-label={`Speaker: ${speaker.name}`}
          >
            {speaker.name}
          </a>
        ) : (
          <span key={`s${q.start}`} class="speaker-chip unnamed" title="Unnamed source">
            {speaker.name}
          </span>
        ),
      );
    }
    if (inFocus(start, end)) {
      focusPieces ??= [];
      focusPieces.push(piece);
      // A speaker chip right at the end of the evidence goes after it, not inside.
      if (end === focus?.end) closeFocus();
      (focusPieces ?? out).push(...chips);
    } else {
      closeFocus();
      out.push(piece, ...chips);
    }
  }
  closeFocus();

  useEffect(() => {
    const el = focusRef.current;
    if (el) {
      el.scrollIntoView({ block: 'center' });
      el.focus({ preventScroll: true });
    }
  }, [article.id, focus?.start, focus?.end]);

  return <div class="article-text">{out}</div>;
}
