/**
 * Runs the statistical tagger (`tagger.ts`) over an article's recognizer tokens and returns the
 * type it gives each name span, keyed by character span. `resolve.ts` uses it where the rules
 * have no cue: it replaces the old "two capitalised words default to person" guess.
 */
import type { EntityType } from '../../core/doc.js';
import type { Tok } from './recognize.js';
import { shippedModel, spansOf, tagDocument } from './tagger.js';

/** CoNLL class → our entity type (countries are recognised by the gazetteer rules). */
export const CONLL_TO_TYPE: Record<string, EntityType> = {
  PER: 'person',
  ORG: 'organization',
  LOC: 'place',
  MISC: 'other',
};

/** `${start}:${end}` of each tagged span → its type; empty when no model is shipped. */
export function taggedSpans(toks: readonly Tok[]): Map<string, EntityType> {
  const out = new Map<string, EntityType>();
  const model = shippedModel();
  if (!model || toks.length === 0) return out;
  // Sentences, also cut at line breaks: a headline, caption or menu line is a unit of its own.
  const groups: Tok[][] = [];
  let cur: Tok[] = [];
  let sent = -1;
  for (const t of toks) {
    if ((t.sent !== sent || (t.lineFirst && !t.glued)) && cur.length > 0) {
      groups.push(cur);
      cur = [];
    }
    sent = t.sent;
    cur.push(t);
  }
  if (cur.length > 0) groups.push(cur);
  const tags = tagDocument(
    model,
    groups.map((g) => g.map((t) => t.text)),
  );
  groups.forEach((g, i) => {
    for (const span of spansOf(tags[i] as number[])) {
      const first = g[span.start] as Tok;
      const last = g[span.end - 1] as Tok;
      out.set(`${first.start}:${last.end}`, CONLL_TO_TYPE[span.type] as EntityType);
    }
  });
  return out;
}
