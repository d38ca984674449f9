/**
 * `POST /api/ingest`: analyse one posted document like `analyze` does a file. The body is
 * `text/plain`, `text/html` (UTF-8) or `application/json` with `{text | html, title?, url?,
 * site?, published?, language?, author?}`. The answer comes once the article is stored; the
 * corpus outputs (stories, conflicts, timeline) catch up in the background (`CorpusUpdater`:
 * one update at a time, ingests during it make one more), and the answer's `corpus` field, like
 * `GET /api/corpus/status`, says where that stands. Nothing stored, no update.
 */
import { Hono } from 'hono';
import { INGEST_FIELDS, type IngestBody, type IngestFields, ingestBody } from '../../pipeline/ingest-text.js';
import { ApiError, badRequest } from '../errors.js';
import { queryOf } from '../params.js';
import type { RouteDeps } from './deps.js';

const MEDIA_TYPES = ['text/plain', 'text/html', 'application/json'] as const;
type MediaType = (typeof MEDIA_TYPES)[number];

export function ingestRoutes({ store, corpus }: RouteDeps): Hono {
  return new Hono().post('/', async (c) => {
    queryOf(c, []);
    const mediaType = parseContentType(c.req.header('content-type'));
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.length === 0) throw badRequest('Empty body, expected an article');
    let content: string;
    try {
      content = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw badRequest('Unexpected body: not valid UTF-8');
    }
    const body: IngestBody =
      mediaType === 'application/json'
        ? { kind: mediaType, bytes, fields: parseFields(content) }
        : { kind: mediaType, bytes, content };
    // Not in the serial queue: storing never conflicts with a corpus update (which reads a
    // generation first and runs again for articles stored after it), so it need not wait for one.
    const report = await ingestBody(store, body);
    const { stored, unchanged, failures } = report;
    if (stored.length > 0) corpus.request();
    const status = stored.length > 0 ? 201 : failures.length > 0 ? 422 : 200;
    return c.json({ stored, unchanged, failures, corpus: await corpus.status() }, status);
  });
}

function parseContentType(header: string | undefined): MediaType {
  if (!header) throw new ApiError(415, 'unsupported-media-type', `Missing Content-Type, expected ${expected()}`);
  const [type = '', ...params] = header.split(';').map((p) => p.trim().toLowerCase());
  if (!(MEDIA_TYPES as readonly string[]).includes(type)) {
    throw new ApiError(415, 'unsupported-media-type', `Unexpected Content-Type \`${type}\`, expected ${expected()}`);
  }
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice(8)
    .replace(/"/g, '');
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw new ApiError(415, 'unsupported-media-type', `Unexpected charset \`${charset}\`, expected utf-8`);
  }
  return type as MediaType;
}

const expected = () => MEDIA_TYPES.map((t) => `\`${t}\``).join(', ');

function parseFields(content: string): IngestFields {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (error) {
    throw badRequest(`Malformed JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('Unexpected JSON body, expected an object such as `{"text": "…", "title": "…"}`');
  }
  const fields: IngestFields = {};
  for (const [key, v] of Object.entries(value)) {
    if (!(INGEST_FIELDS as readonly string[]).includes(key)) {
      throw badRequest(`Unexpected field \`${key}\`, expected ${INGEST_FIELDS.map((f) => `\`${f}\``).join(', ')}`);
    }
    if (typeof v !== 'string') throw badRequest(`Unexpected \`${key}\`: expected a string`);
    fields[key as keyof IngestFields] = v;
  }
  if (fields.text === undefined && fields.html === undefined) {
    throw badRequest('Missing `text` or `html`, expected the article body in one of them');
  }
  if (fields.text !== undefined && fields.html !== undefined) {
    throw badRequest('Unexpected both `text` and `html`, expected one of them');
  }
  if ((fields.text ?? fields.html ?? '').trim() === '') throw badRequest('Empty `text`/`html`, expected an article');
  return fields;
}
