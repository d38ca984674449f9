import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { RawDoc } from '../../../core/doc.js';
import { declaredInDocument, decodeBytes } from '../fetch/charset.js';
import type { IngestResult } from '../index.js';
import { readFeed } from './feed.js';
import { gunzipLimited } from './gzip.js';
import { readJson } from './json.js';
import { readJsonLines } from './jsonl.js';
import { failure, formatBytes, rawResult } from './raw.js';

/** How a file's decoded text becomes documents: one article, or a container of several. */
type Reader = (content: string, file: string) => IngestResult[];

const single =
  (mediaType: RawDoc['mediaType']): Reader =>
  (content, file) => [rawResult(file, content, mediaType, {})];

/** Extensions read, and how. Each may also be gzip-compressed (`.jsonl.gz`). */
const READERS: Record<string, Reader> = {
  '.txt': single('text/plain'),
  '.text': single('text/plain'),
  '.html': single('text/html'),
  '.htm': single('text/html'),
  '.json': readJson,
  '.jsonl': readJsonLines,
  '.xml': readFeed,
  '.rss': readFeed,
  '.atom': readFeed,
  // Read by `sources/url.ts` when network access is on (see `index.ts`).
  '.urls': (_content, file) => [
    failure(file, 'ingest/offline', 'A URL list needs network access, which is off (--offline)'),
  ],
};
/** One article per file; containers hold several. */
const SINGLE = new Set(['.txt', '.text', '.html', '.htm']);
/** Formats that can declare their own charset. */
const MARKUP = new Set(['.html', '.htm', '.xml', '.rss', '.atom']);
const GZIP = '.gz';
/** Every extension read; WARC files are streamed by `sources/warc.ts`, not through READERS. */
export const SUPPORTED_EXTENSIONS = [
  ...Object.keys(READERS),
  ...Object.keys(READERS).map((ext) => `${ext}${GZIP}`),
  '.warc',
  '.warc.gz',
];

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A file's bytes and decoded text, once type, size, emptiness, binary content and encoding are checked. */
export interface LoadedFile {
  file: string;
  /** Lower-case extension without `.gz` (`.jsonl` for `a.jsonl.gz`). */
  ext: string;
  bytes: Buffer;
  content: string;
}

/**
 * Read one file as documents: checks type, size, emptiness, binary content and UTF-8, gunzips
 * `.gz` files (the decompressed size is held to the same limit), then reads one article (`.txt`,
 * `.html`) or each article of a container (`.json`, `.jsonl`, feeds).
 */
export async function readFileSource(file: string, options: { maxBytes: number }): Promise<IngestResult[]> {
  const loaded = await loadFile(file, options);
  return Array.isArray(loaded) ? loaded : readLoadedFile(loaded);
}

/** The documents of a loaded file, read by its extension's reader. */
export function readLoadedFile({ file, ext, bytes, content }: LoadedFile): IngestResult[] {
  const reader = READERS[ext] as Reader;
  const results = reader(content, file);
  // A single article keeps the hash of the file's bytes (after gunzip, the BOM included), as
  // before: re-analysing stored files stays a no-op.
  const [only] = results;
  if (SINGLE.has(ext) && only && 'raw' in only) only.raw.contentHash = createHash('sha256').update(bytes).digest('hex');
  return results;
}

/** Load and decode one file, or the failure naming it. */
export async function loadFile(file: string, options: { maxBytes: number }): Promise<LoadedFile | IngestResult[]> {
  const fail = (rule: string, reason: string) => [failure(file, rule, reason)];
  const lower = file.toLowerCase();
  const gzipped = lower.endsWith(GZIP);
  const ext = path.extname(gzipped ? lower.slice(0, -GZIP.length) : lower);
  const reader = READERS[ext];
  if (!reader) {
    const shown = gzipped ? `${ext}${GZIP}` : path.extname(file);
    return fail(
      'ingest/unsupported-type',
      `Unexpected file type \`${shown || '(none)'}\`, expected one of ${SUPPORTED_EXTENSIONS.join(' ')}`,
    );
  }
  let bytes: Buffer;
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      if (size > options.maxBytes) {
        return fail(
          'ingest/too-large',
          `File is ${formatBytes(size)}, over the ${formatBytes(options.maxBytes)} limit (--max-bytes)`,
        );
      }
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail('ingest/not-found', 'No such file or directory');
    if (code === 'EISDIR') return fail('ingest/unreadable', 'Is a directory');
    return fail('ingest/unreadable', `Cannot read file: ${(error as Error).message}`);
  }
  if (gzipped && bytes.length > 0) {
    const out = await gunzipLimited(bytes, options.maxBytes);
    if ('rule' in out) return fail(out.rule, out.reason);
    bytes = out.bytes;
  }
  if (bytes.length === 0 || bytes.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09)) {
    return fail('ingest/empty', 'File is empty');
  }
  if (looksBinary(bytes)) return fail('ingest/binary', 'Unexpected binary content, expected text or HTML');
  let content: string;
  try {
    content = utf8.decode(bytes);
  } catch {
    // HTML and XML may declare a legacy charset (`<meta charset="windows-1252">`): honour it.
    // Plain text has no way to say, so it must be UTF-8.
    const declared = MARKUP.has(ext) ? declaredInDocument(bytes) : undefined;
    const decoded = declared ? decodeBytes(bytes) : undefined;
    if (decoded && 'text' in decoded) {
      content = decoded.text;
    } else {
      const at = firstInvalidUtf8(bytes);
      return fail('ingest/invalid-utf8', `Unexpected invalid UTF-8 at byte ${at}, expected UTF-8 text`);
    }
  }
  if (content.charCodeAt(0) === 0xfeff) content = content.slice(1);
  return { file, ext, bytes, content };
}

/** NUL bytes or many control characters in the first 8 KiB: not text. */
function looksBinary(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control > sample.length * 0.1;
}

/** Offset of the first byte that starts an invalid UTF-8 sequence (for the error message only). */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return i;
}
