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
 * English function words. franc scores ~80 languages' trigrams and costs 1–2 ms per article
 * (a fifth of a whole HTML extraction), while most articles are English: when these words make up
 * a fair share of the opening words and the function words of other Latin-script languages are
 * nearly absent, the text is English and franc is not asked.
 */
const ENGLISH_WORDS: ReadonlySet<string> = new Set(
  'the of and to a in is was for that on with as by at from it he she his her its are were be has have had said not but an or they this which who will would their been after over than'.split(
    ' ',
  ),
);
/**
 * Frequent function words of the other Latin-script languages news is written in (Spanish,
 * Portuguese, French, Italian, German, Dutch, Indonesian/Malay…) that English prose never uses:
 * "a", "in" and "was" are words of several of them, so English words alone do not settle it.
 */
const OTHER_WORDS: ReadonlySet<string> = new Set(
  'de la le el les los las des du da do das dos que em um uma não para por con una del al y et est une pour dans pas sur qui il che di per non della delle è und der die den ist nicht von zu mit sich auf het een van ook niet yang dan ini itu dengan untuk tidak dari akan ada'.split(
    ' ',
  ),
);
/** Opening words looked at by the English fast path. */
const QUICK_WORDS = 120;
/** Share of those words that must be English function words (English news prose runs at 20–45 %). */
const QUICK_SHARE = 0.2;
/** At most this share may be other languages' function words (names such as "de Vries" bring a few). */
const OTHER_SHARE = 0.03;
/** Words in the English fast path must be this many at least, else franc decides. */
const QUICK_MIN_WORDS = 40;

/** ISO 639-1 code of `text`'s language, or null when too short or undetermined. */
export function detectLanguage(text: string): string | null {
  if (text.length < MIN_LENGTH) return null;
  const sample = text.slice(0, SAMPLE);
  if (looksEnglish(sample)) return 'en';
  const code = franc(sample, { minLength: MIN_LENGTH });
  return ISO1[code] ?? null;
}

/** Counted in one pass over the sample's letter runs (no regex, no array of words). */
function looksEnglish(sample: string): boolean {
  let words = 0;
  let english = 0;
  let other = 0;
  let start = -1;
  for (let i = 0; i <= sample.length && words < QUICK_WORDS; i++) {
    const c = i < sample.length ? sample.charCodeAt(i) : 32;
    if (isLetter(c)) {
      if (start < 0) start = i;
      continue;
    }
    if (start < 0) continue;
    // Function words are short: longer words are only counted.
    if (i - start <= 6) {
      const word = sample.slice(start, i).toLowerCase();
      if (ENGLISH_WORDS.has(word)) english++;
      else if (OTHER_WORDS.has(word)) other++;
    }
    words++;
    start = -1;
  }
  return words >= QUICK_MIN_WORDS && english >= words * QUICK_SHARE && other <= words * OTHER_SHARE;
}

/** ASCII and Latin-1/Latin Extended letters; other scripts end the fast path anyway (no English words). */
function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}
