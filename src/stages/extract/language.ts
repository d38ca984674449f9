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
/** The first few thousand characters decide; more only costs time. */
const SAMPLE = 1000;

/** ISO 639-1 code of `text`'s language, or null when too short or undetermined. */
export function detectLanguage(text: string): string | null {
  if (text.length < MIN_LENGTH) return null;
  const code = franc(text.slice(0, SAMPLE), { minLength: MIN_LENGTH });
  return ISO1[code] ?? null;
}
