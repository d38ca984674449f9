/**
 * `npm run bench:ner`: exact-match entity F1 (CoNLL scoring) of the entities stage's tagger on
 * CoNLL-2003 eng.testb, side by side with compromise and wink-nlp in the same run, plus tokens
 * per second for each. Reads the data from ../shared/bench (internal evaluation only: nothing
 * of it is copied into the repo). `--file <path>` scores another CoNLL file (tune on eng.testa).
 *
 * Type mapping (ours → CoNLL): person → PER, organization → ORG, place and country → LOC,
 * other → MISC; the tagger itself is trained directly on PER/ORG/LOC/MISC.
 * compromise: people() → PER, organizations() → ORG, places() → LOC; it has no MISC.
 * wink-nlp + wink-eng-lite-web-model: its entities are DATE, TIME, MONEY, PERCENT, CARDINAL,
 * ORDINAL, DURATION, URL, EMAIL, HASHTAG, MENTION, EMOJI…: none is a CoNLL class, so its typed
 * F1 is 0. For a fairer look, the "untyped" column scores spans only, where wink's spans are
 * runs of PROPN tokens.
 *
 * Speed: every system gets each document's raw text (tokens joined by spaces, sentences by
 * newlines) and must tokenise it itself; tokens/s counts CoNLL tokens over the best timed pass,
 * after a warm-up pass, by process CPU time (headline: steady on a shared machine) and by wall
 * clock. Ours and wink-nlp run in alternate passes so that load spikes hit both alike.
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import nlp from 'compromise';
import winkNLP from 'wink-nlp';
import { splitSentences, tokenize } from '../src/core/text.js';
import { MODEL_FILE, shippedModel, spansOf, tagDocument } from '../src/stages/entities/tagger.js';
import { TAGS } from '../src/stages/entities/tagger-features.js';
import { arg, markdownTable, ROOT, writeBenchSection } from './report.js';

const require = createRequire(import.meta.url);
const FILE = arg('file', `${process.env.STORYLINE_BENCH ?? '/work/shared/bench'}/conll2003-en/eng.testb`);
const TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;

interface Span {
  start: number;
  end: number;
  type: string;
}
interface ConllDoc {
  sentences: string[][];
  gold: Span[][];
  text: string;
  /** Char offset of each token in `text`, per sentence. */
  offsets: Array<Array<[number, number]>>;
}

function iob1Spans(tags: string[]): Span[] {
  const spans: Span[] = [];
  let open: Span | null = null;
  tags.forEach((tag, i) => {
    const type = tag === 'O' ? '' : tag.slice(2);
    if (!type || tag.startsWith('B-') || !open || open.type !== type) {
      if (open) spans.push(open);
      open = type ? { start: i, end: i + 1, type } : null;
    } else open.end = i + 1;
  });
  if (open) spans.push(open);
  return spans;
}

function readConll(file: string): ConllDoc[] {
  const docs: ConllDoc[] = [];
  let sentences: string[][] = [];
  let tags: string[][] = [];
  let words: string[] = [];
  let stags: string[] = [];
  const endSentence = () => {
    if (words.length) {
      sentences.push(words);
      tags.push(stags);
    }
    words = [];
    stags = [];
  };
  const endDoc = () => {
    endSentence();
    if (sentences.length) {
      const text = sentences.map((s) => `${s.join(' ')}\n`).join('');
      // Sentences end with a newline so that every system sees the line breaks of the wire copy.
      let pos = 0;
      const real = sentences.map((s) => {
        const row = s.map((w, i) => {
          const start = pos + (i > 0 ? 1 : 0);
          pos = start + w.length;
          return [start, pos] as [number, number];
        });
        pos += 1;
        return row;
      });
      docs.push({ sentences, gold: tags.map(iob1Spans), text, offsets: real });
    }
    sentences = [];
    tags = [];
  };
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('-DOCSTART-')) endDoc();
    else if (line.trim() === '') endSentence();
    else {
      const cols = line.split(' ');
      words.push(cols[0] as string);
      stags.push(cols[3] as string);
    }
  }
  endDoc();
  return docs;
}

/** Char spans → token spans of the document; spans not on token boundaries stay unmatched. */
function toTokenSpans(doc: ConllDoc, chars: Span[]): Span[][] {
  const bySentence: Span[][] = doc.sentences.map(() => []);
  const starts = new Map<number, [number, number]>();
  const ends = new Map<number, [number, number]>();
  doc.offsets.forEach((s, si) => {
    s.forEach(([a, b], ti) => {
      starts.set(a, [si, ti]);
      ends.set(b, [si, ti]);
    });
  });
  for (const c of chars) {
    // Peers keep a trailing possessive or punctuation in some spans: trim it, as CoNLL does.
    const trimmed = doc.text.slice(c.start, c.end).replace(/(?:\s+'s|\s+'|[\s.,;:]+)$/, '');
    const end = c.start + trimmed.length;
    const s = starts.get(c.start);
    const e = ends.get(end);
    if (!s || !e || s[0] !== e[0]) continue;
    (bySentence[s[0]] as Span[]).push({ start: s[1], end: e[1] + 1, type: c.type });
  }
  return bySentence;
}

interface Score {
  tp: number;
  fp: number;
  fn: number;
}
class Scorer {
  typed = new Map<string, Score>();
  untyped: Score = { tp: 0, fp: 0, fn: 0 };
  add(gold: Span[], pred: Span[]): void {
    const key = (s: Span) => `${s.start}:${s.end}:${s.type}`;
    const goldKeys = new Set(gold.map(key));
    const predKeys = new Set(pred.map(key));
    const st = (t: string) => {
      let s = this.typed.get(t);
      if (!s) {
        s = { tp: 0, fp: 0, fn: 0 };
        this.typed.set(t, s);
      }
      return s;
    };
    for (const p of pred) {
      if (goldKeys.has(key(p))) st(p.type).tp++;
      else st(p.type).fp++;
    }
    for (const g of gold) if (!predKeys.has(key(g))) st(g.type).fn++;
    const bare = (s: Span) => `${s.start}:${s.end}`;
    const goldBare = new Set(gold.map(bare));
    const predBare = new Set(pred.map(bare));
    for (const p of predBare) {
      if (goldBare.has(p)) this.untyped.tp++;
      else this.untyped.fp++;
    }
    for (const g of goldBare) if (!predBare.has(g)) this.untyped.fn++;
  }
  f1(type?: string): number {
    let s: Score;
    if (type) s = this.typed.get(type) ?? { tp: 0, fp: 0, fn: 0 };
    else {
      s = { tp: 0, fp: 0, fn: 0 };
      for (const [t, v] of this.typed) {
        if (!(TYPES as readonly string[]).includes(t)) continue;
        s.tp += v.tp;
        s.fp += v.fp;
        s.fn += v.fn;
      }
    }
    return f1Of(s);
  }
}
function f1Of(s: Score): number {
  const p = s.tp / (s.tp + s.fp || 1);
  const r = s.tp / (s.tp + s.fn || 1);
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** Process CPU time (user + system) in milliseconds. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

interface Speed {
  /** Tokens per second of CPU time (best pass). */
  cpu: number;
  /** Tokens per second of wall-clock time (best pass). */
  wall: number;
}

/**
 * Tokens per second of each system over every document: one warm-up pass each, then `passes`
 * rounds in which every system does one timed pass in turn, so that a busy spell of the shared
 * machine hits all systems alike; each keeps its best pass. Both CPU time and wall-clock time
 * are taken: CPU time is the steadier on a shared machine, so it is the headline number.
 */
function tokensPerSecond(
  docs: ConllDoc[],
  tokens: number,
  systems: Array<(doc: ConllDoc) => void>,
  passes: number,
): Speed[] {
  for (const fn of systems) for (const d of docs) fn(d);
  const best = systems.map(() => ({ cpu: Number.POSITIVE_INFINITY, wall: Number.POSITIVE_INFINITY }));
  for (let pass = 0; pass < passes; pass++) {
    systems.forEach((fn, k) => {
      const c0 = cpuMs();
      const t0 = performance.now();
      for (const d of docs) fn(d);
      const b = best[k] as { cpu: number; wall: number };
      b.wall = Math.min(b.wall, performance.now() - t0);
      b.cpu = Math.min(b.cpu, cpuMs() - c0);
    });
  }
  return best.map((b) => ({ cpu: tokens / (b.cpu / 1000), wall: tokens / (b.wall / 1000) }));
}

function main(): void {
  const docs = readConll(FILE);
  const tokens = docs.reduce((n, d) => n + d.sentences.reduce((m, s) => m + s.length, 0), 0);
  // Model load: first load in this process (file read + decode), wall clock and CPU time (the
  // machine may be shared, so CPU time is the steadier number).
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const model = shippedModel();
  const loadMs = performance.now() - t0;
  const loadCpu = process.cpuUsage(cpu0);
  const loadCpuMs = (loadCpu.user + loadCpu.system) / 1000;
  if (!model) throw new Error('data/ner/model.bin is missing: run `npm run train:ner` first');

  // Ours, on the CoNLL tokens.
  const ours = new Scorer();
  for (const d of docs) {
    const tags = tagDocument(model, d.sentences);
    d.sentences.forEach((_, i) => {
      ours.add(d.gold[i] as Span[], spansOf(tags[i] as number[]));
    });
  }
  // Ours from raw text, for speed: our own tokeniser and sentence splitter, then the tagger.
  const ourRun = (d: ConllDoc) => {
    const sentences = splitSentences(d.text);
    const toks = tokenize(d.text);
    const words: string[][] = [];
    let k = 0;
    for (const s of sentences) {
      const row: string[] = [];
      while (k < toks.length && (toks[k] as { start: number }).start < s.end)
        row.push((toks[k++] as { text: string }).text);
      words.push(row);
    }
    tagDocument(model, words);
  };

  // compromise.
  const compromiseRun = (d: ConllDoc): Span[] => {
    const doc = nlp(d.text);
    const out: Span[] = [];
    const take = (list: Array<{ offset: { start: number; length: number } }>, type: string) => {
      for (const x of list) out.push({ start: x.offset.start, end: x.offset.start + x.offset.length, type });
    };
    take(doc.people().json({ offset: true }), 'PER');
    take(doc.organizations().json({ offset: true }), 'ORG');
    take(doc.places().json({ offset: true }), 'LOC');
    return out;
  };
  const compromise = new Scorer();
  for (const d of docs) {
    const spans = toTokenSpans(d, compromiseRun(d));
    d.sentences.forEach((_, i) => {
      compromise.add(d.gold[i] as Span[], spans[i] as Span[]);
    });
  }

  // wink-nlp.
  const wink = winkNLP(require('wink-eng-lite-web-model'));
  const its = wink.its;
  const winkRun = (d: ConllDoc): Span[] => {
    const doc = wink.readDoc(d.text);
    const entities = doc.entities().out(its.detail) as unknown as Array<{ value: string; type: string }>;
    const words = doc.tokens().out() as string[];
    const pos = doc.tokens().out(its.pos) as string[];
    const out: Span[] = [];
    // No entity type maps to a CoNLL class: keep them typed as they are (never counted as correct).
    void entities;
    let at = 0;
    let open: Span | null = null;
    words.forEach((w, i) => {
      const start = d.text.indexOf(w, at);
      if (start < 0) return;
      at = start + w.length;
      if (pos[i] === 'PROPN') {
        if (open && d.text.slice(open.end, start).trim() === '') open.end = at;
        else {
          if (open) out.push(open);
          open = { start, end: at, type: 'PROPN' };
        }
      } else if (open) {
        out.push(open);
        open = null;
      }
    });
    if (open) out.push(open);
    return out;
  };
  const winkScore = new Scorer();
  for (const d of docs) {
    const spans = toTokenSpans(d, winkRun(d));
    d.sentences.forEach((_, i) => {
      winkScore.add(d.gold[i] as Span[], spans[i] as Span[]);
    });
  }
  // Ours and wink-nlp in alternate passes; compromise (about 20 times slower) on its own, fewer passes.
  const [ourSpeed, winkSpeed] = tokensPerSecond(docs, tokens, [ourRun, winkRun], 5) as [Speed, Speed];
  const [compromiseSpeed] = tokensPerSecond(docs, tokens, [compromiseRun], 2) as [Speed];

  const pct = (x: number) => (100 * x).toFixed(1);
  const rows = [
    [
      'Storyline tagger',
      ...TYPES.map((t) => pct(ours.f1(t))),
      pct(ours.f1()),
      pct(f1Of(ours.untyped)),
      Math.round(ourSpeed.cpu).toLocaleString('en'),
      Math.round(ourSpeed.wall).toLocaleString('en'),
    ],
    [
      'compromise',
      ...TYPES.map((t) => pct(compromise.f1(t))),
      pct(compromise.f1()),
      pct(f1Of(compromise.untyped)),
      Math.round(compromiseSpeed.cpu).toLocaleString('en'),
      Math.round(compromiseSpeed.wall).toLocaleString('en'),
    ],
    [
      'wink-nlp (no name types)',
      ...TYPES.map((t) => pct(winkScore.f1(t))),
      pct(winkScore.f1()),
      pct(f1Of(winkScore.untyped)),
      Math.round(winkSpeed.cpu).toLocaleString('en'),
      Math.round(winkSpeed.wall).toLocaleString('en'),
    ],
  ];
  const table = markdownTable(
    ['system', 'PER F1', 'ORG F1', 'LOC F1', 'MISC F1', 'F1', 'untyped span F1', 'tokens/s (CPU)', 'tokens/s (wall)'],
    rows,
  );
  const name = FILE.split('/').pop() ?? FILE;
  const body = [
    `${name}: ${docs.length} documents, ${tokens.toLocaleString('en')} tokens. Entity F1 in % (exact span and type).`,
    `Model load: ${Math.round(loadMs)} ms wall, ${Math.round(loadCpuMs)} ms CPU (first load in this process: file read and decode). Model file: ${(statSync(path.join(ROOT, MODEL_FILE)).size / 1e6).toFixed(1)} MB. Tags: ${TAGS.length} (IOB2).`,
    `Speed ratio to wink-nlp: ${(ourSpeed.cpu / winkSpeed.cpu).toFixed(2)}× by CPU time, ${(ourSpeed.wall / winkSpeed.wall).toFixed(2)}× by wall clock (best of 5 alternating passes each).`,
    '',
    table,
  ].join('\n');
  console.log(body);
  if (name === 'eng.testb') writeBenchSection('ner', 'Named entities (CoNLL-2003)', 'npm run bench:ner', body);
  console.log(
    JSON.stringify({
      f1: Number(ours.f1().toFixed(4)),
      tokensPerSecond: Math.round(ourSpeed.cpu),
      compromiseF1: Number(compromise.f1().toFixed(4)),
      compromiseTokensPerSecond: Math.round(compromiseSpeed.cpu),
      winkF1: Number(winkScore.f1().toFixed(4)),
      winkTokensPerSecond: Math.round(winkSpeed.cpu),
      wallTokensPerSecond: Math.round(ourSpeed.wall),
      winkWallTokensPerSecond: Math.round(winkSpeed.wall),
      modelLoadMs: Math.round(loadMs),
      modelLoadCpuMs: Math.round(loadCpuMs),
    }),
  );
}

main();
