import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { api, type CorpusEntity, type EntityDetail } from '../api.ts';
import { plural, ShowAll, TypeBadge, useShowAll, When } from '../components/bits.tsx';
import { CountChart } from '../components/chart.tsx';
import { Await } from '../components/status.tsx';
import { useFetch } from '../components/use-fetch.ts';
import { href } from '../router.ts';

/** What the last merge/split did, shown (and focused) once the entity has reloaded. */
interface Notice {
  text: ComponentChildren;
  error?: boolean;
}

export function EntityView({ id }: { id: string }) {
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<Notice | null>(null);
  useEffect(() => setNotice(null), [id]);
  const loaded = useFetch(`entity:${id}:${version}`, () => api.entity(id));
  const done = (next: Notice) => {
    setNotice(next);
    if (!next.error) setVersion((v) => v + 1);
  };
  return (
    <Await loaded={loaded}>
      {(data) => (
        <Entity data={data}>
          <EntityControls data={data} notice={notice} onDone={done} />
        </Entity>
      )}
    </Await>
  );
}

/** "Merge into…" (an entity picked from search suggestions) and a "Split" button per merged id. */
function EntityControls({
  data,
  notice,
  onDone,
}: {
  data: EntityDetail;
  notice: Notice | null;
  onDone: (notice: Notice) => void;
}) {
  const { entity } = data;
  const inputId = useId();
  const listId = useId();
  const [target, setTarget] = useState('');
  const [suggestions, setSuggestions] = useState<CorpusEntity[]>([]);
  const [busy, setBusy] = useState(false);
  const status = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (notice) status.current?.focus();
  }, [notice]);
  useEffect(() => {
    const q = target.trim();
    if (q.length < 2 || q.includes(':')) return;
    let current = true;
    const timer = setTimeout(() => {
      api.search(q, 1).then(
        (r) => current && setSuggestions(r.entities.filter((e) => e.entityId !== entity.entityId)),
        () => undefined,
      );
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [target, entity.entityId]);

  const run = async (job: () => Promise<Notice>) => {
    setBusy(true);
    try {
      onDone(await job());
    } catch (error) {
      onDone({ text: (error as Error).message, error: true });
    } finally {
      setBusy(false);
    }
  };
  const merge = (event: Event) => {
    event.preventDefault();
    const typed = target.trim();
    if (!typed) return;
    const picked = suggestions.find((e) => e.entityId === typed || e.name.toLowerCase() === typed.toLowerCase());
    const into = picked?.entityId ?? typed;
    void run(async () => {
      const merged = await api.merge(entity.entityId, into);
      setTarget('');
      return {
        text: (
          <>
            Merged {entity.name} into <a href={href.entity(merged.entity.entityId)}>{merged.entity.name}</a>.
          </>
        ),
      };
    });
  };
  const split = (id: string) =>
    run(async () => {
      const own = await api.split(id);
      return {
        text: (
          <>
            Split <a href={href.entity(own.entity.entityId)}>{own.entity.name}</a> off {entity.name}.
          </>
        ),
      };
    });

  return (
    <section aria-labelledby="manage-h" class="entity-manage">
      <h2 id="manage-h">Merge or split</h2>
      {notice && (
        <p
          ref={status}
          tabIndex={-1}
          role={notice.error ? 'alert' : 'status'}
          class={notice.error ? 'status error' : 'notice'}
        >
          {notice.text}
        </p>
      )}
      <form class="merge-form" onSubmit={merge}>
        <label for={inputId}>Merge into…</label>
        <input
          id={inputId}
          type="text"
          list={listId}
          value={target}
          autocomplete="off"
          placeholder="Entity name or id"
          aria-describedby={`${inputId}-hint`}
          onInput={(e) => setTarget((e.target as HTMLInputElement).value)}
        />
        <datalist id={listId}>
          {suggestions.map((e) => (
            <option key={e.entityId} value={e.entityId}>
              {e.name} ({e.type})
            </option>
          ))}
        </datalist>
        <button type="submit" disabled={busy || target.trim() === ''}>
          Merge
        </button>
        <p id={`${inputId}-hint`} class="muted">
          Kept across later runs. Pick a suggestion or type an entity id such as <code>person:jane-doe</code>.
        </p>
      </form>
      {data.mergedIds.length > 0 && (
        <>
          <h3 id="merged-h">Merged ids</h3>
          <ul class="plain merged-ids" aria-labelledby="merged-h">
            {data.mergedIds.map((id) => (
              <li key={id}>
                <code>{id}</code>{' '}
                <button type="button" disabled={busy} onClick={() => split(id)} aria-label={`Split ${id}`}>
                  Split
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Entity({ data, children }: { data: EntityDetail; children?: ComponentChildren }) {
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
      {children}
    </article>
  );
}
