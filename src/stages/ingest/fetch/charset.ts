/**
 * Bytes → text for fetched pages, WARC payloads and files that are not UTF-8. The declared
 * charset is looked for in order: byte-order mark, HTTP `Content-Type`, `<meta charset>` /
 * `<meta http-equiv>` (first 4 KiB), XML declaration. Bytes that are valid UTF-8 are read as
 * UTF-8 whatever the declaration says: pages that declare ISO-8859-1 or windows-1252 while
 * serving UTF-8 are common, and trusting the label would turn "café" into "cafÃ©".
 * Decoding of legacy charsets is iconv-lite's (maintained, pure JS, every WHATWG label).
 */
import iconv from 'iconv-lite';

export type Decoded = { text: string; charset: string; declared: string | undefined } | { error: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The charset a `Content-Type` value names (`text/html; charset="iso-8859-1"` → `iso-8859-1`). */
export function charsetOfContentType(contentType: string | null | undefined): string | undefined {
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '');
  return m?.[1]?.toLowerCase();
}

/** `<meta charset>`, `<meta http-equiv="Content-Type" content="…charset=…">` or `<?xml encoding>` in the head. */
export function declaredInDocument(bytes: Uint8Array): string | undefined {
  // The head is ASCII-compatible in every charset we decode (UTF-16 is caught by its BOM).
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const meta = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  if (meta?.[1]) return meta[1].toLowerCase();
  const xml = /^\s*<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  return xml?.[1]?.toLowerCase();
}

function bomCharset(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return undefined;
}

/**
 * Decode `bytes` (see the module comment for the order). Without any declaration, bytes that
 * are not UTF-8 are read as windows-1252, the web's default for undeclared legacy pages.
 */
export function decodeBytes(bytes: Uint8Array, contentType?: string | null): Decoded {
  const bom = bomCharset(bytes);
  const declared = charsetOfContentType(contentType) ?? declaredInDocument(bytes);
  if (bom && bom !== 'utf-8') return { text: stripBom(iconv.decode(Buffer.from(bytes), bom)), charset: bom, declared };
  try {
    return { text: stripBom(utf8.decode(bytes)), charset: 'utf-8', declared };
  } catch {
    // Not UTF-8: the declaration decides.
  }
  const label = declared && declared !== 'utf-8' && declared !== 'utf8' ? declared : 'windows-1252';
  // WHATWG: a page labelled ISO-8859-1 or US-ASCII is decoded as windows-1252 (curly quotes, €).
  const charset = /^(iso-8859-1|latin1|l1|us-ascii|ascii)$/.test(label) ? 'windows-1252' : label;
  if (!iconv.encodingExists(charset)) {
    return { error: `Unknown charset \`${label}\` and the bytes are not valid UTF-8` };
  }
  return { text: stripBom(iconv.decode(Buffer.from(bytes), charset)), charset, declared };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
