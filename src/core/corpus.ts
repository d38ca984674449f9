/**
 * Vocabulary of the corpus stages: what they read (annotated articles) and what they produce
 * (duplicates, stories with events, a timeline, conflicts, corpus-wide entities).
 */
import type { Article, ClaimItem, EntityMention, EntityType, QuoteItem, TimeItem } from './doc.js';
import type { Span } from './span.js';

/** One annotated article as the corpus stages see it (loaded from the store or fresh from annotate). */
export interface CorpusArticle extends Article {
  entities: EntityMention[];
  quotes: QuoteItem[];
  claims: ClaimItem[];
  times: TimeItem[];
}

export type DuplicateKind = 'exact' | 'near' | 'syndicated';

/** Two articles that are copies of one another. `a` is the earlier or fuller one. */
export interface Duplicate {
  a: string;
  b: string;
  kind: DuplicateKind;
  /** Jaccard estimate of shingle sets (or containment for partial reuse), 0..1. */
  similarity: number;
}

/** A point in an article, for provenance of corpus items. */
export interface Evidence extends Span {
  article: string;
  text: string;
}

export interface StoryEvent {
  eventId: string;
  title: string;
  /** ISO date the event happened or was reported, or null. */
  date: string | null;
  articles: string[];
}

export interface Story {
  storyId: string;
  title: string;
  articles: string[];
  /** Groups of copies count once. */
  independentSources: number;
  events: StoryEvent[];
}

export interface TimelineEntry {
  /** ISO date, month or year. */
  date: string;
  text: string;
  articles: string[];
  evidence: Evidence[];
  storyId: string | null;
}

export type ConflictKind = 'number' | 'speaker' | 'headline';

export interface Conflict {
  kind: ConflictKind;
  summary: string;
  storyId: string | null;
  items: Evidence[];
}

/** An entity merged across articles. */
export interface CorpusEntity {
  entityId: string;
  name: string;
  type: EntityType;
  aliases: string[];
  /** Number of articles mentioning it. */
  articles: number;
}

export interface CorpusResult {
  duplicates: Duplicate[];
  stories: Story[];
  timeline: TimelineEntry[];
  conflicts: Conflict[];
  entities: CorpusEntity[];
}
