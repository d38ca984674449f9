/**
 * Tense around a time expression, to choose the direction of a bare weekday or an implied year:
 * "On Wednesday the minister said" → past, "talks will resume on Friday" → future, "he said the
 * talks would resume on Friday" → future-in-past.
 * Heuristic: the cue nearest to the expression in its clause (between punctuation and
 * subordinators such as "that", "if"; else in its sentence) wins; on a tie
 * the cue before the expression wins ("said on Tuesday it would": "on Tuesday" belongs to
 * "said"); no cue → past, because news mostly reports what already happened.
 */

/**
 * `future`: after publication (will, shall, is to, plans to, next…).
 * `future-in-past`: reported plans and expectations (would, could, was to, was expected to,
 * planned to): after the statement, which is itself on or before publication, so on or after the
 * publication day.
 */
export type Tense = 'past' | 'future' | 'future-in-past';

/** Future cues: modal and present "be to" forms, plans and schedules. */
const FUTURE_RE =
  /\b(?:will|shall|won't|(?:is|are|'s|'re)\s+(?:(?:due|expected|set|scheduled|slated|going|poised|planning|likely)\s+)?to\s+(?!have\b)[a-z]+|plans?\s+to|planning\s+to|intends?\s+to|next|upcoming|coming|later\s+this|tomorrow)\b|'ll\b/gi;
/**
 * Future-in-the-past cues: reported plans ("said it would withdraw", "was to meet", "was expected
 * to end", "planned to vote", "expected deliveries to return"), and an infinitive running up to an
 * end point ("picked three firms for the programme to run through June"): not before the statement.
 */
const FUTURE_IN_PAST_RE =
  /\b(?:to\s+(?:run|last|continue|remain|stay|finish|end|close|be\s+completed)\s+(?:through|until|till|into)|would|could|wouldn't|couldn't|(?:was|were)\s+(?:(?:due|expected|set|scheduled|slated|going|poised|planning|likely|about)\s+)?to\s+(?!have\b)[a-z]+|(?:planned|intended|expected|hoped|promised|pledged|vowed|aimed|threatened)\s+(?:to\b|that\b|[a-z]+\s+to\b))/gi;
/**
 * Past cues: common irregular past forms and any "-ed" word not on the exception list. A
 * preposition glued on by a stripped link ("saidon Tuesday", "metin Geneva") still counts.
 */
const PAST_RE =
  /\b(?:said|told|met|went|came|took|gave|saw|made|fled|left|held|began|won|lost|fell|rose|hit|struck|shot|sent|spoke|wrote|brought|bought|sold|paid|built|found|kept|led|ran|got|broke|chose|drove|flew|grew|knew|threw|was|were|had|did|ago|yesterday|last|earlier|[a-z]{2,}ed)(?:on|in)?\b/gi;
const NOT_PAST =
  /^(?:need|feed|seed|speed|red|bed|bred|hundred|indeed|proceed|exceed|succeed|breed|greed|creed|weed|reed|deed|embed|shred|sled|wed|shed|bleed)$/i;

/** Punctuation, dashes and subordinators ("said on Thursday | that a bill would be sent on Monday | if …"). */
const CLAUSE_BREAK_RE = /[,;:()\u2013\u2014]| - |\b(?:that|if|unless|because|although|whether|while)\b/gi;
/**
 * A past form this close after a future cue belongs to its verb phrase ("would stay closed",
 * "will be sent"), not to a past clause. In characters, enough for one auxiliary between.
 */
const PHRASE_GAP = 12;
/** "called by", "approved by": a passive participle, not a past tense. */
const PARTICIPLE_AFTER_RE = /^\s+by\b/;

/**
 * Tense governing the span `[start, end)` of `sentence` (offsets inside the sentence string).
 * The nearest cue inside the expression's own clause (between commas, semicolons, brackets,
 * dashes) wins; without one, the nearest in the whole sentence: "the minister, who took office in
 * April, will resign" reads April as past.
 * @returns the tense of the chosen cue, `past` when there is none.
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
  let best: { distance: number; before: boolean; tense: Tense } | null = null;
  const consider = (mStart: number, mEnd: number, tense: Tense) => {
    if (mStart < from || mEnd > to) return;
    if (mStart >= start && mEnd <= end) return; // inside the expression: chrono read its own modifier
    const before = mEnd <= start;
    const distance = before ? start - mEnd : mStart >= end ? mStart - end : 0;
    if (!best || distance < best.distance || (distance === best.distance && before && !best.before)) {
      best = { distance, before, tense };
    }
  };
  const taken: Array<[number, number]> = [];
  const overlapsTaken = (s: number, e: number) => taken.some(([ts, te]) => s < te && e > ts);
  for (const [re, tense] of [
    [FUTURE_RE, 'future'],
    [FUTURE_IN_PAST_RE, 'future-in-past'],
  ] as const) {
    for (const m of sentence.matchAll(re)) {
      const s = m.index ?? 0;
      const e = s + m[0].length;
      if (overlapsTaken(s, e)) continue;
      taken.push([s, e]);
      consider(s, e, tense);
    }
  }
  for (const m of sentence.matchAll(PAST_RE)) {
    const s = m.index ?? 0;
    const e = s + m[0].length;
    if (NOT_PAST.test(m[0])) continue;
    if (/ed(?:on|in)?$/i.test(m[0]) && PARTICIPLE_AFTER_RE.test(sentence.slice(e, e + 4))) continue;
    // "is expected to", "was set to", "planned to" are future cues, not past verbs
    if (overlapsTaken(s, e)) continue;
    if (taken.some(([, te]) => te <= s && s - te <= PHRASE_GAP && !/[,;:]/.test(sentence.slice(te, s)))) continue;
    consider(s, e, 'past');
  }
  return (best as { tense: Tense } | null)?.tense ?? null;
}
