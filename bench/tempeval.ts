/**
 * TempEval-3 (TimeML 1.2.1) reading and Task A scoring, after the official `TE3-evaluation.py`
 * (`evaluation-entities/evaluate_entities.py`, `get_performance`):
 * - strict span match: same start and end; relaxed: any overlap;
 * - P = system timexes matched / system timexes, R = gold timexes matched / gold timexes;
 * - value accuracy = gold timexes whose matched system timex has the same `value` string (exact
 *   string equality; `mod`, `anchorTimeID` and the other attributes are not compared) / matched
 *   gold timexes; Value F1 (the ranking metric) = relaxed F1 × value accuracy; likewise Type F1.
 * - the DCT (`tid="t0"`, outside TEXT) is not scored.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface GoldTimex {
  start: number;
  end: number;
  text: string;
  type: string;
  value: string;
}

export interface TimemlDoc {
  id: string;
  /** Document creation time, `YYYY-MM-DD`. */
  dct: string;
  /** TEXT with every tag removed and XML entities decoded; offsets point into it. */
  text: string;
  timexes: GoldTimex[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e] ?? '');

/** One `.tml` file: its DCT, plain TEXT and the TIMEX3 tags inside TEXT. */
export function parseTimeml(id: string, xml: string): TimemlDoc {
  const dct = /<DCT>\s*<TIMEX3[^>]*\bvalue="([^"]+)"/.exec(xml)?.[1]?.slice(0, 10) ?? '';
  const body = /<TEXT>([\s\S]*?)<\/TEXT>/.exec(xml)?.[1] ?? '';
  let text = '';
  const timexes: GoldTimex[] = [];
  let open: { start: number; type: string; value: string } | null = null;
  for (const m of body.matchAll(/<(\/?)([A-Z0-9]+)([^>]*)>|([^<]+)/g)) {
    if (m[4] !== undefined) {
      text += decode(m[4]);
      continue;
    }
    if (m[2] !== 'TIMEX3') continue;
    if (m[1] === '') {
      const attrs = m[3] ?? '';
      open = {
        start: text.length,
        type: /\btype="([^"]*)"/.exec(attrs)?.[1] ?? '',
        value: /\bvalue="([^"]*)"/.exec(attrs)?.[1] ?? '',
      };
    } else if (open) {
      timexes.push({ ...open, end: text.length, text: text.slice(open.start, text.length) });
      open = null;
    }
  }
  return { id, dct, text, timexes };
}

/** Every `.tml` document of a folder, sorted by name. */
export function loadTimemlDir(dir: string): TimemlDoc[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.tml'))
    .sort()
    .map((f) => parseTimeml(f.replace(/\.tml$/, ''), readFileSync(path.join(dir, f), 'utf8')));
}

export interface SystemTimex {
  start: number;
  end: number;
  type: string;
  value: string;
}

export interface Counts {
  gold: number;
  system: number;
  strictSystem: number;
  strictGold: number;
  relaxedSystem: number;
  relaxedGold: number;
  valueCorrect: number;
  typeCorrect: number;
}

export const emptyCounts = (): Counts => ({
  gold: 0,
  system: 0,
  strictSystem: 0,
  strictGold: 0,
  relaxedSystem: 0,
  relaxedGold: 0,
  valueCorrect: 0,
  typeCorrect: 0,
});

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

/** Add one document's matches to `counts`. A gold timex's pair is the system timex overlapping it most. */
export function score(counts: Counts, gold: readonly GoldTimex[], system: readonly SystemTimex[]): void {
  counts.gold += gold.length;
  counts.system += system.length;
  for (const s of system) {
    if (gold.some((g) => g.start === s.start && g.end === s.end)) counts.strictSystem++;
    if (gold.some((g) => overlaps(g, s))) counts.relaxedSystem++;
  }
  for (const g of gold) {
    if (system.some((s) => g.start === s.start && g.end === s.end)) counts.strictGold++;
    let best: SystemTimex | null = null;
    let bestOverlap = 0;
    for (const s of system) {
      const o = Math.min(g.end, s.end) - Math.max(g.start, s.start);
      if (o > bestOverlap) {
        best = s;
        bestOverlap = o;
      }
    }
    if (!best) continue;
    counts.relaxedGold++;
    if (best.value === g.value) counts.valueCorrect++;
    if (best.type === g.type) counts.typeCorrect++;
  }
}

export interface Scores {
  strictP: number;
  strictR: number;
  strictF1: number;
  relaxedP: number;
  relaxedR: number;
  relaxedF1: number;
  valueF1: number;
  typeF1: number;
  /** Value accuracy on matched gold timexes. */
  valueAccuracy: number;
}

const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

export function scores(c: Counts): Scores {
  const strictP = ratio(c.strictSystem, c.system);
  const strictR = ratio(c.strictGold, c.gold);
  const relaxedP = ratio(c.relaxedSystem, c.system);
  const relaxedR = ratio(c.relaxedGold, c.gold);
  return {
    strictP,
    strictR,
    strictF1: f1(strictP, strictR),
    relaxedP,
    relaxedR,
    relaxedF1: f1(relaxedP, relaxedR),
    // official: accuracy over matched gold timexes × relaxed F1 (not an F1 of correct values over all
    // timexes, which differs whenever relaxed precision and recall differ)
    valueF1: ratio(c.valueCorrect, c.relaxedGold) * f1(relaxedP, relaxedR),
    typeF1: ratio(c.typeCorrect, c.relaxedGold) * f1(relaxedP, relaxedR),
    valueAccuracy: ratio(c.valueCorrect, c.relaxedGold),
  };
}
