/**
 * Tense around a time expression, to choose the direction of a bare weekday or an implied year:
 * "On Wednesday the minister said" → past, "talks will resume on Friday" → future.
 * Heuristic: the cue nearest to the expression in its clause (else its sentence) wins; no cue →
 * past, because news mostly reports what already happened.
 */

export type Tense = 'past' | 'future';

/** Future cues: modal and "be to" forms, plans and schedules. */
const FUTURE_RE =
  /\b(?:will|shall|won't|(?:is|are|was|were|'s|'re)\s+(?:(?:due|expected|set|scheduled|slated|going|poised|planning|likely)\s+)?to\s+(?!have\b)[a-z]+|plans?\s+to|planning\s+to|intends?\s+to|next|upcoming|coming|later\s+this|tomorrow)\b|'ll\b/gi;
/** Past cues: common irregular past forms and any "-ed" word not on the exception list. */
const PAST_RE =
  /\b(?:said|told|met|went|came|took|gave|saw|made|fled|left|held|began|won|lost|fell|rose|hit|struck|shot|sent|spoke|wrote|brought|bought|sold|paid|built|found|kept|led|ran|got|broke|chose|drove|flew|grew|knew|threw|was|were|had|did|ago|yesterday|last|earlier|[a-z]{2,}ed)\b/gi;
const NOT_PAST =
  /^(?:need|feed|seed|speed|red|bed|bred|hundred|indeed|proceed|exceed|succeed|breed|greed|creed|weed|reed|deed|embed|shred|sled|wed|shed|bleed)$/i;

const CLAUSE_BREAK_RE = /[,;:()\u2013\u2014]| - /g;

/**
 * Tense governing the span `[start, end)` of `sentence` (offsets inside the sentence string).
 * The nearest cue inside the expression's own clause (between commas, semicolons, brackets,
 * dashes) wins; without one, the nearest in the whole sentence: "the minister, who took office in
 * April, will resign" reads April as past.
 * @returns `future` when the chosen cue is a future one, otherwise `past`.
 */
export function tenseAt(sentence: string, start: number, end: number): Tense {
  let clauseStart = 0;
  let clauseEnd = sentence.length;
  for (const m of sentence.matchAll(CLAUSE_BREAK_RE)) {
    const at = m.index ?? 0;
    if (at + m[0].length <= start) clauseStart = at + m[0].length;
    else if (at >= end) {
      clauseEnd = at;
      break;
    }
  }
  return (
    nearestCue(sentence, start, end, clauseStart, clauseEnd) ??
    nearestCue(sentence, start, end, 0, sentence.length) ??
    'past'
  );
}

function nearestCue(sentence: string, start: number, end: number, from: number, to: number): Tense | null {
  let best: { distance: number; tense: Tense } | null = null;
  const consider = (mStart: number, mEnd: number, tense: Tense) => {
    if (mStart < from || mEnd > to) return;
    if (mStart >= start && mEnd <= end) return; // inside the expression: chrono read its own modifier
    const distance = mEnd <= start ? start - mEnd : mStart >= end ? mStart - end : 0;
    if (!best || distance < best.distance) best = { distance, tense };
  };
  const futures: Array<[number, number]> = [];
  for (const m of sentence.matchAll(FUTURE_RE)) {
    const s = m.index ?? 0;
    futures.push([s, s + m[0].length]);
    consider(s, s + m[0].length, 'future');
  }
  for (const m of sentence.matchAll(PAST_RE)) {
    const s = m.index ?? 0;
    const e = s + m[0].length;
    if (NOT_PAST.test(m[0])) continue;
    // "is expected to", "was set to" are future cues, not past verbs
    if (futures.some(([fs, fe]) => s < fe && e > fs)) continue;
    consider(s, e, 'past');
  }
  return (best as { tense: Tense } | null)?.tense ?? null;
}
