/**
 * Hash routing, so every view has a deep link that works without server configuration:
 * `#/stories`, `#/story/:id`, `#/article/:id?start=&end=`, `#/entity/:id`, `#/search?q=`.
 */
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { view: 'stories'; sort: 'size' | 'recent'; page: number }
  | { view: 'story'; id: string }
  | { view: 'article'; id: string; start: number | null; end: number | null }
  | { view: 'entity'; id: string }
  | { view: 'search'; q: string }
  | { view: 'not-found'; path: string };

const toInt = (value: string | null): number | null => {
  if (value === null || value === '') return null;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : null;
};

/** Parse a location hash (`#/story/s_1`) into a route. */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/stories';
  const q = raw.indexOf('?');
  const path = q === -1 ? raw : raw.slice(0, q);
  const params = new URLSearchParams(q === -1 ? '' : raw.slice(q + 1));
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [head, id] = parts;
  if (head === undefined || head === 'stories') {
    return {
      view: 'stories',
      sort: params.get('sort') === 'size' ? 'size' : 'recent',
      page: toInt(params.get('page')) ?? 0,
    };
  }
  if (head === 'story' && id) return { view: 'story', id };
  if (head === 'article' && id)
    return { view: 'article', id, start: toInt(params.get('start')), end: toInt(params.get('end')) };
  if (head === 'entity' && id) return { view: 'entity', id };
  if (head === 'search') return { view: 'search', q: params.get('q') ?? '' };
  return { view: 'not-found', path };
}

const enc = encodeURIComponent;

/** Links, built in one place so every view agrees on them. */
export const href = {
  stories: (sort: 'size' | 'recent' = 'recent', page = 0) => `#/stories?sort=${sort}${page > 0 ? `&page=${page}` : ''}`,
  story: (id: string) => `#/story/${enc(id)}`,
  article: (id: string, span?: { start: number; end: number }) =>
    `#/article/${enc(id)}${span ? `?start=${span.start}&end=${span.end}` : ''}`,
  entity: (id: string) => `#/entity/${enc(id)}`,
  search: (q: string) => `#/search?q=${enc(q)}`,
};

/** The current route, updated on `hashchange`. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
