/**
 * The one Kysely `Database` interface: every table, in one place.
 * JSON columns are stored as text and parsed in the repositories (one place each).
 */
import type { Generated } from 'kysely';

export interface RunsTable {
  id: Generated<number>;
  started_at: string;
  finished_at: string | null;
  code_version: string;
  inputs: string; // JSON string[]
  stored: number;
  skipped: number;
  failed: number;
}

export interface ArticlesTable {
  id: string;
  origin: string;
  content_hash: string;
  site: string | null;
  title: string | null;
  published_date: string | null;
  published_from: string | null;
  published_to: string | null;
  published_how: string;
  published_evidence: string | null;
  language: string | null;
  wire: string; // JSON string[]
  author: string | null;
  text: string;
  removed: string; // JSON Removed[]
  run_id: number;
  stored_at: string;
  /** Migration 0004; null in rows written before it (read as `ok`). */
  status: string | null;
  status_reason: string | null;
  url: string | null;
  field_sources: string | null; // JSON FieldSources
  offsets: string | null; // JSON OffsetMap
}

/** Entities, quotes, claims and times share one table with a `kind` column. */
export interface MentionsTable {
  id: Generated<number>;
  article_id: string;
  kind: 'entity' | 'quote' | 'claim' | 'time';
  span_start: number;
  span_end: number;
  text: string;
  stage: string;
  stage_version: number;
  rule: string | null;
  entity_id: string | null;
  detail: string; // JSON, kind-specific fields
}

export interface DiagnosticsTable {
  id: Generated<number>;
  run_id: number;
  origin: string;
  article_id: string | null;
  severity: string;
  stage: string;
  rule: string;
  reason: string;
  span_start: number | null;
  span_end: number | null;
}

/** Corpus-stage outputs: recomputed from the articles and replaced in one transaction. */
export interface EntitiesTable {
  entity_id: string;
  name: string;
  type: string;
  aliases: string; // JSON string[]
  article_count: number;
}

export interface EntityRemapTable {
  from_id: string;
  to_id: string;
}

export interface DuplicatesTable {
  a: string;
  b: string;
  kind: string;
  similarity: number;
}

export interface StoriesTable {
  story_id: string;
  title: string;
  /** Extractive summary (migration 0006); null for stories stored before it. */
  summary: string | null;
  independent_sources: number;
  article_count: number;
  first_published: string | null;
  last_published: string | null;
  events: string; // JSON StoryEvent[]
}

export interface StoryMembersTable {
  story_id: string;
  article_id: string;
}

/** An old story id that still answers (migration 0009): kept across recomputes, re-pointed by each. */
export interface StoryRedirectsTable {
  from_id: string;
  to_id: string;
  created_at: string;
}

export interface TimelineTable {
  id: Generated<number>;
  date: string;
  text: string;
  story_id: string | null;
  articles: string; // JSON string[]
  evidence: string; // JSON Evidence[]
}

export interface ConflictsTable {
  id: Generated<number>;
  kind: string;
  summary: string;
  story_id: string | null;
  items: string; // JSON Evidence[]
  /** JSON of kind-specific fields (`{evolution}`); null in rows written before migration 0008. */
  detail: string | null;
}

/** One quote across articles (migration 0008). */
export interface QuoteRecordsTable {
  id: Generated<number>;
  quote_id: string;
  text: string;
  story_id: string | null;
  speakers: string; // JSON Attribution[]
  occurrences: string; // JSON Evidence[]
}

/** User merge/split decisions on entity ids; they survive every corpus recompute. */
export interface EntityOverridesTable {
  from_id: string;
  /** Target of a user merge; null for a split (this id stays its own entity). */
  to_id: string | null;
  created_at: string;
}

/**
 * The work queue of `storyline worker` (PostgreSQL). Times are the database server's clock
 * (`timestamptz`; ISO text in SQLite), so workers on machines with skewed clocks agree on leases.
 */
export interface JobsTable {
  id: Generated<number>;
  source: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  attempts: number;
  enqueued_at: Date | string;
  lease_until: Date | string | null;
  worker: string | null;
  run_id: number | null;
  finished_at: Date | string | null;
  error: string | null;
}

/** One row (id 1): the corpus outputs are stale while `corpus_generation < stored_generation`. */
export interface CorpusStateTable {
  id: number;
  stored_generation: number;
  corpus_generation: number;
}

export interface Database {
  runs: RunsTable;
  articles: ArticlesTable;
  mentions: MentionsTable;
  diagnostics: DiagnosticsTable;
  entities: EntitiesTable;
  entity_remap: EntityRemapTable;
  entity_overrides: EntityOverridesTable;
  duplicates: DuplicatesTable;
  stories: StoriesTable;
  story_members: StoryMembersTable;
  story_redirects: StoryRedirectsTable;
  timeline: TimelineTable;
  conflicts: ConflictsTable;
  quote_records: QuoteRecordsTable;
  jobs: JobsTable;
  corpus_state: CorpusStateTable;
}
