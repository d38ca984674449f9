/**
 * Vocabulary of the corpus stages: what they read (annotated articles) and what they produce
 * (duplicates, stories with events, a timeline, conflicts, corpus-wide entities).
 */
import type { Article, Attribution, ClaimItem, EntityMention, EntityType, QuoteItem, TimeItem } from './doc.js';
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
  /** Day the item refers to (ISO), when known: orders the steps of a quantity evolution. */
  date?: string | null;
  /** Who the article says made the statement (quote speaker or claimant), when known. */
  by?: Attribution | null;
  /** `title`: `start`/`end` point into the article's title, not its text (a `headline` conflict). */
  field?: 'title';
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
  /** Short extractive summary: the lead sentence of the article the title comes from. */
  summary?: string;
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

/**
 * `quantity`: claims about one quantity disagree; `attribution`: one quote, different speakers;
 * `headline`: a headline contradicts its own article's body (its first item points into the title).
 */
export type ConflictKind = 'quantity' | 'attribution' | 'headline';

export interface Conflict {
  kind: ConflictKind;
  summary: string;
  storyId: string | null;
  /** For `quantity`: in time order when `evolution` is true, otherwise in story order. */
  items: Evidence[];
  /**
   * `quantity` only: true when the values differ because the figure was updated over time (12
   * dead on Wednesday, 41 on Monday): an evolution to show, not an error.
   */
  evolution?: boolean;
}

/** One quote as reported across articles: verbatim copies and different translations of it. */
export interface QuoteRecord {
  /** `q_` + 12 hex, stable for the same first occurrence. */
  quoteId: string;
  /** The words of the earliest occurrence. */
  text: string;
  storyId: string | null;
  /** Distinct speakers the occurrences name (unknown ones left out). */
  speakers: Attribution[];
  /** Every occurrence, with the speaker that article gives (`by`). */
  occurrences: Evidence[];
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
  /** Quotes found in more than one article (absent in results built before quote records). */
  quotes?: QuoteRecord[];
}
