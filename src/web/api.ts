/**
 * The web UI's only way to the data: typed GETs against the HTTP API (docs/api.md).
 * Types mirror the API contract and the export contract (schema/export.schema.json); they are
 * declared here, not imported from the server code, so the UI builds with DOM types only.
 */

export type EntityType = 'person' | 'organization' | 'place' | 'country' | 'other';

export interface Attribution {
  entityId: string | null;
  name: string;
}

export interface Prov {
  stage: string;
  version: number;
  rule: string | null;
}

export interface Evidence {
  article: string;
  start: number;
  end: number;
  text: string;
  /** `title`: the offsets point into the article's title (a headline conflict), not its text. */
  field?: 'title';
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface DateCount {
  date: string;
  count: number;
}

export interface StorySummary {
  storyId: string;
  title: string;
  articleCount: number;
  independentSources: number;
  firstPublished: string | null;
  lastPublished: string | null;
  sites: string[];
  coverage: DateCount[];
}

export interface ArticleSummary {
  id: string;
  title: string | null;
  site: string | null;
  published: string | null;
  language: string | null;
  wire: string[];
  storyId: string | null;
}

export interface StoryEvent {
  eventId: string;
  title: string;
  date: string | null;
  articles: string[];
}

export interface Story {
  storyId: string;
  title: string;
  articles: string[];
  independentSources?: number;
  events: StoryEvent[];
}

export interface TimelineEntry {
  date: string;
  text: string;
  articles: string[];
  storyId?: string | null;
  evidence?: Evidence[];
}

export interface Conflict {
  kind: 'quantity' | 'attribution' | 'headline';
  /** `quantity` only: the figure was updated over time (items in time order), not disputed. */
  evolution?: boolean;
  summary: string;
  storyId?: string | null;
  items: Evidence[];
}

export interface Duplicate {
  a: string;
  b: string;
  kind: 'exact' | 'near' | 'syndicated';
  similarity: number;
}

export interface CorpusEntity {
  entityId: string;
  name: string;
  type: EntityType;
  aliases: string[];
  articles?: number;
}

export interface QuoteRow {
  article: string;
  site: string | null;
  published: string | null;
  start: number;
  end: number;
  text: string;
  speaker: Attribution | null;
  cue: string | null;
}

export interface ClaimRow {
  article: string;
  site: string | null;
  published: string | null;
  start: number;
  end: number;
  text: string;
  value: number;
  valueMax: number | null;
  unit: string;
  claimant: Attribution | null;
  hedged: boolean;
  approx: string | null;
}

export interface LineageGroup {
  groupId: string;
  articles: string[];
  original: string;
  wire: string[];
}

export interface StoryDetail {
  story: Story;
  articles: ArticleSummary[];
  timeline: TimelineEntry[];
  conflicts: Conflict[];
  duplicates: Duplicate[];
  entities: { entityId: string; name: string; type: EntityType; mentions: number }[];
  quotes: QuoteRow[];
  claims: ClaimRow[];
  lineage: LineageGroup[];
  /** Set when the id asked for is an old story id (merged or renamed): that id. */
  redirectedFrom?: string;
}

export interface Span {
  start: number;
  end: number;
  text: string;
}

export interface ArticleDetail {
  id: string;
  origin: string;
  site: string | null;
  title: string | null;
  author: string | null;
  published: { date: string | null; from: string | null; to: string | null; how: string; evidence?: string | null };
  language: string | null;
  wire: string[];
  storyId: string | null;
  text: string;
  removed: { text: string; reason: string }[];
  entities: (Span & { type: EntityType; entityId: string; prov?: Prov })[];
  quotes: (Span & { speaker: Attribution | null; cue: string | null; prov?: Prov })[];
  claims: (Span & {
    value: number;
    valueMax: number | null;
    unit: string;
    claimant: Attribution | null;
    hedged: boolean;
    approx: string | null;
    prov?: Prov;
  })[];
  times: (Span & { value: string | null; prov?: Prov })[];
  diagnostics: { severity: string; rule: string; reason: string; start: number | null; end: number | null }[];
  copies: Duplicate[];
}

export interface EntityDetail {
  entity: CorpusEntity;
  mentionsByDate: DateCount[];
  quotes: QuoteRow[];
  articles: ArticleSummary[];
  coMentioned: { entityId: string; name: string; type: EntityType; count: number }[];
  /** Ids merged into this entity (automatically or by a user). */
  mergedIds: string[];
}

export interface SearchResult {
  articles: { id: string; title: string | null; site: string | null; published: string | null; snippet: string }[];
  stories: StorySummary[];
  entities: CorpusEntity[];
}

export interface Stats {
  articles: number;
  stories: number;
  entities: number;
  conflicts: number;
  lastRun: { id: number; finishedAt: string | null } | null;
}

/** An API error, carrying the stable `code` of the JSON error body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Where the API lives: same origin, relative to the page (works under any mount path). */
const API_BASE = new URL('api/', new URL('.', window.location.href)).href;

/** GET `path` (relative to `/api/`) with query `params`; throws `ApiError` on a non-2xx answer. */
export async function get<T>(path: string, params: Record<string, string | number | undefined> = {}): Promise<T> {
  const url = new URL(path, API_BASE);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, String(value));
  return send<T>(url, { headers: { accept: 'application/json' } });
}

/** POST `path` (relative to `/api/`) with a JSON `body`; throws `ApiError` on a non-2xx answer. */
export async function post<T>(path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return send<T>(new URL(path, API_BASE), {
    method: 'POST',
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

async function send<T>(url: URL, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new ApiError(0, 'network', `Cannot reach the API: ${(error as Error).message}`);
  }
  if (!response.ok) {
    let code = 'internal';
    let message = `HTTP ${response.status}`;
    try {
      const body = (await response.json()) as { error?: { code?: string; message?: string } };
      code = body.error?.code ?? code;
      message = body.error?.message ?? message;
    } catch {
      // Not JSON: keep the status line.
    }
    throw new ApiError(response.status, code, message);
  }
  return (await response.json()) as T;
}

const enc = encodeURIComponent;

export const api = {
  stats: () => get<Stats>('stats'),
  stories: (sort: 'size' | 'recent', limit = 50, offset = 0) =>
    get<Page<StorySummary>>('stories', { sort, limit, offset }),
  story: (id: string) => get<StoryDetail>(`stories/${enc(id)}`),
  article: (id: string) => get<ArticleDetail>(`articles/${enc(id)}`),
  entity: (id: string) => get<EntityDetail>(`entities/${enc(id)}`),
  search: (q: string, limit = 20) => get<SearchResult>('search', { q, limit }),
  entities: (limit = 50) => get<Page<CorpusEntity>>('entities', { limit }),
  /** Merge entity `id` into `into` (a user override); answers with the merged entity. */
  merge: (id: string, into: string) => post<EntityDetail>(`entities/${enc(id)}/merge`, { into }),
  /** Split id `id` off the entity it was merged into; answers with its own entity. */
  split: (id: string) => post<EntityDetail>(`entities/${enc(id)}/split`),
};
