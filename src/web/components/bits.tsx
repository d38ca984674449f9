/** Small shared pieces: entity links, type badges, dates, search snippets. */
import { useState } from 'preact/hooks';
import type { Attribution, EntityType } from '../api.ts';
import { href } from '../router.ts';

const TYPE_LABEL: Record<EntityType, string> = {
  person: 'person',
  organization: 'organisation',
  place: 'place',
  country: 'country',
  other: 'other',
};

export function TypeBadge({ type }: { type: EntityType }) {
  return <span class={`badge type-${type}`}>{TYPE_LABEL[type] ?? type}</span>;
}

/** A speaker or claimant: a link to the entity page when resolved, plain text when unnamed. */
export function Who({ who }: { who: Attribution | null }) {
  if (!who) return <span class="muted">unattributed</span>;
  if (!who.entityId) return <span title="Unnamed source">{who.name}</span>;
  return <a href={href.entity(who.entityId)}>{who.name}</a>;
}

export function When({ date }: { date: string | null | undefined }) {
  if (!date) return <span class="muted">undated</span>;
  return <time dateTime={date}>{date}</time>;
}

/** A search snippet: plain text with the matches between `[` and `]`, rendered as text nodes. */
export function Snippet({ text }: { text: string }) {
  const parts = text.split(/(\[[^\]]*\])/);
  return (
    <span class="snippet">
      {parts.map((part, i) =>
        part.startsWith('[') && part.endsWith(']') ? <mark key={i}>{part.slice(1, -1)}</mark> : part,
      )}
    </span>
  );
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Long lists show their first `initial` items and a button for the rest. */
export function useShowAll<T>(items: readonly T[], initial: number) {
  const [all, setAll] = useState(false);
  const shown = all || items.length <= initial ? items : items.slice(0, initial);
  return { shown, hidden: items.length - shown.length, showAll: () => setAll(true) };
}

export function ShowAll({
  hidden,
  total,
  what,
  onClick,
}: {
  hidden: number;
  total: number;
  what: string;
  onClick: () => void;
}) {
  if (hidden <= 0) return null;
  return (
    <button type="button" class="show-all" onClick={onClick}>
      Show all {total} {what} ({hidden} more)
    </button>
  );
}
