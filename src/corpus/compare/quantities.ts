/**
 * What a numeric claim measures: its quantity, so that only claims about the same quantity are
 * compared ("troops deployed", "deaths", "fine", "pay deal"), never two numbers that merely share
 * a unit and a story.
 *
 * A quantity is a unit class (troops, people, ships, a currency, percent…) plus a frame: the
 * nearest cue word that says what the number counts ("killed", "on strike", "fine", "a day").
 * Cues are matched in the claim's sentence, and a cue belongs to the claim it is closest to
 * (in "63 ships were waiting offshore, and three cruise ships had cancelled", "waiting" is the
 * 63's). Some frames have variants chosen anywhere in the sentence ("pay" → offer, demand or
 * deal; "fine" → maximum; "cost" → per day). A claim with no frame is not compared: precision
 * first.
 *
 * Claims skipped outright: changes ("fell 9%", "rose by 3%", "from 4% to 5%"), retrospective
 * values ("initially offered 4%"), and vague magnitudes ("tens of thousands", "hundreds").
 *
 * The cue lists are data: extend them for new kinds of stories.
 */
import type { ClaimItem } from '../../core/doc.js';

/** Unit classes: claim units (as the claims stage normalises them) that count the same thing. */
const UNIT_CLASSES: Record<string, string[]> = {
  troops: ['troops', 'soldiers', 'servicemen', 'service members', 'military personnel', 'fighters'],
  people: [
    'people',
    'persons',
    'residents',
    'civilians',
    'workers',
    'members',
    'dockworkers',
    'dockers',
    'employees',
    'staff',
    'protesters',
    'demonstrators',
    'marchers',
    'strikers',
    'deaths',
    'dead',
    'displaced',
    'missing',
    'injured',
    'victims',
  ],
  ships: ['ships', 'vessels', 'container ships', 'boats'],
  equipment: ['tanks', 'armoured vehicles', 'armored vehicles', 'vehicles', 'aircraft', 'jets', 'helicopters', 'guns'],
  customers: ['customers', 'clients'],
  accounts: ['accounts'],
  users: ['users'],
};

/** Words of a claim's own text that override its unit ("15,000 service members" are troops). */
const TEXT_UNIT_HINTS: Array<[RegExp, string]> = [
  [/\b(?:service\s*(?:wo)?men|service members|soldiers|troops)\b/i, 'troops'],
];

/** Units that imply a frame by themselves (the claims stage's "deaths", "displaced"…). */
const UNIT_FRAMES: Record<string, string> = {
  deaths: 'dead',
  dead: 'dead',
  displaced: 'displaced',
  missing: 'missing',
  injured: 'injured',
  strikers: 'strikers',
};

export interface Frame {
  /** Key part: `dead`, `pay`, `fine`… */
  name: string;
  /** Unit classes it applies to (`money` = any currency). */
  units: string[];
  /** Cue words; the nearest to the claim picks the frame. */
  cue: RegExp;
  /** Human label of the quantity, `{unit}` replaced by the unit class. */
  label: string;
  /** Variants: the nearest variant cue in the sentence refines the frame (`pay` → `pay:deal`). */
  variants?: Array<{ name: string; cue: RegExp; label: string }>;
  /** Compare only claims with a variant (a bare "pay rise" may be an offer, a demand or a deal). */
  needsVariant?: boolean;
}

const COUNTS = ['people'];

/** Frames, by unit class. Order does not matter: the nearest cue wins. */
export const FRAMES: Frame[] = [
  {
    name: 'dead',
    units: COUNTS,
    label: 'deaths',
    cue: /\b(?:killed|dead|died|deaths?|death toll|toll|fatalities|lives|bodies)\b/gi,
  },
  { name: 'injured', units: COUNTS, label: 'people injured', cue: /\b(?:injured|wounded|hurt|injuries)\b/gi },
  { name: 'missing', units: COUNTS, label: 'people missing', cue: /\b(?:missing|unaccounted)\b/gi },
  {
    name: 'displaced',
    units: COUNTS,
    label: 'people displaced',
    cue: /\b(?:displaced|evacuated|evacuees|homeless|fled|forced from their homes|left their homes|in shelters|sleeping in shelters)\b/gi,
  },
  { name: 'arrested', units: COUNTS, label: 'people arrested', cue: /\b(?:arrested|detained|arrests)\b/gi },
  {
    name: 'strikers',
    units: COUNTS,
    label: 'workers on strike',
    cue: /\b(?:on strike|joined the (?:indefinite |national |general )?strike|walked out|walked off|stopped work|strikers)\b/gi,
  },
  {
    name: 'crowd',
    units: COUNTS,
    label: 'crowd size',
    cue: /\b(?:took part|taking part|marched|march|crowd|demonstrat\w*|protesters|rally|turnout|gathered)\b/gi,
  },
  {
    name: 'deployed',
    units: ['troops', 'equipment'],
    label: '{unit} deployed',
    cue: /\b(?:moved|massed|stationed|deployed|deployment|concentrated|taking part|take part|took part|involved|size of the force|build-?up|counted|near the (?:\w+ )?border|near border|on the border)\b/gi,
  },
  {
    name: 'withdrawn',
    units: ['troops'],
    label: 'troops withdrawn',
    cue: /\b(?:withdraw\w*|pull(?:ed|ing)? (?:back|out)|pull-?back|return (?:to|them to) (?:barracks|bases))\b/gi,
  },
  {
    name: 'waiting',
    units: ['ships'],
    label: 'ships waiting',
    cue: /\b(?:waiting|at anchor|offshore|queue|backlog|to berth)\b/gi,
  },
  {
    name: 'affected',
    units: ['customers', 'accounts', 'users'],
    label: '{unit} affected',
    cue: /\b(?:affected|stolen|exposed|compromised|leaked|hacked)\b/gi,
  },
  {
    name: 'fine',
    units: ['money'],
    label: 'fine',
    cue: /\b(?:fine|fined|fines|penalty|penalties)\b/gi,
    variants: [{ name: 'max', cue: /\b(?:maximum|up to|cap|ceiling)\b/gi, label: 'maximum fine' }],
  },
  {
    name: 'cost',
    units: ['money'],
    label: 'total cost',
    cue: /\b(?:cost|costs|costing|lost output|losses|damage)\b/gi,
    variants: [{ name: 'day', cue: /\b(?:a day|per day|daily|each day)\b/gi, label: 'cost per day' }],
  },
  {
    name: 'damages',
    units: ['money'],
    label: 'damages sought',
    cue: /\b(?:damages|class action|compensation)\b/gi,
  },
  { name: 'aid', units: ['money'], label: 'aid', cue: /\b(?:aid|relief|package)\b/gi },
  { name: 'ransom', units: ['money'], label: 'ransom', cue: /\bransom\b/gi },
  {
    name: 'pay',
    units: ['percent'],
    label: 'pay rise',
    cue: /\b(?:pay|wages?|rise|raise|increase|offer\w*|demand\w*|deal|agreement|settlement)\b/gi,
    needsVariant: true,
    variants: [
      { name: 'offer', cue: /\b(?:offer|offers|offered|offering)\b/gi, label: 'pay offer' },
      { name: 'demand', cue: /\b(?:demand|demands|demanded|demanding|claim(?:ing)?)\b/gi, label: 'pay demand' },
      {
        name: 'deal',
        cue: /\b(?:deal|agreement|agreed|accepted|settlement|settled|wins|won|secured|to get|gives)\b/gi,
        label: 'pay deal',
      },
    ],
  },
];

/** Units that are a currency (the claims stage writes ISO codes or the currency's name). */
const CURRENCY_RE = /^(?:[A-Z]{3}|\w+s)$/;
const CURRENCY_WORDS = new Set(['euros', 'dollars', 'pounds', 'valdors', 'francs', 'crowns', 'kronor', 'zloty']);

/** Vague magnitudes: no number to compare. */
const VAGUE_APPROX_RE = /^(?:tens of thousands|thousands|hundreds(?: of thousands)?|dozens|millions|scores|several)/i;
/** A change, not a level: the verb right before the number ("fell 9%", "rose by 3%"). */
const CHANGE_BEFORE_RE =
  /\b(?:rose|risen|rising|fell|fallen|falling|lost|losing|gained|gaining|climbed|dropped|slid|slipped|jumped|surged|declined|tumbled|rallied|plunged|soared|increased|decreased|cut|raised|up|down|another|slide|slides|fall|falls|rise|rises)\s+(?:by\s+)?(?:almost\s+|nearly\s+|about\s+|some\s+|around\s+)?$/i;
/** A retrospective value ("initially offered", "up from", "a week earlier"). */
const HISTORICAL_RE =
  /\b(?:initially|originally|previously|at first|up from|down from|a week earlier|earlier offer)\b/i;
/** Characters before the claim searched for a retrospective marker. */
const HISTORICAL_WINDOW = 40;
/** Cues farther than this from the claim (characters) do not describe it. */
export const MAX_CUE_DISTANCE = 90;
/** Anaphora: "put the number at 1,800" takes the frame of the claim this far before it. */
const ANAPHORA_RE = /\b(?:the|that|this|its) (?:number|figure|total|count|tally|estimate)\b/i;
const ANAPHORA_WINDOW = 300;

/** The unit class of a claim: troops, people, ships, `money:<currency>`, percent, or the unit. */
export function unitClass(claim: Pick<ClaimItem, 'unit' | 'text'>): string {
  const unit = claim.unit.trim().toLowerCase();
  for (const [re, cls] of TEXT_UNIT_HINTS) if (re.test(claim.text)) return cls;
  for (const [cls, units] of Object.entries(UNIT_CLASSES)) if (units.includes(unit)) return cls;
  if (unit === 'percent') return 'percent';
  if (CURRENCY_WORDS.has(unit) || (CURRENCY_RE.test(claim.unit) && claim.unit === claim.unit.toUpperCase())) {
    return `money:${unit}`;
  }
  return unit;
}

/** Why a claim is never compared, or null when it may be. */
export function skipReason(text: string, claim: ClaimItem): string | null {
  if (claim.approx && VAGUE_APPROX_RE.test(claim.approx)) return 'vague';
  // "from 4% to 5%", "two more people", "seven more than": a change, not a level.
  if (/^from\b/i.test(claim.text) || /^\S+\s+more\b/i.test(claim.text)) return 'change';
  const before = text.slice(Math.max(0, claim.start - 30), claim.start);
  if (CHANGE_BEFORE_RE.test(before)) return 'change';
  if (HISTORICAL_RE.test(text.slice(Math.max(0, claim.start - HISTORICAL_WINDOW), claim.start))) return 'historical';
  return null;
}

export interface Quantity {
  /** `<unit class>|<frame>[:<variant>]`. */
  key: string;
  label: string;
}

interface Cue {
  start: number;
  end: number;
}

/** Punctuation or a conjunction between a cue and a claim: they are in different clauses. */
const CLAUSE_BREAK_RE = /[,;:()\u2013\u2014]|\b(?:and that|while|but|whereas)\b/;
/**
 * Added to the distance of a cue in another clause: in "63 ships were waiting offshore, and that
 * three cruise ships had cancelled", "offshore" is nearer to "three" but describes the 63.
 */
export const CLAUSE_PENALTY = 60;

/** Distance between a cue and a claim span (0 when they overlap), plus `CLAUSE_PENALTY`. */
function distance(text: string, c: Cue, s: { start: number; end: number }): number {
  let gap: [number, number] | null = null;
  if (c.end <= s.start) gap = [c.end, s.start];
  else if (c.start >= s.end) gap = [s.end, c.start];
  if (!gap) return 0;
  const between = text.slice(gap[0], gap[1]);
  return between.length + (CLAUSE_BREAK_RE.test(between) ? CLAUSE_PENALTY : 0);
}

function cuesIn(re: RegExp, text: string, from: number, to: number): Cue[] {
  const out: Cue[] = [];
  re.lastIndex = 0;
  for (const m of text.slice(from, to).matchAll(re))
    out.push({ start: from + (m.index ?? 0), end: from + (m.index ?? 0) + m[0].length });
  return out;
}

/**
 * The quantity a claim measures, or null when no frame cue describes it. `sentence` bounds the
 * search; `others` are the article's other claims (a cue nearer to one of them is theirs);
 * `previous` is the frame of the nearest earlier claim, for anaphora ("put the number at").
 */
export function quantityOf(
  text: string,
  claim: ClaimItem,
  sentence: { start: number; end: number },
  others: readonly ClaimItem[],
  previous: (cls: string, before: number) => Quantity | null,
): Quantity | null {
  const cls = unitClass(claim);
  const group = cls.startsWith('money:') ? 'money' : cls;
  const unitFrame = UNIT_FRAMES[claim.unit.trim().toLowerCase()];
  const frames = FRAMES.filter((f) => f.units.includes(group));
  const from = Math.max(sentence.start, claim.start - MAX_CUE_DISTANCE);
  const to = Math.min(sentence.end, claim.end + MAX_CUE_DISTANCE);
  // Only claims that could take the same frames compete for a cue: in "41,000 troops and 280
  // tanks are stationed", "stationed" describes the troops too.
  const near = others.filter(
    (o) => o !== claim && o.start < sentence.end && o.end > sentence.start && unitClass(o) === cls,
  );
  const ownsCue = (c: Cue) => {
    const d = distance(text, c, claim);
    return near.every((o) => distance(text, c, o) >= d);
  };
  let best: { frame: Frame; d: number } | null = null;
  if (unitFrame) {
    const f = FRAMES.find((x) => x.name === unitFrame);
    if (f) best = { frame: f, d: -1 };
  }
  if (!best) {
    for (const frame of frames) {
      for (const c of cuesIn(frame.cue, text, from, to)) {
        // A cue inside the claim's own text ("12 people were killed") is the best evidence.
        if (!ownsCue(c)) continue;
        const d = distance(text, c, claim);
        if (!best || d < best.d) best = { frame, d };
      }
    }
  }
  if (!best) {
    if (ANAPHORA_RE.test(text.slice(from, claim.start))) return previous(cls, claim.start - ANAPHORA_WINDOW);
    return null;
  }
  const { frame } = best;
  let variant: { name: string; label: string } | null = null;
  let variantD = Number.POSITIVE_INFINITY;
  for (const v of frame.variants ?? []) {
    for (const c of cuesIn(v.cue, text, sentence.start, sentence.end)) {
      const d = distance(text, c, claim);
      if (d < variantD) [variant, variantD] = [v, d];
    }
  }
  if (!variant && frame.needsVariant) return null;
  const unitName = cls.startsWith('money:') ? cls.slice(6) : cls;
  const label = (variant?.label ?? frame.label).replace('{unit}', unitName);
  return { key: `${cls}|${frame.name}${variant ? `:${variant.name}` : ''}`, label };
}
