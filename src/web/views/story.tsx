import { useEffect, useState } from 'preact/hooks';
import { type ArticleSummary, api, type ClaimRow, type Conflict, type EntityType, type StoryDetail } from '../api.ts';
import { plural, ShowAll, useShowAll, When, Who } from '../components/bits.tsx';
import { Lineage } from '../components/lineage.tsx';
import { Await } from '../components/status.tsx';
import { useFetch } from '../components/use-fetch.ts';
import { href } from '../router.ts';

export function StoryView({ id }: { id: string }) {
  const loaded = useFetch(`story:${id}`, () => api.story(id));
  return <Await loaded={loaded}>{(data) => <Story data={data} />}</Await>;
}

/** An old story id answered with its current story: show the current id in the address bar. */
function useCanonicalStoryUrl(data: StoryDetail): void {
  useEffect(() => {
    if (data.redirectedFrom) window.history.replaceState(null, '', href.story(data.story.storyId));
  }, [data]);
}

const SECTIONS = [
  ['timeline', 'Timeline'],
  ['conflicts', 'Conflicts'],
  ['sources', 'Sources'],
  ['entities', 'People, organisations, places'],
  ['quotes', 'Quotes'],
  ['claims', 'Claims'],
  ['events', 'Events'],
] as const;

function Story({ data }: { data: StoryDetail }) {
  useCanonicalStoryUrl(data);
  const byId = new Map(data.articles.map((a) => [a.id, a]));
  const site = (id: string) => byId.get(id)?.site ?? id;
  const sites = new Set(data.articles.map((a) => a.site ?? a.id));
  return (
    <article class="story" aria-labelledby="story-title">
      <header class="view-head">
        <p class="kicker">Story</p>
        <h1 id="story-title">{data.story.title}</h1>
        {data.redirectedFrom ? (
          <p class="muted redirected">
            Story <code>{data.redirectedFrom}</code> is now part of this story.
          </p>
        ) : null}
        <p class="facts">
          <span class="fact">
            <strong>{data.story.independentSources ?? sites.size}</strong> independent sources
          </span>
          <span class="fact">
            <strong>{data.articles.length}</strong> articles
          </span>
          <span class="fact">
            <strong>{sites.size}</strong> sites
          </span>
          <span class="fact">
            <strong>{data.conflicts.length}</strong> {data.conflicts.length === 1 ? 'conflict' : 'conflicts'}
          </span>
        </p>
        <nav class="toc" aria-label="On this page">
          {SECTIONS.map(([anchor, label]) => (
            <a
              key={anchor}
              href={`#${anchor}`}
              onClick={(e) => {
                // Keep the route in the hash: scroll instead of navigating.
                e.preventDefault();
                document.getElementById(anchor)?.scrollIntoView();
                document.getElementById(anchor)?.focus();
              }}
            >
              {label}
            </a>
          ))}
        </nav>
      </header>
      <Timeline data={data} site={site} />
      <Conflicts conflicts={data.conflicts} site={site} />
      <section id="sources" tabIndex={-1} aria-labelledby="sources-h">
        <h2 id="sources-h">Sources and who copied whom</h2>
        <Lineage groups={data.lineage} articles={data.articles} />
        <SourceTable articles={data.articles} />
      </section>
      <Entities entities={data.entities} />
      <Quotes data={data} site={site} />
      <Claims claims={data.claims} conflicts={data.conflicts} />
      <section id="events" tabIndex={-1} aria-labelledby="events-h">
        <h2 id="events-h">Events</h2>
        {data.story.events.length === 0 ? (
          <p class="muted">No events.</p>
        ) : (
          <ol class="events">
            {data.story.events.map((e) => (
              <li key={e.eventId}>
                <When date={e.date} /> <strong>{e.title}</strong>{' '}
                <span class="muted">({plural(e.articles.length, 'article')})</span>
                <ul class="inline">
                  {e.articles.map((a) => (
                    <li key={a}>
                      <a href={href.article(a)}>{site(a)}</a>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        )}
      </section>
    </article>
  );
}

function Timeline({ data, site }: { data: StoryDetail; site: (id: string) => string }) {
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const entries = [...data.timeline]
    .sort((a, b) => a.date.localeCompare(b.date))
    .filter((t) => !needle || t.text.toLowerCase().includes(needle) || t.date.includes(needle));
  const more = useShowAll(entries, 15);
  return (
    <section id="timeline" tabIndex={-1} aria-labelledby="timeline-h">
      <h2 id="timeline-h">Timeline</h2>
      {data.timeline.length === 0 ? (
        <p class="muted">No dated statements.</p>
      ) : (
        <>
          <label class="filter">
            Filter the timeline <input type="search" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
          </label>
          <ol class="timeline" data-nav-list>
            {more.shown.map((t, i) => {
              const first = t.evidence?.[0];
              const sources = new Set(t.articles.map(site));
              return (
                <li key={`${t.date}-${i}`} class="tl-entry">
                  <time dateTime={t.date} class="tl-date">
                    {t.date}
                  </time>
                  <div class="tl-body">
                    <a
                      href={first ? href.article(first.article, first) : href.article(t.articles[0] ?? '')}
                      data-nav-item
                    >
                      {t.text}
                    </a>
                    <details>
                      <summary>{plural(sources.size, 'source')}</summary>
                      <ul>
                        {(t.evidence ?? t.articles.map((a) => ({ article: a, start: 0, end: 0, text: '' }))).map(
                          (ev) => (
                            <li key={`${ev.article}-${ev.start}`}>
                              <a href={href.article(ev.article, ev.end > ev.start ? ev : undefined)}>
                                {site(ev.article)}
                              </a>
                            </li>
                          ),
                        )}
                      </ul>
                    </details>
                  </div>
                </li>
              );
            })}
          </ol>
          <ShowAll hidden={more.hidden} total={entries.length} what="entries" onClick={more.showAll} />
          {entries.length === 0 && <p class="muted">Nothing matches “{filter}”.</p>}
        </>
      )}
    </section>
  );
}

const CONFLICT_LABEL: Record<Conflict['kind'], string> = {
  quantity: 'numbers disagree',
  attribution: 'speaker disputed',
  headline: 'headline vs its own text',
};

function Conflicts({ conflicts, site }: { conflicts: Conflict[]; site: (id: string) => string }) {
  return (
    <section id="conflicts" tabIndex={-1} aria-labelledby="conflicts-h">
      <h2 id="conflicts-h">Conflicts</h2>
      {conflicts.length === 0 ? (
        <p class="muted">The sources agree: no conflicting numbers or speakers found.</p>
      ) : (
        <ul class="conflicts">
          {conflicts.map((c, i) => (
            <li key={i} class="conflict">
              <span class="badge warn">⚠ {c.evolution ? 'figure updated' : (CONFLICT_LABEL[c.kind] ?? c.kind)}</span>{' '}
              {c.summary}
              <details>
                <summary>{plural(c.items.length, 'piece', 'pieces')} of evidence</summary>
                <ul>
                  {c.items.map((ev) => (
                    <li key={`${ev.article}-${ev.start}`}>
                      <a href={href.article(ev.article, ev.field === 'title' ? undefined : ev)}>“{ev.text}”</a>{' '}
                      {ev.field === 'title' ? <span class="muted">(headline)</span> : null}{' '}
                      <span class="muted">{site(ev.article)}</span>
                    </li>
                  ))}
                </ul>
              </details>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function SourceTable({ articles }: { articles: ArticleSummary[] }) {
  const sorted = [...articles].sort((a, b) => (a.published ?? '').localeCompare(b.published ?? ''));
  return (
    <div class="table-wrap">
      <table>
        <caption>Articles in this story</caption>
        <thead>
          <tr>
            <th scope="col">Published</th>
            <th scope="col">Site</th>
            <th scope="col">Title</th>
            <th scope="col">Wire</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((a) => (
            <tr key={a.id}>
              <td>
                <When date={a.published} />
              </td>
              <td>{a.site ?? '—'}</td>
              <td>
                <a href={href.article(a.id)}>{a.title ?? a.id}</a>
              </td>
              <td>{a.wire.join(', ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const TYPE_ORDER: EntityType[] = ['person', 'organization', 'place', 'country', 'other'];
const TYPE_HEADING: Record<EntityType, string> = {
  person: 'People',
  organization: 'Organisations',
  place: 'Places',
  country: 'Countries',
  other: 'Other',
};

function Entities({ entities }: { entities: StoryDetail['entities'] }) {
  return (
    <section id="entities" tabIndex={-1} aria-labelledby="entities-h">
      <h2 id="entities-h">People, organisations, places</h2>
      <div class="entity-columns">
        {TYPE_ORDER.map((type) => {
          const list = entities.filter((e) => e.type === type).sort((a, b) => b.mentions - a.mentions);
          return list.length === 0 ? null : <EntityColumn key={type} type={type} list={list} />;
        })}
      </div>
    </section>
  );
}

function EntityColumn({ type, list }: { type: EntityType; list: StoryDetail['entities'] }) {
  const more = useShowAll(list, 12);
  return (
    <div>
      <h3>{TYPE_HEADING[type]}</h3>
      <ul class="plain">
        {more.shown.map((e) => (
          <li key={e.entityId}>
            <a href={href.entity(e.entityId)}>{e.name}</a> <span class="muted">({plural(e.mentions, 'mention')})</span>
          </li>
        ))}
      </ul>
      <ShowAll
        hidden={more.hidden}
        total={list.length}
        what={TYPE_HEADING[type].toLowerCase()}
        onClick={more.showAll}
      />
    </div>
  );
}

const normalise = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

function Quotes({ data, site }: { data: StoryDetail; site: (id: string) => string }) {
  const groups = new Map<string, StoryDetail['quotes']>();
  for (const q of data.quotes) {
    const key = `${q.speaker?.entityId ?? q.speaker?.name ?? '?'}|${normalise(q.text)}`;
    const list = groups.get(key) ?? [];
    list.push(q);
    groups.set(key, list);
  }
  const ordered = [...groups.values()].sort((a, b) => b.length - a.length);
  const more = useShowAll(ordered, 12);
  return (
    <section id="quotes" tabIndex={-1} aria-labelledby="quotes-h">
      <h2 id="quotes-h">Quotes</h2>
      {ordered.length === 0 ? (
        <p class="muted">No quotes.</p>
      ) : (
        <ul class="quotes">
          {more.shown.map((list) => {
            const q = list[0]!;
            return (
              <li key={`${q.article}-${q.start}`} class="quote">
                <blockquote>“{q.text}”</blockquote>
                <p>
                  — <Who who={q.speaker} />
                  {q.cue && <span class="muted"> ({q.cue})</span>}
                </p>
                <p class="carried">
                  Carried by {plural(new Set(list.map((x) => x.site ?? x.article)).size, 'source')}:{' '}
                  {list.map((x, i) => (
                    <span key={`${x.article}-${x.start}`}>
                      {i > 0 && ', '}
                      <a href={href.article(x.article, x)}>{x.site ?? site(x.article)}</a>
                    </span>
                  ))}
                </p>
              </li>
            );
          })}
        </ul>
      )}
      <ShowAll hidden={more.hidden} total={ordered.length} what="quotes" onClick={more.showAll} />
    </section>
  );
}

function Claims({ claims, conflicts }: { claims: ClaimRow[]; conflicts: Conflict[] }) {
  const disputed = (c: ClaimRow) =>
    conflicts.some((k) => k.items.some((ev) => ev.article === c.article && ev.start < c.end && c.start < ev.end));
  const rows = [...claims].sort(
    (a, b) => Number(disputed(b)) - Number(disputed(a)) || a.unit.localeCompare(b.unit) || a.value - b.value,
  );
  const [onlyConflicts, setOnlyConflicts] = useState(false);
  const filtered = onlyConflicts ? rows.filter(disputed) : rows;
  const more = useShowAll(filtered, 20);
  return (
    <section id="claims" tabIndex={-1} aria-labelledby="claims-h">
      <h2 id="claims-h">Claims</h2>
      {claims.length === 0 ? (
        <p class="muted">No numeric claims.</p>
      ) : (
        <>
          <label class="filter">
            <input
              type="checkbox"
              checked={onlyConflicts}
              onChange={(e) => setOnlyConflicts(e.currentTarget.checked)}
            />{' '}
            Only claims in conflict
          </label>
          <div class="table-wrap">
            <table class="claims">
              <caption>Numeric claims; rows in conflict are marked</caption>
              <thead>
                <tr>
                  <th scope="col">Claim</th>
                  <th scope="col">Value</th>
                  <th scope="col">Unit</th>
                  <th scope="col">Claimed by</th>
                  <th scope="col">Source</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {more.shown.map((c) => {
                  const inConflict = disputed(c);
                  return (
                    <tr key={`${c.article}-${c.start}`} class={inConflict ? 'in-conflict' : undefined}>
                      <td>
                        <a href={href.article(c.article, c)}>{c.text}</a>
                      </td>
                      <td class="num">
                        {c.approx ? `${c.approx} ` : ''}
                        {c.value.toLocaleString('en')}
                        {c.valueMax !== null ? `–${c.valueMax.toLocaleString('en')}` : ''}
                      </td>
                      <td>{c.unit}</td>
                      <td>
                        <Who who={c.claimant} />
                        {c.hedged && <span class="badge">hedged</span>}
                      </td>
                      <td>{c.site ?? '—'}</td>
                      <td>{inConflict ? <span class="badge warn">⚠ conflict</span> : <span class="muted">—</span>}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <ShowAll hidden={more.hidden} total={filtered.length} what="claims" onClick={more.showAll} />
        </>
      )}
    </section>
  );
}
