import { api, type EntityDetail } from '../api.ts';
import { plural, ShowAll, TypeBadge, useShowAll, When } from '../components/bits.tsx';
import { CountChart } from '../components/chart.tsx';
import { Await } from '../components/status.tsx';
import { useFetch } from '../components/use-fetch.ts';
import { href } from '../router.ts';

export function EntityView({ id }: { id: string }) {
  const loaded = useFetch(`entity:${id}`, () => api.entity(id));
  return <Await loaded={loaded}>{(data) => <Entity data={data} />}</Await>;
}

function Entity({ data }: { data: EntityDetail }) {
  const { entity } = data;
  const others = entity.aliases.filter((a) => a !== entity.name);
  const quotes = useShowAll(data.quotes, 15);
  const articles = useShowAll(data.articles, 30);
  return (
    <article class="entity" aria-labelledby="entity-title">
      <header class="view-head">
        <p class="kicker">
          <TypeBadge type={entity.type} />
        </p>
        <h1 id="entity-title">{entity.name}</h1>
        {others.length > 0 && <p class="muted">Also written: {others.join(', ')}</p>}
        <p class="facts">
          <span class="fact">
            <strong>{data.articles.length}</strong> {data.articles.length === 1 ? 'article' : 'articles'}
          </span>
          <span class="fact">
            <strong>{data.quotes.length}</strong> {data.quotes.length === 1 ? 'quote' : 'quotes'}
          </span>
        </p>
      </header>
      <section aria-labelledby="mentions-h">
        <h2 id="mentions-h">Mentions over time</h2>
        <CountChart points={data.mentionsByDate} label="mentions" />
      </section>
      <section aria-labelledby="quotes-h">
        <h2 id="quotes-h">Quotes by {entity.name}</h2>
        {data.quotes.length === 0 ? (
          <p class="muted">No quotes attributed.</p>
        ) : (
          <ul class="quotes" data-nav-list>
            {quotes.shown.map((q) => (
              <li key={`${q.article}-${q.start}`} class="quote">
                <blockquote>“{q.text}”</blockquote>
                <p class="carried">
                  <a href={href.article(q.article, q)} data-nav-item>
                    {q.site ?? q.article}
                  </a>
                  , <When date={q.published} />
                  {q.cue && <span class="muted"> ({q.cue})</span>}
                </p>
              </li>
            ))}
          </ul>
        )}
        <ShowAll hidden={quotes.hidden} total={data.quotes.length} what="quotes" onClick={quotes.showAll} />
      </section>
      <section aria-labelledby="with-h">
        <h2 id="with-h">Appears with</h2>
        {data.coMentioned.length === 0 ? (
          <p class="muted">Nobody else.</p>
        ) : (
          <ul class="chips">
            {data.coMentioned.map((e) => (
              <li key={e.entityId}>
                <a href={href.entity(e.entityId)}>
                  {e.name} <span class="count">{e.count}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="articles-h">
        <h2 id="articles-h">Articles</h2>
        <p class="muted">{plural(data.articles.length, 'article')}</p>
        <ul class="plain article-list" data-nav-list>
          {articles.shown.map((a) => (
            <li key={a.id}>
              <When date={a.published} /> <a href={href.article(a.id)}>{a.title ?? a.id}</a>{' '}
              <span class="muted">{a.site}</span>
            </li>
          ))}
        </ul>
        <ShowAll hidden={articles.hidden} total={data.articles.length} what="articles" onClick={articles.showAll} />
      </section>
    </article>
  );
}
