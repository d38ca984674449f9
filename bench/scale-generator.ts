/**
 * Synthetic news stream for bench:scale: `count` articles of realistic length (about 8
 * paragraphs, 350-450 words) written from sentence templates, about stories spread over
 * `days` days, in publication order. About 20% are syndicated copies of a recent article of the
 * same story with edits (a paragraph dropped, a paragraph added, words changed, a new headline).
 * Articles are produced one at a time (a generator), so 1 000 000 never sit in memory.
 *
 * Names, places and topic words are made-up syllable strings; the filler is plain English
 * vocabulary. Deterministic for a seed.
 */

export interface GeneratedArticle {
  id: string;
  title: string;
  text: string;
  day: number;
  wire: string[];
  /** Ground truth: the story it belongs to, and the article it copies (or null). */
  story: number;
  copyOf: string | null;
}

function mulberry32(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES =
  'ka lo mi ra ven tor sul an be dri fa gon hel is jor kel mar nus ol pen qui ros sta tu val wen yor zan'.split(' ');
const NOUNS =
  'agreement budget ceasefire council court deal election factory government hospital inquiry investment law minister ministry negotiation parliament plan police port project protest reform report river road school strike talks tax trade vote water wage workers union company bank market price energy storm flood fire bridge airport railway'.split(
    ' ',
  );
const VERBS =
  'approve reject delay announce review suspend extend expand cut raise block support challenge investigate resume cancel sign discuss postpone criticise'.split(
    ' ',
  );
const ADJECTIVES =
  'new national regional local emergency final controversial long-awaited disputed temporary public private'.split(' ');
const WEEKDAYS = 'Monday Tuesday Wednesday Thursday Friday Saturday Sunday'.split(' ');
const AGENCIES = ['AFP', 'Reuters', 'AP'];

const TEMPLATES = [
  '{A} said on {W} that the {J} {T} would {V} the {N} in {P}.',
  'Officials in {P} confirmed that talks on the {T} {N} had entered a {J} phase.',
  'The {N} is expected to {V} the {T} plan before the end of the month, according to {A}.',
  '"We will not {V} the {T} {N} without a vote," {A} told reporters in {P}.',
  'Critics of the {T} plan said the {N} had failed to {V} its own {J} rules.',
  'About {D} people gathered outside the {N} in {P} on {W}.',
  'The {J} {N} has cost an estimated {D} million, figures from {B} show.',
  '{B} said it would {V} the {T} proposal after a review of the {N}.',
  'In a statement, {A} described the {T} {N} as a turning point for {P}.',
  'Residents of {P} said they had waited years for the {N} to {V} the {T} issue.',
  'A spokesperson for {B} declined to comment on the {J} {T} talks.',
  'The decision to {V} the {N} follows weeks of pressure from {B} and {A}.',
  'Analysts expect the {T} {N} to {V} prices across {P} by {D} percent.',
  '{A}, who leads the {T} committee, has promised to {V} the {N} by {W}.',
  'It was not immediately clear whether the {N} would {V} the {J} {T} deal.',
];

interface StoryPlan {
  id: number;
  start: number;
  length: number;
  actors: string[];
  bodies: string[];
  places: string[];
  topics: string[];
}

export function* generateArticles(count: number, days = 60, seed = 7, copyShare = 0.2): Generator<GeneratedArticle> {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const word = (n: number) => Array.from({ length: n }, () => pick(SYLLABLES)).join('');
  const name = () => {
    const w = word(2 + Math.floor(rand() * 2));
    return w.charAt(0).toUpperCase() + w.slice(1);
  };
  const storyCount = Math.max(1, Math.round(count / 40));
  const stories: StoryPlan[] = Array.from({ length: storyCount }, (_, id) => ({
    id,
    start: Math.floor(rand() * days),
    length: 1 + Math.floor(rand() * 10),
    actors: [`${name()} ${name()}`, `${name()} ${name()}`, `${name()} ${name()}`],
    bodies: [`the ${name()} ${pick(NOUNS)} office`, `${name()} Holdings`],
    places: [name(), name()],
    topics: [word(3), word(3), word(2)],
  }));
  const byDay: StoryPlan[][] = Array.from({ length: days }, () => []);
  for (const s of stories) for (let d = s.start; d < Math.min(days, s.start + s.length); d++) byDay[d]?.push(s);
  for (const list of byDay) if (list.length === 0) list.push(pick(stories));

  const sentence = (s: StoryPlan): string =>
    pick(TEMPLATES).replace(/\{([AWJTVNPDB])\}/g, (_, k: string) => {
      switch (k) {
        case 'A':
          return pick(s.actors);
        case 'W':
          return pick(WEEKDAYS);
        case 'J':
          return pick(ADJECTIVES);
        case 'T':
          return pick(s.topics);
        case 'V':
          return pick(VERBS);
        case 'N':
          return pick(NOUNS);
        case 'P':
          return pick(s.places);
        case 'D':
          return String(1 + Math.floor(rand() * 900));
        default:
          return pick(s.bodies);
      }
    });
  const paragraph = (s: StoryPlan) => Array.from({ length: 2 + Math.floor(rand() * 2) }, () => sentence(s)).join(' ');

  // Recent originals that copies can come from (a wire story is reposted within days).
  const recent: GeneratedArticle[] = [];
  const RECENT = 2000;
  let originals = 0;
  for (let i = 0; i < count; i++) {
    const day = Math.floor((i * days) / count);
    const id = `g${String(i).padStart(7, '0')}`;
    const source = rand() < copyShare && recent.length > 0 ? pick(recent) : null;
    if (source) {
      const paras = source.text.split('\n');
      const credit = paras[0]?.startsWith('(') ? paras.shift() : undefined;
      const story = stories[source.story] as StoryPlan;
      if (rand() < 0.5 && paras.length > 3) paras.splice(1 + Math.floor(rand() * (paras.length - 1)), 1);
      if (rand() < 0.5) paras.splice(Math.floor(rand() * paras.length), 0, paragraph(story));
      if (rand() < 0.5) {
        const k = Math.floor(rand() * paras.length);
        paras[k] = (paras[k] as string).replace(/\b(said|told|expected)\b/, 'stated');
      }
      const text = [...(credit ? [credit] : []), ...paras].join('\n');
      yield {
        id,
        title: rand() < 0.5 ? source.title : `${pick(story.places)}: ${source.title}`,
        text,
        day,
        wire: source.wire,
        story: source.story,
        copyOf: source.id,
      };
      continue;
    }
    const story = pick(byDay[day] as StoryPlan[]);
    const agency = rand() < 0.3 ? pick(AGENCIES) : null;
    const paras = Array.from({ length: 7 + Math.floor(rand() * 3) }, () => paragraph(story));
    const text = [...(agency ? [`(${agency})`] : []), ...paras].join('\n');
    const article: GeneratedArticle = {
      id,
      title: `${pick(story.actors)} to ${pick(VERBS)} ${pick(story.topics)} ${pick(NOUNS)} in ${pick(story.places)}`,
      text,
      day,
      wire: agency ? [agency] : [],
      story: story.id,
      copyOf: null,
    };
    if (recent.length < RECENT) recent.push(article);
    else recent[originals % RECENT] = article;
    originals++;
    yield article;
  }
}
