/**
 * Country names → ISO 3166 alpha-3, built once at module load from `i18n-iso-countries` (MIT,
 * English names only), plus a few common aliases the package lacks.
 */
import { createRequire } from 'node:module';
import { foldKey } from '../../core/text.js';

interface CountriesLib {
  registerLocale(data: unknown): void;
  getNames(lang: string, options: { select: 'all' }): Record<string, string[]>;
  alpha2ToAlpha3(alpha2: string): string | undefined;
}

// Why createRequire: the package is CommonJS, and loading only the English locale (instead of the
// node entry that registers ~80 locales) keeps start-up cheap.
const require = createRequire(import.meta.url);
const lib = require('i18n-iso-countries/index.js') as CountriesLib;
lib.registerLocale(require('i18n-iso-countries/langs/en.json'));

/** A country as the gazetteer knows it. */
export interface CountryEntry {
  /** ISO alpha-3, upper case. */
  iso3: string;
  /** Common English name used as the canonical `name`. */
  name: string;
}

/** Preferred common names where the package's shortest name is not the usual one. */
const NAME_OVERRIDES: Record<string, string> = {
  GBR: 'United Kingdom',
  SYR: 'Syria',
  LAO: 'Laos',
  MDA: 'Moldova',
  FSM: 'Micronesia',
  TUR: 'Turkey',
  COG: 'Republic of the Congo',
  COD: 'Democratic Republic of the Congo',
  VAT: 'Vatican City',
  RUS: 'Russia',
  IRN: 'Iran',
  CZE: 'Czech Republic',
};

const EXTRA_ALIASES: Record<string, string> = {
  Britain: 'GBR',
  Burma: 'MMR',
  DRC: 'COD',
  'DR Congo': 'COD',
  Syria: 'SYR',
  Laos: 'LAO',
  Moldova: 'MDA',
  Vatican: 'VAT',
  America: 'USA',
  UAE: 'ARE',
  Holland: 'NLD',
  Kosovo: 'XKX',
};

/** Folded name → country. Upper-case-only aliases ("US", "UK") are in `COUNTRY_ACRONYMS`. */
export const COUNTRY_NAMES: ReadonlyMap<string, CountryEntry> = new Map();
/** Exact upper-case aliases ("US", "U.S", "UK", "UAE") → country. */
export const COUNTRY_ACRONYMS: ReadonlyMap<string, CountryEntry> = new Map();
/** ISO alpha-3 → country. */
export const COUNTRIES_BY_ISO: ReadonlyMap<string, CountryEntry> = new Map();

buildCountries();

function buildCountries(): void {
  const names = COUNTRY_NAMES as Map<string, CountryEntry>;
  const acronyms = COUNTRY_ACRONYMS as Map<string, CountryEntry>;
  const byIso = COUNTRIES_BY_ISO as Map<string, CountryEntry>;
  const seen = new Map<string, number>();
  const all = lib.getNames('en', { select: 'all' });
  const pending: Array<[string, CountryEntry]> = [];
  for (const [alpha2, list] of Object.entries(all)) {
    const iso3 = lib.alpha2ToAlpha3(alpha2);
    if (!iso3) continue;
    const usable = list.map((n) => n.split(',')[0]?.trim() ?? n).filter((n) => n.length > 1 && !n.includes('('));
    const common = usable.filter((n) => !/^[A-Z.]+$/.test(n)).sort((a, b) => a.length - b.length)[0];
    const entry: CountryEntry = { iso3, name: NAME_OVERRIDES[iso3] ?? common ?? list[0] ?? iso3 };
    byIso.set(iso3, entry);
    for (const alias of usable) {
      pending.push([alias, entry]);
      const key = foldKey(alias);
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
  }
  if (!byIso.has('XKX')) byIso.set('XKX', { iso3: 'XKX', name: 'Kosovo' });
  for (const [alias, iso3] of Object.entries(EXTRA_ALIASES)) {
    const entry = byIso.get(iso3);
    if (entry) pending.push([alias, entry]);
  }
  for (const [alias, entry] of pending) {
    if (/^[A-Z.]+$/.test(alias)) {
      acronyms.set(alias.replace(/\.$/, ''), entry);
      continue;
    }
    const key = foldKey(alias).replace(/^the /, '');
    // "Congo" names two countries: an ambiguous alias is left out rather than guessed.
    if ((seen.get(foldKey(alias)) ?? 0) > 1 && !EXTRA_ALIASES[alias]) continue;
    names.set(key, entry);
  }
}
