import { api } from '../api.ts';
import { plural, Snippet, TypeBadge, When } from '../components/bits.tsx';
import { Await } from '../components/status.tsx';
import { useFetch } from '../components/use-fetch.ts';
import { href } from '../router.ts';

export function SearchView({ q }: { q: string }) {
  const query = q.trim();
  const loaded = useFetch(`search:${query}`, () =>
    query ? api.search(query) : Promise.resolve({ articles: [], stories: [], entities: [] }),
  );
  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title">{query ? `Search: ${query}` : 'Search'}</h1>
      {!query ? (
        <p>Type a word, a name or a phrase in the search box above.</p>
      ) : (
        <Await loaded={loaded}>
          {(r) =>
            r.articles.length + r.stories.length + r.entities.length === 0 ? (
              <p role="status">Nothing found for “{query}”.</p>
            ) : (
              <div class="search-results" data-nav-list>
                <p role="status" class="muted">
                  {plural(r.stories.length, 'story', 'stories')}, {plural(r.entities.length, 'entity', 'entities')},{' '}
                  {plural(r.articles.length, 'article')}
                </p>
                {r.stories.length > 0 && (
                  <section aria-labelledby="sr-stories">
                    <h2 id="sr-stories">Stories</h2>
                    <ul class="plain">
                      {r.stories.map((s) => (
                        <li key={s.storyId}>
                          <a href={href.story(s.storyId)} data-nav-item>
                            {s.title}
                          </a>{' '}
                          <span class="muted">
                            {plural(s.articleCount, 'article')}, {s.independentSources} independent
                          </span>
                        </li>
                      ))}
                    </ul>
                  </section>
                )}
                {r.entities.length > 0 && (
                  <section aria-labelledby="sr-entities">
                    <h2 id="sr-entities">People, organisations, places</h2>
                    <ul class="plain">
                      {r.entities.map((e) => (
                        <li key={e.entityId}>
                          <a href={href.entity(e.entityId)} data-nav-item>
                            {e.name}
                          </a>{' '}
                          <TypeBadge type={e.type} />
                        </li>
                      ))}
                    </ul>
                  </section>
                )}
                {r.articles.length > 0 && (
                  <section aria-labelledby="sr-articles">
                    <h2 id="sr-articles">Articles</h2>
                    <ul class="plain results">
                      {r.articles.map((a) => (
                        <li key={a.id}>
                          <a href={href.article(a.id)} data-nav-item>
                            {a.title ?? a.id}
                          </a>{' '}
                          <span class="muted">
                            {a.site} · <When date={a.published} />
                          </span>
                          <p>
                            <Snippet text={a.snippet} />
                          </p>
                        </li>
                      ))}
                    </ul>
                  </section>
                )}
              </div>
            )
          }
        </Await>
      )}
    </section>
  );
}
