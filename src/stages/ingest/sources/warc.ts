/**
 * WARC and WARC.gz files (web archives, e.g. Common Crawl News), read with warcio (Webrecorder's
 * maintained reader). Each `response` (or `resource`) record holding a 2xx HTML or plain-text
 * page is one document; requests, metadata, revisits, redirects and non-text payloads are skipped.
 *
 * Origin of the Nth record of the file is `file.warc.gz#N`; `meta.url` is its WARC-Target-URI.
 * The WARC-Date is the crawl date, not the publication date, so it is not passed on.
 *
 * A record whose payload stops before its declared Content-Length (a truncated download) is a
 * failure naming the record and its URL; the file is read up to there. A `.warc.gz` is
 * decompressed by Node's zlib in front of warcio so that a cut-off gzip member is reported too
 * (warcio's own inflater ends silently there).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { brotliDecompressSync, createGunzip, gunzipSync, inflateSync } from 'node:zlib';
import { WARCParser, type WARCRecord } from 'warcio';
import { decodeBytes } from '../fetch/charset.js';
import type { IngestResult } from '../index.js';
import { failure, formatBytes, rawResult } from './raw.js';

const TEXT_TYPES = /^(text\/html|application\/xhtml\+xml|text\/plain)\b/i;

export function isWarcFile(file: string): boolean {
  return /\.warc(\.gz)?$/i.test(file);
}

/** Every page of a WARC file, in file order. */
export async function* readWarc(file: string, options: { maxBytes: number }): AsyncGenerator<IngestResult> {
  try {
    const info = await stat(file);
    if (info.size === 0) {
      yield failure(file, 'ingest/empty', 'File is empty');
      return;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    yield failure(
      file,
      code === 'ENOENT' ? 'ingest/not-found' : 'ingest/unreadable',
      code === 'ENOENT' ? 'No such file or directory' : `Cannot read file: ${(error as Error).message}`,
    );
    return;
  }
  const stream = createReadStream(file);
  const source = /\.gz$/i.test(file) ? stream.pipe(createGunzip()) : stream;
  stream.on('error', (error) => source.destroy(error));
  const parser = new WARCParser(source as AsyncIterable<Uint8Array>);
  let n = 0;
  let pages = 0;
  try {
    for await (const record of parser) {
      n++;
      const origin = `${file}#${n}`;
      if (!record.warcHeaders.statusline.startsWith('WARC/')) {
        yield failure(
          n === 1 ? file : origin,
          'ingest/invalid-warc',
          n === 1
            ? 'No WARC record found: the file does not start with a `WARC/` version line'
            : `Record ${n} does not start with a \`WARC/\` version line; the rest of the file is skipped`,
        );
        source.destroy();
        return;
      }
      const result = await readRecord(record, origin, options.maxBytes);
      if (result) {
        pages++;
        yield result;
      }
    }
  } catch (error) {
    yield failure(
      `${file}#${n + 1}`,
      'ingest/truncated',
      `WARC data is truncated or corrupt after record ${n}: ${(error as Error).message}`,
    );
    source.destroy();
    return;
  }
  if (n === 0) yield failure(file, 'ingest/invalid-warc', 'No WARC record found (is this a WARC file?)');
  else if (pages === 0) yield failure(file, 'ingest/empty', `None of the ${n} WARC records is an HTML or text page`);
}

async function readRecord(record: WARCRecord, origin: string, maxBytes: number): Promise<IngestResult | undefined> {
  const type = record.warcType;
  if (type !== 'response' && type !== 'resource') {
    await record.skipFully();
    return undefined;
  }
  const url = record.warcTargetURI ?? undefined;
  const named = url ? ` (${url})` : '';
  const http = record.httpHeaders;
  const status = http ? Number(http.statusCode) : 200;
  const contentType = http ? http.headers.get('content-type') : (record.warcContentType ?? null);
  if (status < 200 || status >= 300 || !TEXT_TYPES.test(contentType ?? 'text/html')) {
    await record.skipFully();
    return undefined;
  }
  if (record.warcContentLength > maxBytes) {
    await record.skipFully();
    return failure(
      origin,
      'ingest/too-large',
      `WARC record${named} is ${formatBytes(record.warcContentLength)}, over the ${formatBytes(maxBytes)} limit (--max-bytes)`,
    );
  }
  let bytes: Buffer = Buffer.from(await record.readFully(false));
  // The record's reader counts down the bytes its Content-Length promised; any left means the file ended early.
  const missing = (record.reader as unknown as { limit?: number }).limit ?? 0;
  if (missing > 0) {
    return failure(
      origin,
      'ingest/truncated',
      `Truncated WARC record${named}: ${formatBytes(missing)} of its declared content are missing`,
    );
  }
  try {
    bytes = decodeTransfer(
      bytes,
      http?.headers.get('transfer-encoding'),
      http?.headers.get('content-encoding'),
      maxBytes,
    );
  } catch (error) {
    return failure(origin, 'ingest/unreadable', `Cannot decode the payload${named}: ${(error as Error).message}`);
  }
  if (bytes.every((b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09)) {
    return failure(origin, 'ingest/empty', `WARC record${named} has an empty payload`);
  }
  const decoded = decodeBytes(bytes, contentType);
  if ('error' in decoded) return failure(origin, 'ingest/invalid-charset', `${decoded.error}${named}`);
  const mediaType = /^text\/plain/i.test(contentType ?? '') ? 'text/plain' : 'text/html';
  return rawResult(origin, decoded.text, mediaType, url ? { url } : {});
}

/** Undo chunked transfer encoding and gzip/deflate/brotli content encoding kept in the archive. */
function decodeTransfer(
  bytes: Buffer,
  transfer: string | null | undefined,
  encoding: string | null | undefined,
  maxBytes: number,
): Buffer {
  let out = /chunked/i.test(transfer ?? '') ? dechunk(bytes) : bytes;
  const coding = (encoding ?? '').trim().toLowerCase();
  const limit = { maxOutputLength: maxBytes };
  // Archives often keep the header but store the decoded body: only decompress what is compressed.
  if ((coding === 'gzip' || coding === 'x-gzip') && out[0] === 0x1f && out[1] === 0x8b) out = gunzipSync(out, limit);
  else if (coding === 'deflate' && out[0] === 0x78) out = inflateSync(out, limit);
  else if (coding === 'br' && !looksLikeText(out)) out = brotliDecompressSync(out, limit);
  return out;
}

function looksLikeText(bytes: Buffer): boolean {
  return /^\s*</.test(bytes.subarray(0, 64).toString('latin1'));
}

function dechunk(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = bytes.indexOf('\r\n', at);
    if (eol < 0) return bytes; // not actually chunked: keep as is
    const size = Number.parseInt(bytes.subarray(at, eol).toString('latin1'), 16);
    if (!Number.isFinite(size)) return bytes;
    if (size === 0) break;
    parts.push(bytes.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
