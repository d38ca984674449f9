/**
 * Spans are half-open `[start, end)` ranges in UTF-16 code units into `article.text`,
 * so `text.slice(start, end)` is always the item's text.
 */
export interface Span {
  start: number;
  end: number;
}

/** True when `a` and `b` share at least one code unit. */
export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** True when `outer` fully contains `inner`. */
export function contains(outer: Span, inner: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** Return the span moved by `delta` code units. */
export function shift(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}

/** The text a span covers. */
export function sliceSpan(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}
