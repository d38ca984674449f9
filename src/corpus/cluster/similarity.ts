/**
 * Article similarity as the story clusterer sees it: cosine of the TF-IDF vectors of two
 * articles (title at double weight, the lead at full weight, the rest of the body at half, see
 * `articleTerms`), with IDF from a reference collection. bench:similarity compares it with
 * human same-story judgements; `StoryIndex` uses the same vectors against story centroids.
 */
import { articleTerms, idfOf } from './features.js';

export interface SimilarityText {
  title: string | null;
  text: string;
}

/** Document frequencies of the terms of `texts`, for `articleSimilarity`. */
export class TermStatistics {
  readonly df = new Map<string, number>();
  documents = 0;

  add(text: SimilarityText): Map<string, number> {
    const terms = articleTerms(text, text.title);
    this.documents++;
    for (const t of terms.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    return terms;
  }

  /** L2-normalised TF-IDF vector of raw term counts. */
  vector(terms: ReadonlyMap<string, number>): Map<string, number> {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [t, c] of terms) {
      const w = (c < 1 ? c : 1 + Math.log(c)) * idfOf(this.df.get(t) ?? 0, this.documents);
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, w] of v) v.set(t, w / norm);
    return v;
  }
}

/** Cosine of two articles' TF-IDF vectors under `stats` (0 when either has no content word). */
export function articleSimilarity(x: SimilarityText, y: SimilarityText, stats: TermStatistics): number {
  const vx = stats.vector(articleTerms(x, x.title));
  const vy = stats.vector(articleTerms(y, y.title));
  let dot = 0;
  for (const [t, w] of vx) dot += w * (vy.get(t) ?? 0);
  return dot;
}
