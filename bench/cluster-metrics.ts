/**
 * Partition agreement measures for clustering benchmarks: NMI (arithmetic-mean normalisation, as
 * in the MStream papers) and pairwise precision/recall/F1 (Miranda et al. 2018).
 */

/** Normalised mutual information between two labelings of the same items (sqrt normalisation off: arithmetic mean). */
export function nmi(gold: readonly (string | number)[], predicted: readonly (string | number)[]): number {
  const n = gold.length;
  const joint = new Map<string, number>();
  const g = new Map<string | number, number>();
  const p = new Map<string | number, number>();
  for (let i = 0; i < n; i++) {
    const a = gold[i] as string | number;
    const b = predicted[i] as string | number;
    g.set(a, (g.get(a) ?? 0) + 1);
    p.set(b, (p.get(b) ?? 0) + 1);
    const k = `${a}\u0000${b}`;
    joint.set(k, (joint.get(k) ?? 0) + 1);
  }
  let mi = 0;
  for (const [k, nab] of joint) {
    const [a, b] = k.split('\u0000') as [string, string];
    const na = g.get(typeof gold[0] === 'number' ? Number(a) : a) as number;
    const nb = p.get(typeof predicted[0] === 'number' ? Number(b) : b) as number;
    mi += (nab / n) * Math.log((n * nab) / (na * nb));
  }
  const entropy = (m: Map<string | number, number>) => {
    let h = 0;
    for (const c of m.values()) h -= (c / n) * Math.log(c / n);
    return h;
  };
  const hg = entropy(g);
  const hp = entropy(p);
  return hg + hp === 0 ? 1 : (2 * mi) / (hg + hp);
}

/** Pairwise precision, recall and F1 of `predicted` against `gold` (pairs of items in one cluster). */
export function pairwiseF1(
  gold: readonly (string | number)[],
  predicted: readonly (string | number)[],
): { precision: number; recall: number; f1: number } {
  const pairs = (m: Map<string, number>) => [...m.values()].reduce((s, c) => s + (c * (c - 1)) / 2, 0);
  const count = (labels: readonly (string | number)[]) => {
    const m = new Map<string, number>();
    for (const l of labels) m.set(String(l), (m.get(String(l)) ?? 0) + 1);
    return m;
  };
  const both = count(gold.map((a, i) => `${a}\u0000${predicted[i]}`));
  const tp = pairs(both);
  const goldPairs = pairs(count(gold));
  const predPairs = pairs(count(predicted));
  const precision = predPairs === 0 ? 0 : tp / predPairs;
  const recall = goldPairs === 0 ? 0 : tp / goldPairs;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}
