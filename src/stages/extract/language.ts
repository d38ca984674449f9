/** Language of the clean text, by franc-min trigrams, as ISO 639-1. */
import { franc } from 'franc-min';

/** franc-min's ISO 639-3 codes that have an ISO 639-1 code. */
const ISO1: Record<string, string> = {
  eng: 'en',
  spa: 'es',
  por: 'pt',
  ind: 'id',
  fra: 'fr',
  deu: 'de',
  jav: 'jv',
  vie: 'vi',
  ita: 'it',
  tur: 'tr',
  pol: 'pl',
  swh: 'sw',
  sun: 'su',
  ron: 'ro',
  hau: 'ha',
  fuv: 'ff',
  bos: 'bs',
  hrv: 'hr',
  nld: 'nl',
  srp: 'sr',
  ckb: 'ku',
  yor: 'yo',
  uzn: 'uz',
  zlm: 'ms',
  ibo: 'ig',
  tgl: 'tl',
  hun: 'hu',
  azj: 'az',
  ces: 'cs',
  run: 'rn',
  plt: 'mg',
  qug: 'qu',
  nya: 'ny',
  kin: 'rw',
  zul: 'zu',
  swe: 'sv',
  lin: 'ln',
  som: 'so',
  rus: 'ru',
  ukr: 'uk',
  bel: 'be',
  bul: 'bg',
  kaz: 'kk',
  arb: 'ar',
  urd: 'ur',
  pes: 'fa',
  pbu: 'ps',
  hin: 'hi',
  mar: 'mr',
  npi: 'ne',
  cmn: 'zh',
  ben: 'bn',
  jpn: 'ja',
  kor: 'ko',
  tel: 'te',
  tam: 'ta',
  guj: 'gu',
  kan: 'kn',
  mal: 'ml',
  mya: 'my',
  pan: 'pa',
  amh: 'am',
  tha: 'th',
  sin: 'si',
  ell: 'el',
};

/** Below this many characters trigram guesses are noise (franc's own default is 10). */
const MIN_LENGTH = 80;
/** The first 500 characters decide: trigram guesses are settled by then, and franc costs time in proportion. */
const SAMPLE = 500;

/**
 * English function words. franc scores ~80 languages' trigrams and costs about 2 ms per article
 * (a fifth of a whole HTML extraction), while most articles are English: when these words make up
 * a large share of the opening words, the text is English and franc is not asked. No other
 * language written in Latin letters reaches that share ("the", "of", "and" are not its words).
 */
const ENGLISH_WORDS: ReadonlySet<string> = new Set(
  'the of and to a in is was for that on with as by at from it he she his her its are were be has have had said not but an or they this which who will would their been after over than'.split(
    ' ',
  ),
);
/** Opening words looked at by the English fast path. */
const QUICK_WORDS = 120;
/** Share of those words that must be English function words (English prose runs at 35–45 %). */
const QUICK_SHARE = 0.3;
/** Words in the English fast path must be this many at least, else franc decides. */
const QUICK_MIN_WORDS = 40;
const WORD_RE = /\p{L}+/gu;

/** ISO 639-1 code of `text`'s language, or null when too short or undetermined. */
export function detectLanguage(text: string): string | null {
  if (text.length < MIN_LENGTH) return null;
  const sample = text.slice(0, SAMPLE);
  if (looksEnglish(sample)) return 'en';
  const code = franc(sample, { minLength: MIN_LENGTH });
  return ISO1[code] ?? null;
}

function looksEnglish(sample: string): boolean {
  let words = 0;
  let english = 0;
  for (const m of sample.matchAll(WORD_RE)) {
    words++;
    if (ENGLISH_WORDS.has(m[0].toLowerCase())) english++;
    if (words >= QUICK_WORDS) break;
  }
  return words >= QUICK_MIN_WORDS && english >= words * QUICK_SHARE;
}
