import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { RawDoc } from '../../../core/doc.js';
import type { IngestResult } from '../index.js';

/** Extensions read as articles, with their media type. */
const MEDIA_TYPES: Record<string, RawDoc['mediaType']> = {
  '.txt': 'text/plain',
  '.text': 'text/plain',
  '.html': 'text/html',
  '.htm': 'text/html',
};
export const SUPPORTED_EXTENSIONS = Object.keys(MEDIA_TYPES);

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Read one file as a RawDoc, checking type, size, emptiness, binary content and UTF-8. */
export async function readFileSource(file: string, options: { maxBytes: number }): Promise<IngestResult> {
  const failure = (rule: string, reason: string): IngestResult => ({
    origin: file,
    failure: { severity: 'fatal', stage: 'ingest', rule, reason },
  });
  const mediaType = MEDIA_TYPES[path.extname(file).toLowerCase()];
  if (!mediaType) {
    return failure(
      'ingest/unsupported-type',
      `Unexpected file type \`${path.extname(file) || '(none)'}\`, expected one of ${SUPPORTED_EXTENSIONS.join(' ')}`,
    );
  }
  let bytes: Buffer;
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      if (size > options.maxBytes) {
        return failure(
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
    if (code === 'ENOENT') return failure('ingest/not-found', 'No such file or directory');
    if (code === 'EISDIR') return failure('ingest/unreadable', 'Is a directory');
    return failure('ingest/unreadable', `Cannot read file: ${(error as Error).message}`);
  }
  if (bytes.length === 0 || bytes.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09)) {
    return failure('ingest/empty', 'File is empty');
  }
  if (looksBinary(bytes)) return failure('ingest/binary', 'Unexpected binary content, expected text or HTML');
  let content: string;
  try {
    content = utf8.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    return failure('ingest/invalid-utf8', `Unexpected invalid UTF-8 at byte ${at}, expected UTF-8 text`);
  }
  if (content.charCodeAt(0) === 0xfeff) content = content.slice(1);
  return {
    origin: file,
    raw: {
      origin: file,
      content,
      mediaType,
      contentHash: createHash('sha256').update(bytes).digest('hex'),
      meta: {},
    },
  };
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

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KiB`;
  return `${n} bytes`;
}
