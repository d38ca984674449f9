import type { ComponentChildren } from 'preact';
import { ApiError } from '../api.ts';
import type { Loaded } from './use-fetch.ts';

export function Loading() {
  return (
    <p class="status" role="status" aria-live="polite">
      Loading…
    </p>
  );
}

export function ErrorBox({ error }: { error: Error }) {
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <div class="status error" role="alert">
      <strong>{notFound ? 'Not found.' : 'Something went wrong.'}</strong> {error.message}
    </div>
  );
}

/** Render `children(data)` once loaded, a status line before, an alert on failure. */
export function Await<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ComponentChildren }) {
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'error') return <ErrorBox error={loaded.error} />;
  return <>{children(loaded.data)}</>;
}
