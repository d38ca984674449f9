/**
 * Numeric expressions as news writes them: digits ("40,000", "1.2 million", "3.5bn"), words ("two
 * dozen", "five hundred", "tens of thousands"), ranges ("between 300 and 400", "300-400"),
 * approximations ("more than", "at least", "some"), percentages and money ("€12 million", "$4.5bn",
 * "12 million euros"). Matching runs on `matchView(text)`, so offsets are those of the article.
 */
import { ONES, TENS } from '../../core/number-words.js';

const SCALES: Record<string, number> = {
  hundred: 1e2,
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
  bn: 1e9,
  mn: 1e6,
  m: 1e6,
  k: 1e3,
  b: 1e9,
  dozen: 12,
};
/** "tens of thousands": lower bound is two of the base, upper bound ten of it. */
const VAGUE: Record<string, number> = {
  dozens: 12,
  scores: 20,
  hundreds: 100,
  thousands: 1e3,
  millions: 1e6,
  billions: 1e9,
  'tens of thousands': 1e4,
  'hundreds of thousands': 1e5,
  'tens of millions': 1e7,
  'hundreds of millions': 1e8,
};

/** Currency symbols and words → ISO 4217 code. */
const CURRENCIES: Record<string, string> = {
  $: 'USD',
  us$: 'USD',
  usd: 'USD',
  dollar: 'USD',
  dollars: 'USD',
  '€': 'EUR',
  eur: 'EUR',
  euro: 'EUR',
  euros: 'EUR',
  '£': 'GBP',
  gbp: 'GBP',
  pound: 'GBP',
  pounds: 'GBP',
  'pounds sterling': 'GBP',
  '¥': 'JPY',
  yen: 'JPY',
  rouble: 'RUB',
  roubles: 'RUB',
  ruble: 'RUB',
  rubles: 'RUB',
  franc: 'CHF',
  francs: 'CHF',
};

const WORD_NUM = `(?:(?:${Object.keys(TENS).join('|')})(?:-(?:${Object.keys(ONES).slice(1, 10).join('|')}))?|${Object.keys(ONES).join('|')})`;
const SCALE = '(?:hundred|thousand|million|billion|trillion)';
const DIGITS = '(?:\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)';
const QTY = `(?:${DIGITS}(?:\\s?${SCALE}(?![\\p{L}])|\\s?(?:bn|mn)(?![\\p{L}])|(?:m|k|b)(?![\\p{L}]))?|(?:half\\s+a|a|one|${WORD_NUM})\\s+(?:dozen|${SCALE})(?:\\s+${SCALE})?(?![\\p{L}-])|${WORD_NUM}(?:\\s+${SCALE})?(?![\\p{L}-])|(?:tens|hundreds)\\s+of\\s+(?:thousands|millions)|dozens|scores|hundreds|thousands|millions|billions)`;
const CUR_PREFIX = '(?:US\\$|\\$|€|£|¥|(?:USD|EUR|GBP)\\s?)';
const CUR_WORD = '(?:euros?|dollars?|pounds(?:\\s+sterling)?|yen|roubles?|rubles?|francs?)';
const PCT = '(?:\\s?%|\\s?per\\s?cent(?![\\p{L}])|\\s?percent(?![\\p{L}]))';
const APPROX =
  '(?:more than|over|about|around|at least|some|nearly|almost|up to|as many as|roughly|approximately|fewer than|less than|under|close to|an estimated|estimated|upwards of|in excess of|just over|just under|well over|at most|no fewer than|no more than|a few|several|exceeded)';

/**
 * One numeric expression. The left look-behind keeps "F-16", "COVID-19" and "3.5" halves out.
 */
const NUMBER_RE = new RegExp(
  `(?:(?<approx>${APPROX})\\s+)?(?:(?<between>between|from)\\s+)?(?<cur>${CUR_PREFIX})?(?<qty>${QTY})(?<pct>${PCT})?(?:(?<sep>\\s?-\\s?|\\s+to\\s+|\\s+and\\s+)(?<cur2>${CUR_PREFIX})?(?<qty2>${DIGITS}(?:\\s?${SCALE}(?![\\p{L}])|\\s?(?:bn|mn)(?![\\p{L}])|(?:m|k|b)(?![\\p{L}]))?|${WORD_NUM}(?:\\s+${SCALE})?(?![\\p{L}-]))(?<pct2>${PCT})?)?(?:\\s+(?<curWord>${CUR_WORD})(?![\\p{L}]))?`,
  'giu',
);

/** A numeric expression with its parsed value, before any decision about what it counts. */
export interface NumberMatch {
  start: number;
  end: number;
  /** Start and end of the digits/words of the (first) number, for entity and date checks. */
  numberStart: number;
  numberEnd: number;
  value: number;
  valueMax?: number;
  /** The approximation as written ("more than", "tens of thousands"), or null. */
  approx: string | null;
  /** ISO currency code, "percent", or null when the unit must come from the following noun. */
  unit: string | null;
  /** True for "dozens", "thousands", "tens of thousands": the phrase is followed by "of". */
  isVague: boolean;
  /** True when written as a bare integer (no comma, decimal, scale): candidate year/street number. */
  isBareInteger: boolean;
}

/** A scale written at the end of a quantity: "3 million", "2.4bn", "three thousand". */
const SCALE_TAIL_RE = /\s?(?:hundred|thousand|million|billion|trillion|bn|mn|m|k|b)$/i;

/** Value of a quantity as written: "40,000", "1.2 million", "3.5bn", "two dozen", "five hundred". */
export function parseQuantity(raw: string): { value: number; valueMax?: number; isVague: boolean } | null {
  const q = raw.toLowerCase().replace(/\s+/g, ' ').trim();
  const vague = VAGUE[q];
  if (vague !== undefined) return { value: 2 * vague, valueMax: 10 * vague, isVague: true };
  const digits = /^(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?([a-z]+)?$/.exec(q);
  if (digits) {
    const base = Number.parseFloat((digits[1] as string).replace(/,/g, ''));
    const scale = digits[2] ? SCALES[digits[2]] : 1;
    if (scale === undefined || !Number.isFinite(base)) return null;
    return { value: round(base * scale), isVague: false };
  }
  // "half a million": half of what follows.
  if (q.startsWith('half a ')) {
    const rest = parseQuantity(q.slice('half '.length));
    return rest && !rest.isVague ? { value: rest.value / 2, isVague: false } : null;
  }
  let total = 0;
  let current = 0;
  for (const word of q.split(' ')) {
    if (word === 'a') current = 1;
    else if (ONES[word] !== undefined) current += ONES[word] as number;
    else if (word.includes('-')) {
      const [tens, ones] = word.split('-');
      current += (TENS[tens ?? ''] ?? 0) + (ONES[ones ?? ''] ?? 0);
    } else if (TENS[word] !== undefined) current += TENS[word] as number;
    else if (word === 'hundred' || word === 'dozen') current = (current || 1) * (SCALES[word] as number);
    else if (SCALES[word] !== undefined) {
      total += (current || 1) * (SCALES[word] as number);
      current = 0;
    } else return null;
  }
  return { value: total + current, isVague: false };
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/** ISO code for a currency symbol or word, or null. */
export function currencyCode(raw: string | undefined): string | null {
  if (!raw) return null;
  return CURRENCIES[raw.toLowerCase().replace(/\s+/g, ' ').trim()] ?? null;
}

/**
 * Where a number can start: a digit, a currency sign or a number word. The full pattern is then
 * tried only there (sticky), from the start of any approximation or currency just before: running
 * the full pattern at every offset cost several times more on long articles.
 */
const ANCHOR_RE = new RegExp(
  `\\d+|[$€£¥]|(?<![\\p{L}])(?:${WORD_NUM}|(?:half\\s+)?a(?=\\s+(?:dozen|${SCALE}))|tens|hundreds|dozens|scores|thousands|millions|billions)(?![\\p{L}])`,
  'giu',
);
const PREFIX_RE = new RegExp(`(?:(?:${APPROX})\\s+)?(?:(?:between|from)\\s+)?(?:${CUR_PREFIX})?$`, 'iu');
const STICKY_RE = new RegExp(NUMBER_RE.source, 'iuy');

/** `state.lastEnd` is where the consumer finished; it may lower it to re-scan a cut-back match. */
function* numberMatches(view: string, state: { lastEnd: number }): Generator<RegExpExecArray> {
  for (const a of view.matchAll(ANCHOR_RE)) {
    const at = a.index ?? 0;
    if (at < state.lastEnd) continue;
    const prefix = PREFIX_RE.exec(view.slice(Math.max(state.lastEnd, at - 40), at));
    const starts = prefix && prefix[0].length > 0 ? [at - prefix[0].length, at] : [at];
    for (const start of starts) {
      STICKY_RE.lastIndex = start;
      const m = STICKY_RE.exec(view);
      if (!m) continue;
      // Left boundary: keeps "F-16", "COVID-19" and the halves of "3.5" out.
      if (start > 0 && /[\p{L}\p{N}.,$€£¥/-]/u.test(view[start - 1] as string)) continue;
      state.lastEnd = start + m[0].length;
      yield m;
      break;
    }
  }
}

/** Every numeric expression in `view`, in text order. */
export function findNumbers(view: string): NumberMatch[] {
  const out: NumberMatch[] = [];
  const state = { lastEnd: 0 };
  for (const m of numberMatches(view, state)) {
    const g = m.groups ?? {};
    const qtyRaw = g.qty as string;
    const parsed = parseQuantity(qtyRaw);
    if (!parsed) continue;
    const start = m.index ?? 0;
    let end = start + m[0].length;
    const numberStart = start + m[0].indexOf(qtyRaw, (g.approx?.length ?? 0) + (g.between?.length ?? 0));
    const numberEnd = numberStart + qtyRaw.length;
    let valueMax = parsed.valueMax;
    let approx = g.approx ?? null;
    let curWord = g.curWord;
    if (g.qty2) {
      const second = parseQuantity(g.qty2);
      const sep = g.sep?.trim();
      const isRange =
        second !== null && !second.isVague && second.value > parsed.value && (sep !== 'and' || g.between !== undefined);
      if (isRange) {
        // "1.2 to 1.5 million": the scale written on the second number applies to the first.
        // "between two and three thousand" likewise, in words.
        let value = parsed.value;
        if (!SCALE_TAIL_RE.test(qtyRaw) && SCALE_TAIL_RE.test(g.qty2)) {
          const base = parseQuantity(g.qty2.replace(SCALE_TAIL_RE, ''))?.value;
          const factor = base ? second.value / base : Number.NaN;
          if (Number.isFinite(factor) && factor > 1 && value * factor < second.value) value *= factor;
        }
        out.push({
          start,
          end,
          numberStart,
          numberEnd: start + m[0].lastIndexOf(g.qty2) + g.qty2.length,
          value: round(value),
          valueMax: second.value,
          approx,
          unit: unitOf(g.pct2 ?? g.pct, g.cur ?? g.cur2, curWord),
          isVague: false,
          isBareInteger: false,
        });
        continue;
      }
      // Not a range ("3 and 4 May", "400-300"): keep the first number only.
      if (g.between) continue;
      end = numberEnd + (g.pct?.length ?? 0);
      curWord = undefined;
      state.lastEnd = end; // the second number gets its own match
    } else if (g.between) {
      continue; // "between 300" alone is not a shape we trust
    }
    if (parsed.isVague) {
      approx = approx ? `${approx} ${qtyRaw}` : qtyRaw;
      valueMax = parsed.valueMax;
    }
    out.push({
      start,
      end,
      numberStart,
      numberEnd,
      value: parsed.value,
      ...(valueMax !== undefined ? { valueMax } : {}),
      approx,
      unit: unitOf(g.pct, g.cur, curWord),
      isVague: parsed.isVague,
      isBareInteger: /^\d+$/.test(qtyRaw) && !g.cur && !g.pct && !curWord,
    });
  }
  return out;
}

function unitOf(pct: string | undefined, cur: string | undefined, curWord: string | undefined): string | null {
  if (pct) return 'percent';
  return currencyCode(cur) ?? currencyCode(curWord);
}
