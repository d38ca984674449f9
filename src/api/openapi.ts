/**
 * The OpenAPI 3.1 document served at `/openapi.json`. Component schemas reuse the export
 * contract (schema/export.schema.json, JSON Schema 2020-12, which OpenAPI 3.1 embeds as is);
 * the API tests validate real responses against these schemas, so the document stays true.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CODE_VERSION } from '../pipeline/version.js';
import { DEFAULT_LIMIT, MAX_LIMIT } from './params.js';
import { packageRoot } from './root.js';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str: Schema = { type: 'string' };
const strOrNull: Schema = { type: ['string', 'null'] };
const int: Schema = { type: 'integer', minimum: 0 };
const arrayOf = (items: Schema): Schema => ({ type: 'array', items });
/** An object whose listed properties are all required and no others allowed. */
const object = (properties: Record<string, Schema>): Schema => ({
  type: 'object',
  required: Object.keys(properties),
  properties,
  additionalProperties: false,
});
/** `schema` (built by `object`) with extra properties that may be absent. */
const withOptional = (schema: Schema, optional: Record<string, Schema>): Schema => ({
  ...schema,
  properties: { ...(schema.properties as Record<string, Schema>), ...optional },
});
const pageOf = (item: string): Schema => object({ items: arrayOf(ref(item)), total: int, limit: int, offset: int });
const dateCount = object({ date: str, count: int });

/** The export schema's `$defs`, with their references pointed at `components/schemas`. */
function exportSchemas(): Record<string, Schema> {
  const file = path.join(packageRoot(), 'schema/export.schema.json');
  const text = readFileSync(file, 'utf8').replaceAll('"#/$defs/', '"#/components/schemas/');
  return (JSON.parse(text) as { $defs: Record<string, Schema> }).$defs;
}

function schemas(): Record<string, Schema> {
  const attribution = ref('attribution');
  return {
    ...exportSchemas(),
    Error: object({
      error: object({
        code: { enum: ['bad-request', 'unauthorized', 'not-found', 'too-large', 'unsupported-media-type', 'internal'] },
        message: str,
      }),
    }),
    Stats: object({
      articles: int,
      stories: int,
      entities: int,
      conflicts: int,
      lastRun: { anyOf: [object({ id: int, finishedAt: strOrNull }), { type: 'null' }] },
    }),
    StorySummary: object({
      storyId: str,
      title: str,
      articleCount: int,
      independentSources: int,
      firstPublished: strOrNull,
      lastPublished: strOrNull,
      sites: arrayOf(str),
      coverage: arrayOf(dateCount),
    }),
    ArticleSummary: object({
      id: str,
      title: strOrNull,
      site: strOrNull,
      published: { ...strOrNull, description: 'exact publication date (ISO), null when unknown or a range' },
      language: strOrNull,
      wire: arrayOf(str),
      storyId: strOrNull,
    }),
    QuoteRow: object({
      article: str,
      site: strOrNull,
      published: strOrNull,
      start: int,
      end: int,
      text: str,
      speaker: { anyOf: [attribution, { type: 'null' }] },
      cue: strOrNull,
    }),
    ClaimRow: object({
      article: str,
      site: strOrNull,
      published: strOrNull,
      start: int,
      end: int,
      text: str,
      value: { type: 'number' },
      valueMax: { type: ['number', 'null'] },
      unit: str,
      claimant: { anyOf: [attribution, { type: 'null' }] },
      hedged: { type: 'boolean' },
      approx: strOrNull,
      time: { anyOf: [object({ start: int, end: int, value: str }), { type: 'null' }] },
    }),
    EntityCount: object({ entityId: str, name: str, type: ref('entityType'), mentions: int }),
    LineageGroup: {
      ...object({ groupId: str, articles: arrayOf(str), original: str, wire: arrayOf(str) }),
      description:
        'Articles linked by copies (every uncopied article is a group of its own). `original` is the earliest published; `wire` lists the agencies its members credit.',
    },
    StoryDetail: withOptional(
      object({
        story: ref('story'),
        articles: arrayOf(ref('ArticleSummary')),
        timeline: arrayOf(ref('timelineEntry')),
        conflicts: arrayOf(ref('conflict')),
        duplicates: arrayOf(ref('duplicate')),
        entities: arrayOf(ref('EntityCount')),
        quotes: arrayOf(ref('QuoteRow')),
        claims: arrayOf(ref('ClaimRow')),
        lineage: arrayOf(ref('LineageGroup')),
      }),
      {
        redirectedFrom: {
          ...str,
          description:
            'Present when the id asked for is an old story id (its story was merged into this one, or took a new id when an earlier article joined it): that old id. The `Content-Location` header names this story’s own URL.',
        },
      },
    ),
    ArticleDetail: {
      allOf: [ref('article')],
      required: ['diagnostics', 'copies'],
      properties: {
        diagnostics: arrayOf(
          object({
            severity: str,
            rule: str,
            reason: str,
            start: { type: ['integer', 'null'] },
            end: { type: ['integer', 'null'] },
          }),
        ),
        copies: arrayOf(ref('duplicate')),
      },
    },
    EntityDetail: object({
      entity: ref('entity'),
      mentionsByDate: arrayOf(dateCount),
      quotes: arrayOf(ref('QuoteRow')),
      articles: arrayOf(ref('ArticleSummary')),
      coMentioned: arrayOf(object({ entityId: str, name: str, type: ref('entityType'), count: int })),
      mergedIds: arrayOf(str),
    }),
    MergeRequest: object({ into: str }),
    SearchResult: object({
      articles: arrayOf(object({ id: str, title: strOrNull, site: strOrNull, published: strOrNull, snippet: str })),
      stories: arrayOf(ref('StorySummary')),
      entities: arrayOf(ref('entity')),
    }),
    IngestRequest: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(
        ['text', 'html', 'title', 'url', 'site', 'published', 'language', 'author'].map((k) => [k, str]),
      ),
      description: 'Exactly one of `text` or `html`; the other fields are metadata.',
    },
    IngestResult: object({
      stored: arrayOf(str),
      unchanged: arrayOf(str),
      failures: arrayOf(object({ origin: str, rule: str, reason: str })),
      corpus: ref('CorpusStatus'),
    }),
    CorpusStatus: {
      ...object({
        state: { enum: ['idle', 'updating'] },
        pending: { type: 'boolean' },
        behind: { type: 'boolean' },
        lastUpdate: {
          anyOf: [
            object({ startedAt: str, finishedAt: str, articles: { type: ['integer', 'null'] }, error: strOrNull }),
            { type: 'null' },
          ],
        },
      }),
      description:
        'The background corpus update. `state`: `updating` while an update runs or is about to start; `pending`: another update follows the running one (articles arrived during it); `behind`: stored articles the stories, conflicts and timeline do not cover yet; `lastUpdate`: the last update this server finished (`articles` analysed, or `error`).',
    },
    StoryPage: pageOf('StorySummary'),
    ArticlePage: pageOf('ArticleSummary'),
    EntityPage: pageOf('entity'),
    QuotePage: pageOf('QuoteRow'),
    ClaimPage: pageOf('ClaimRow'),
    ConflictPage: pageOf('conflict'),
    TimelinePage: pageOf('timelineEntry'),
  };
}

const query = (name: string, description: string, schema: Schema = str) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});
const pageParams = [
  query('limit', `page size (default ${DEFAULT_LIMIT})`, { type: 'integer', minimum: 1, maximum: MAX_LIMIT }),
  query('offset', 'items to skip (default 0)', { type: 'integer', minimum: 0 }),
];
const idParam = { name: 'id', in: 'path', required: true, schema: str };

const errors = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      String(s),
      { description: ERROR_TEXT[s], content: { 'application/json': { schema: ref('Error') } } },
    ]),
  );
const ERROR_TEXT: Record<number, string> = {
  400: 'bad parameter or body (`bad-request`)',
  401: 'missing or wrong bearer token (`unauthorized`)',
  404: 'unknown id (`not-found`)',
  413: 'body over 5 MiB (`too-large`)',
  415: 'unsupported content type (`unsupported-media-type`)',
};

function get(summary: string, schema: string, parameters: unknown[], more: number[] = []) {
  return {
    get: {
      summary,
      parameters,
      responses: {
        200: {
          description: 'OK (weak `ETag`; `304` to a matching `If-None-Match`)',
          content: { 'application/json': { schema: ref(schema) } },
        },
        304: { description: 'not modified' },
        ...errors(400, ...more),
      },
    },
  };
}

/** A user entity override: a bearer-guarded POST answering with the entity page. */
function entityWrite(summary: string, withBody: boolean) {
  return {
    post: {
      summary,
      security: [{ bearer: [] }, {}],
      parameters: [idParam],
      ...(withBody
        ? { requestBody: { required: true, content: { 'application/json': { schema: ref('MergeRequest') } } } }
        : {}),
      responses: {
        200: { description: 'OK', content: { 'application/json': { schema: ref('EntityDetail') } } },
        ...errors(400, 401, 404, 413),
      },
    },
  };
}

/** Build the OpenAPI document (paths, parameters, schemas). */
export function buildOpenApi(): Record<string, unknown> {
  const story = query('story', 'only this story (s_…)');
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Storyline API',
      version: CODE_VERSION,
      description:
        'Stories, articles, entities, quotes, claims, conflicts and timeline from a Storyline store. Offsets (`start`, `end`) are UTF-16 code units into the article `text`; article text is plain data, never HTML.',
    },
    paths: {
      '/api/stats': get('Counts and the last run', 'Stats', []),
      '/api/stories': get('Stories, biggest or newest first', 'StoryPage', [
        ...pageParams,
        query('sort', 'order (default size)', { enum: ['size', 'recent'] }),
      ]),
      '/api/stories/{id}': get(
        'The story page. An old story id (merged into another story, or renamed when an earlier article joined it) answers with the story it now belongs to, `redirectedFrom` set to the old id and `Content-Location` naming the current URL',
        'StoryDetail',
        [idParam],
        [404],
      ),
      '/api/articles': get('Articles, newest first', 'ArticlePage', [
        ...pageParams,
        story,
        query('entity', 'only articles mentioning this entity'),
      ]),
      '/api/articles/{id}': get('One article with diagnostics and copies', 'ArticleDetail', [idParam], [404]),
      '/api/entities': get('Entities by number of articles', 'EntityPage', [
        ...pageParams,
        query('type', 'only this type', ref('entityType')),
      ]),
      '/api/entities/{id}': get('The entity page', 'EntityDetail', [idParam], [404]),
      '/api/quotes': get('Quotes', 'QuotePage', [...pageParams, story, query('speaker', 'speaker entity id')]),
      '/api/claims': get('Numeric claims', 'ClaimPage', [...pageParams, story, query('unit', 'unit, e.g. `people`')]),
      '/api/conflicts': get('Conflicts', 'ConflictPage', [...pageParams, story]),
      '/api/timeline': get('Timeline entries, oldest first', 'TimelinePage', [...pageParams, story]),
      '/api/search': get('Full-text search over articles, plus stories and entities', 'SearchResult', [
        {
          ...query('q', 'text to find; FTS5 syntax allowed, anything else is searched as plain words'),
          required: true,
        },
        query('limit', 'articles to return (default 20)', { type: 'integer', minimum: 1, maximum: MAX_LIMIT }),
      ]),
      '/api/entities/{id}/merge': entityWrite(
        'Merge this entity (or one merged id) into another, kept across every later run; answers with the merged entity',
        true,
      ),
      '/api/entities/{id}/split': entityWrite(
        'Split this id off the entity it was merged into (automatically or by a user), kept across every later run; answers with its own entity',
        false,
      ),
      '/api/corpus/status': {
        get: {
          summary:
            'Where the background corpus update stands: after an ingest, stories, conflicts and timeline catch up in the background, one update at a time',
          parameters: [],
          responses: {
            200: {
              description: 'OK (never cached)',
              content: { 'application/json': { schema: ref('CorpusStatus') } },
            },
            ...errors(400),
          },
        },
      },
      '/api/ingest': {
        post: {
          summary:
            'Analyse and store one document like `storyline analyze`; answers once it is stored, while stories, conflicts and timeline catch up in the background (`corpus`, and `GET /api/corpus/status`)',
          security: [{ bearer: [] }, {}],
          requestBody: {
            required: true,
            content: {
              'text/plain': { schema: str },
              'text/html': { schema: str },
              'application/json': { schema: ref('IngestRequest') },
            },
          },
          responses: {
            201: { description: 'stored', content: { 'application/json': { schema: ref('IngestResult') } } },
            200: { description: 'already stored', content: { 'application/json': { schema: ref('IngestResult') } } },
            422: {
              description: 'analysed, but no article could be made',
              content: { 'application/json': { schema: ref('IngestResult') } },
            },
            ...errors(400, 401, 413, 415),
          },
        },
      },
    },
    components: {
      schemas: schemas(),
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
  };
}
