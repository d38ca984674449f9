/**
 * The JSON export: a public contract (`schemaVersion: 1`) documented by schema/export.schema.json.
 * Offsets are UTF-16 code-unit indices into each article's `text`.
 */
import type { CorpusArticle, CorpusResult } from '../core/corpus.js';
import type { Attribution, EntityMention, Timex } from '../core/doc.js';
import type { Provenance } from '../core/provenance.js';
import type { Store } from '../store/open.js';
import { loadCorpusArticles } from '../store/repos/articles.js';
import { loadCorpus } from '../store/repos/corpus.js';

export const SCHEMA_VERSION = 1;

interface ProvenanceOut {
  stage: string;
  version: number;
  rule: string | null;
}

export interface ExportArticle {
  id: string;
  origin: string;
  site: string | null;
  title: string | null;
  author: string | null;
  published: { date: string | null; from: string | null; to: string | null; how: string; evidence: string | null };
  language: string | null;
  wire: string[];
  storyId: string | null;
  text: string;
  removed: { text: string; reason: string; start?: number; end?: number; fixed?: string }[];
  /** Extraction (issue 3): `ok`, `truncated`, `too-short`, `not-an-article` or `blocked`, and why. */
  status?: string;
  statusReason?: string | null;
  url?: string | null;
  fieldSources?: Record<string, string>;
  /** Clean-text offsets → original-document offsets: flat `[cleanStart, originalStart, length, …]`. */
  offsets?: { runs: number[] };
  entities: { start: number; end: number; text: string; type: string; entityId: string; prov: ProvenanceOut }[];
  quotes: {
    start: number;
    end: number;
    text: string;
    speaker: Attribution | null;
    cue: string | null;
    cueSpan?: { start: number; end: number } | null;
    speakerSpan?: { start: number; end: number } | null;
    prov: ProvenanceOut;
  }[];
  claims: {
    start: number;
    end: number;
    text: string;
    value: number;
    valueMax: number | null;
    unit: string;
    claimant: Attribution | null;
    hedged: boolean;
    approx: string | null;
    time?: { start: number; end: number; value: string } | null;
    prov: ProvenanceOut;
  }[];
  times: { start: number; end: number; text: string; value: string | null; timeml?: Timex; prov: ProvenanceOut }[];
}

export interface ExportDocument {
  schemaVersion: 1;
  generatedAt: string;
  articles: ExportArticle[];
  entities: CorpusResult['entities'];
  duplicates: CorpusResult['duplicates'];
  stories: CorpusResult['stories'];
  timeline: CorpusResult['timeline'];
  conflicts: CorpusResult['conflicts'];
  /** Quotes reported by more than one article, each with all its occurrences. */
  quotes: NonNullable<CorpusResult['quotes']>;
}

const prov = (p: Provenance): ProvenanceOut => ({ stage: p.stage, version: p.version, rule: p.rule ?? null });

/** Map merged entity ids to the id they were merged into. */
export function remapper(remap: ReadonlyMap<string, string>) {
  const id = (entityId: string) => remap.get(entityId) ?? entityId;
  const attribution = (a: Attribution | null): Attribution | null =>
    a ? { entityId: a.entityId === null ? null : id(a.entityId), name: a.name } : null;
  return { id, attribution };
}

/** One article in export form, entity ids rewritten through `remap`. */
export function toExportArticle(
  a: CorpusArticle,
  remap: ReadonlyMap<string, string>,
  storyOf: ReadonlyMap<string, string>,
): ExportArticle {
  const map = remapper(remap);
  return {
    id: a.id,
    origin: a.origin,
    site: a.site,
    title: a.title,
    author: a.author,
    published: { ...a.published, evidence: a.published.evidence ?? null },
    language: a.language,
    wire: a.wire,
    storyId: storyOf.get(a.id) ?? null,
    text: a.text,
    removed: a.removed.map((r) => ({
      text: r.text,
      reason: r.reason,
      ...(r.start !== undefined && r.end !== undefined ? { start: r.start, end: r.end } : {}),
      ...(r.fixed !== undefined ? { fixed: r.fixed } : {}),
    })),
    status: a.status ?? 'ok',
    statusReason: a.statusReason ?? null,
    url: a.url ?? null,
    ...(a.fieldSources ? { fieldSources: { ...a.fieldSources } as Record<string, string> } : {}),
    ...(a.offsets ? { offsets: { runs: a.offsets.runs } } : {}),
    entities: a.entities.map((e: EntityMention) => ({
      start: e.start,
      end: e.end,
      text: e.text,
      type: e.type,
      entityId: map.id(e.entityId),
      prov: prov(e.prov),
    })),
    quotes: a.quotes.map((q) => ({
      start: q.start,
      end: q.end,
      text: q.text,
      speaker: map.attribution(q.speaker),
      cue: q.cue ?? null,
      cueSpan: q.cueSpan ?? null,
      speakerSpan: q.speakerSpan ?? null,
      prov: prov(q.prov),
    })),
    claims: a.claims.map((c) => ({
      start: c.start,
      end: c.end,
      text: c.text,
      value: c.value,
      valueMax: c.valueMax ?? null,
      unit: c.unit,
      claimant: map.attribution(c.claimant),
      hedged: c.hedged,
      approx: c.approx ?? null,
      time: c.time ?? null,
      prov: prov(c.prov),
    })),
    times: a.times.map((t) => ({
      start: t.start,
      end: t.end,
      text: t.text,
      value: t.value,
      ...(t.timeml ? { timeml: t.timeml } : {}),
      prov: prov(t.prov),
    })),
  };
}

/** The whole store as one export document. */
export async function buildExport(store: Store): Promise<ExportDocument> {
  const corpus = await loadCorpus(store.db);
  const articles = await loadCorpusArticles(store.db);
  const storyOf = new Map<string, string>();
  for (const s of corpus.stories) for (const id of s.articles) storyOf.set(id, s.storyId);
  return {
    schemaVersion: SCHEMA_VERSION,
    generatedAt: new Date().toISOString(),
    articles: articles.map((a) => toExportArticle(a, corpus.remap, storyOf)),
    entities: corpus.entities,
    duplicates: corpus.duplicates,
    stories: corpus.stories,
    timeline: corpus.timeline,
    conflicts: corpus.conflicts,
    quotes: corpus.quotes ?? [],
  };
}

/** JSON Lines: one `{record, ...}` record per line, articles first, then corpus records. */
export function* toJsonLines(doc: ExportDocument): Generator<string> {
  yield JSON.stringify({ record: 'header', schemaVersion: doc.schemaVersion, generatedAt: doc.generatedAt });
  for (const a of doc.articles) yield JSON.stringify({ record: 'article', ...a });
  for (const e of doc.entities) yield JSON.stringify({ record: 'entity', ...e });
  for (const d of doc.duplicates) yield JSON.stringify({ record: 'duplicate', ...d });
  for (const s of doc.stories) yield JSON.stringify({ record: 'story', ...s });
  for (const t of doc.timeline) yield JSON.stringify({ record: 'timeline', ...t });
  for (const c of doc.conflicts) yield JSON.stringify({ record: 'conflict', ...c });
  for (const q of doc.quotes) yield JSON.stringify({ record: 'quote', ...q });
}
