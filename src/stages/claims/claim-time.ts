/**
 * The time a claim refers to: the resolved time expression of the claim's sentence nearest to the
 * claim ("About 40,000 troops were counted on March 9" → 2026-03-09). A sentence without a resolved
 * time expression leaves the claim's time null: the publication date is never put in its place,
 * since a figure may well describe an earlier count.
 */
import type { ClaimItem, ClaimTime, Sentence, TimeItem } from '../../core/doc.js';
import type { Draft } from '../../core/stage.js';
import { sentenceAt } from '../../core/text.js';

/**
 * Sets `time` on every claim (in place) from the `times` layer.
 * @param claims the claims of one article
 * @param sentences the article's sentences
 * @param times the article's `times` layer
 * @example
 * withClaimTimes(claims, sentences, times) // claims[0].time → {start: 52, end: 59, value: '2026-03-09'}
 */
export function withClaimTimes(
  claims: Draft<ClaimItem>[],
  sentences: readonly Sentence[],
  times: readonly TimeItem[],
): void {
  // Resolved times by sentence: one pass over the times layer, so the whole article stays linear.
  const bySentence = new Map<number, TimeItem[]>();
  for (const t of times) {
    if (t.value === null) continue;
    const i = sentenceAt(sentences, t.start);
    const s = sentences[i];
    if (!s || t.end > s.end) continue;
    const list = bySentence.get(i);
    if (list) list.push(t);
    else bySentence.set(i, [t]);
  }
  for (const c of claims) {
    const inSentence = bySentence.get(sentenceAt(sentences, c.start)) ?? [];
    let best: TimeItem | null = null;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const t of inSentence) {
      const distance = t.end <= c.start ? c.start - t.end : Math.max(0, t.start - c.end);
      if (distance < bestDistance) {
        best = t;
        bestDistance = distance;
      }
    }
    c.time = best ? ({ start: best.start, end: best.end, value: best.value as string } satisfies ClaimTime) : null;
  }
}
