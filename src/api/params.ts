/**
 * Query-string parsing shared by the routes: strict, with a 400 for anything unexpected
 * (unknown parameters included, so a typo such as `?stroy=` is reported, not ignored).
 */
import type { Context } from 'hono';
import type { Page } from '../store/repos/queries.js';
import { badRequest } from './errors.js';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

/** The query parameters of `c`, after checking that only `allowed` ones (each once) are present. */
export function queryOf(c: Context, allowed: readonly string[]): Record<string, string> {
  const url = new URL(c.req.url);
  const out: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (!allowed.includes(key)) {
      throw badRequest(
        `Unexpected query parameter \`${key}\`, expected ${allowed.length ? allowed.map((a) => `\`${a}\``).join(', ') : 'none'}`,
      );
    }
    if (key in out) throw badRequest(`Unexpected repeated query parameter \`${key}\``);
    out[key] = value;
  }
  return out;
}

/** A non-negative integer parameter within [min, max], or `fallback` when absent. */
export function intParam(query: Record<string, string>, name: string, fallback: number, min: number, max: number) {
  const raw = query[name];
  if (raw === undefined) return fallback;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw badRequest(`Unexpected \`${name}=${clip(raw)}\`, expected an integer from ${min} to ${max}`);
  }
  return Number(raw);
}

/** `limit` (1..200, default 50) and `offset` (default 0). */
export function pageParams(query: Record<string, string>, defaultLimit = DEFAULT_LIMIT): Page {
  return {
    limit: intParam(query, 'limit', defaultLimit, 1, MAX_LIMIT),
    offset: intParam(query, 'offset', 0, 0, 1_000_000_000),
  };
}

/** One of `values`, or `fallback` when absent. */
export function enumParam<T extends string>(
  query: Record<string, string>,
  name: string,
  values: readonly T[],
  fallback: T,
): T {
  const raw = query[name];
  if (raw === undefined) return fallback;
  if (!(values as readonly string[]).includes(raw)) {
    throw badRequest(
      `Unexpected \`${name}=${clip(raw)}\`, expected one of ${values.map((v) => `\`${v}\``).join(', ')}`,
    );
  }
  return raw as T;
}

/** A non-empty string parameter (at most `max` characters), or undefined when absent. */
export function stringParam(query: Record<string, string>, name: string, max = 200): string | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  if (raw.length === 0 || raw.length > max) {
    throw badRequest(`Unexpected \`${name}\` of ${raw.length} characters, expected 1 to ${max}`);
  }
  return raw;
}

export const PAGE = ['limit', 'offset'] as const;

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
