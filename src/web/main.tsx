/**
 * Storyline's web UI: a Preact app over the HTTP API (docs/api.md). Hash routes give every view
 * a deep link; the header's search box reaches everything.
 */
import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Stats } from './api.ts';
import { href, type Route, useRoute } from './router.ts';
import './styles.css';
import { ArticleView } from './views/article.tsx';
import { EntityView } from './views/entity.tsx';
import { SearchView } from './views/search.tsx';
import { StoriesView } from './views/stories.tsx';
import { StoryView } from './views/story.tsx';

function View({ route }: { route: Route }) {
  switch (route.view) {
    case 'stories':
      return <StoriesView sort={route.sort} page={route.page} />;
    case 'story':
      return <StoryView id={route.id} />;
    case 'article':
      return <ArticleView id={route.id} start={route.start} end={route.end} />;
    case 'entity':
      return <EntityView id={route.id} />;
    case 'search':
      return <SearchView q={route.q} />;
    default:
      return (
        <section>
          <h1>Page not found</h1>
          <p>
            Nothing lives at <code>{route.path}</code>. <a href={href.stories()}>Go to the stories.</a>
          </p>
        </section>
      );
  }
}

const TITLES: Record<Route['view'], string> = {
  stories: 'Stories',
  story: 'Story',
  article: 'Article',
  entity: 'Entity',
  search: 'Search',
  'not-found': 'Not found',
};

function SearchBox({ route }: { route: Route }) {
  const [q, setQ] = useState(route.view === 'search' ? route.q : '');
  useEffect(() => {
    if (route.view === 'search') setQ(route.q);
  }, [route]);
  return (
    <search>
      <form
        class="search-box"
        onSubmit={(e) => {
          e.preventDefault();
          window.location.hash = href.search(q.trim());
        }}
      >
        <label for="q" class="sr-only">
          Search stories, people and articles
        </label>
        <input
          id="q"
          type="search"
          name="q"
          placeholder="Search (press /)"
          value={q}
          onInput={(e) => setQ(e.currentTarget.value)}
          autocomplete="off"
        />
        <button type="submit">Search</button>
      </form>
    </search>
  );
}

/** j/k (or ↓/↑ with Alt) move between the items of the page's lists; `/` jumps to search. */
function useKeyboard() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (typing || e.ctrlKey || e.metaKey) return;
      if (e.key === '/') {
        e.preventDefault();
        document.getElementById('q')?.focus();
        return;
      }
      const down = e.key === 'j' || (e.altKey && e.key === 'ArrowDown');
      const up = e.key === 'k' || (e.altKey && e.key === 'ArrowUp');
      if (!down && !up) return;
      const items = [...document.querySelectorAll<HTMLElement>('main [data-nav-item]')];
      if (items.length === 0) return;
      e.preventDefault();
      const at = items.indexOf(document.activeElement as HTMLElement);
      const next =
        at === -1 ? (down ? 0 : items.length - 1) : Math.min(items.length - 1, Math.max(0, at + (down ? 1 : -1)));
      items[next]?.focus();
      items[next]?.scrollIntoView({ block: 'nearest' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

function App() {
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  const [stats, setStats] = useState<Stats | null>(null);
  useKeyboard();
  useEffect(() => {
    api.stats().then(setStats, () => setStats(null));
  }, []);
  const routeKey = JSON.stringify(route);
  useEffect(() => {
    document.title = `${TITLES[route.view]} · Storyline`;
    // A new view: start at the top and tell screen readers, unless an evidence span takes focus.
    if (route.view !== 'article' || route.start === null) {
      window.scrollTo(0, 0);
      main.current?.focus({ preventScroll: true });
    }
  }, [routeKey]);
  return (
    <>
      <button type="button" class="skip" onClick={() => main.current?.focus()}>
        Skip to content
      </button>
      <header class="site-header">
        <a class="brand" href={href.stories()}>
          Storyline
        </a>
        <nav class="main-nav" aria-label="Main">
          <a href={href.stories('recent')} aria-current={route.view === 'stories' ? 'page' : undefined}>
            Stories
          </a>
        </nav>
        <SearchBox route={route} />
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <View key={routeKey} route={route} />
      </main>
      <footer class="site-footer">
        {stats ? (
          <p>
            {stats.articles} articles · {stats.stories} stories · {stats.entities} entities · {stats.conflicts}{' '}
            conflicts
            {stats.lastRun?.finishedAt
              ? ` · last analysed ${stats.lastRun.finishedAt.slice(0, 16).replace('T', ' ')}`
              : ''}
          </p>
        ) : (
          <p>Storyline</p>
        )}
        <p class="muted small">Keys: / search · j/k move through lists · Enter opens</p>
      </footer>
    </>
  );
}

render(<App />, document.getElementById('app')!);
