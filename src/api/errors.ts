/**
 * API errors: one typed error, one `onError` that turns anything thrown into the JSON body
 * `{error: {code, message}}` with a stable `code` per HTTP status.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Stable error codes of the JSON error body (docs/api.md). */
export type ErrorCode =
  | 'bad-request'
  | 'unauthorized'
  | 'not-found'
  | 'too-large'
  | 'unsupported-media-type'
  | 'internal';

const CODE_OF_STATUS: Record<number, ErrorCode> = {
  400: 'bad-request',
  401: 'unauthorized',
  404: 'not-found',
  413: 'too-large',
  415: 'unsupported-media-type',
};

/** An error the client caused (or may retry), with the status and code it answers with. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ApiError';
  }
}

export const badRequest = (message: string) => new ApiError(400, 'bad-request', message);
export const notFound = (message: string) => new ApiError(404, 'not-found', message);

/** The JSON body of an error response. */
export function errorBody(code: ErrorCode, message: string) {
  return { error: { code, message } };
}

/**
 * The app's single error handler. `ApiError` and Hono's `HTTPException` keep their status;
 * anything else is a 500 whose message never leaks internals (it is logged instead).
 */
export function onError(error: Error, c: Context): Response {
  if (error instanceof ApiError) return c.json(errorBody(error.code, error.message), error.status);
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const code = CODE_OF_STATUS[status] ?? (status >= 500 ? 'internal' : 'bad-request');
    const response = c.json(errorBody(code, error.message || `HTTP ${status}`), status);
    // Keep headers such as `WWW-Authenticate` from the exception's own response.
    for (const [key, value] of error.getResponse().headers) {
      if (key.toLowerCase() !== 'content-type' && key.toLowerCase() !== 'content-length')
        response.headers.set(key, value);
    }
    return response;
  }
  console.error(`storyline serve: ${c.req.method} ${c.req.path} failed:`, error);
  return c.json(errorBody('internal', 'Internal error; see the server log'), 500);
}
