/**
 * gzip-compressed files (`.txt.gz`, `.html.gz`, `.jsonl.gz`, `.json.gz`, `.xml.gz`…): decompressed
 * with a cap on the output size, so a gzip bomb fails with `ingest/too-large` instead of
 * exhausting memory. The decompressed bytes are then read like the uncompressed file.
 */
import { gunzip } from 'node:zlib';
import { formatBytes } from './raw.js';

export type Gunzipped = { bytes: Buffer } | { rule: string; reason: string };

/** Decompress `bytes`, refusing more than `maxBytes` of output. */
export function gunzipLimited(bytes: Buffer, maxBytes: number): Promise<Gunzipped> {
  return new Promise((resolve) => {
    gunzip(bytes, { maxOutputLength: maxBytes }, (error, out) => {
      if (!error) return resolve({ bytes: out });
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
        return resolve({
          rule: 'ingest/too-large',
          reason: `Decompressed content is over the ${formatBytes(maxBytes)} limit (--max-bytes)`,
        });
      }
      resolve({ rule: 'ingest/unreadable', reason: `Invalid gzip data: ${error.message}` });
    });
  });
}
