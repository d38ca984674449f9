/**
 * Word lists for the entities stage, kept as data (after trafilatura's `xpaths.py`).
 *
 * Licence: every list in this file was written by hand for Storyline (MIT, like the project).
 * They hold common facts (organisation names, demonyms, capitals, English cue words), not copies
 * of any third-party data set. Country names and ISO codes come from `i18n-iso-countries` (MIT)
 * in `countries.ts`.
 *
 * Keys are compared after `foldKey` (lower-case, accent-free, hyphens and dots as spaces).
 */

/** A known organisation: canonical name, then aliases. `acronyms` only match in upper case. */
export interface OrgEntry {
  name: string;
  aliases?: string[];
  acronyms?: string[];
}

/** International organisations, agencies, bodies and news agencies (all type `organization`). */
export const ORGANIZATIONS: readonly OrgEntry[] = [
  { name: 'United Nations', acronyms: ['UN', 'U.N.'] },
  {
    name: 'UN Security Council',
    aliases: ['United Nations Security Council', 'U.N. Security Council', 'Security Council'],
  },
  {
    name: 'UN General Assembly',
    aliases: ['United Nations General Assembly', 'U.N. General Assembly', 'General Assembly'],
  },
  { name: 'UNICEF', acronyms: ['UNICEF'] },
  { name: 'UNHCR', aliases: ['UN Refugee Agency', 'UN refugee agency'], acronyms: ['UNHCR'] },
  { name: 'UNESCO', acronyms: ['UNESCO'] },
  { name: 'World Food Programme', aliases: ['World Food Program'], acronyms: ['WFP'] },
  { name: 'NATO', aliases: ['North Atlantic Treaty Organization'], acronyms: ['NATO'] },
  { name: 'European Union', acronyms: ['EU', 'E.U.'] },
  { name: 'European Commission' },
  { name: 'European Parliament' },
  { name: 'European Central Bank', acronyms: ['ECB'] },
  { name: 'African Union' },
  { name: 'Arab League' },
  { name: 'ASEAN', acronyms: ['ASEAN'] },
  { name: 'OPEC', acronyms: ['OPEC'] },
  { name: 'OSCE', acronyms: ['OSCE'] },
  { name: 'G7', acronyms: ['G7'] },
  { name: 'G20', acronyms: ['G20'] },
  { name: 'Red Cross', aliases: ['International Committee of the Red Cross'], acronyms: ['ICRC'] },
  { name: 'Red Crescent' },
  { name: 'World Health Organization', aliases: ['World Health Organisation'], acronyms: ['WHO'] },
  { name: 'International Monetary Fund', acronyms: ['IMF'] },
  { name: 'World Bank' },
  { name: 'World Trade Organization', aliases: ['World Trade Organisation'], acronyms: ['WTO'] },
  { name: 'International Atomic Energy Agency', acronyms: ['IAEA'] },
  { name: 'International Criminal Court', acronyms: ['ICC'] },
  { name: 'International Court of Justice', acronyms: ['ICJ'] },
  { name: 'Interpol' },
  { name: 'Amnesty International' },
  { name: 'Human Rights Watch' },
  { name: 'Doctors Without Borders', aliases: ['Medecins Sans Frontieres'], acronyms: ['MSF'] },
  { name: 'Federal Reserve' },
  { name: 'General Motors' },
  { name: 'General Electric' },
  // News agencies and broadcasters.
  { name: 'Associated Press', acronyms: ['AP'] },
  { name: 'Agence France-Presse', acronyms: ['AFP'] },
  { name: 'Reuters' },
  { name: 'Bloomberg' },
  { name: 'United Press International', acronyms: ['UPI'] },
  { name: 'Xinhua' },
  { name: 'TASS', acronyms: ['TASS'] },
  { name: 'Kyodo' },
  { name: 'Yonhap' },
  { name: 'BBC', acronyms: ['BBC'] },
  { name: 'CNN', acronyms: ['CNN'] },
  { name: 'Al Jazeera' },
];

/**
 * Demonyms of real countries → ISO alpha-3. Adjectives ending in -ian/-an/-ese/-i are also guessed
 * from country names (`Valdorian` → `Valdoria`) in the stage; this table holds the irregular and
 * the frequent ones.
 */
export const DEMONYMS: Readonly<Record<string, string>> = {
  American: 'USA',
  Canadian: 'CAN',
  Mexican: 'MEX',
  Cuban: 'CUB',
  Haitian: 'HTI',
  Brazilian: 'BRA',
  Argentine: 'ARG',
  Argentinian: 'ARG',
  Chilean: 'CHL',
  Peruvian: 'PER',
  Colombian: 'COL',
  Venezuelan: 'VEN',
  Bolivian: 'BOL',
  Ecuadorian: 'ECU',
  British: 'GBR',
  Irish: 'IRL',
  French: 'FRA',
  German: 'DEU',
  Dutch: 'NLD',
  Belgian: 'BEL',
  Swiss: 'CHE',
  Austrian: 'AUT',
  Italian: 'ITA',
  Spanish: 'ESP',
  Portuguese: 'PRT',
  Greek: 'GRC',
  Swedish: 'SWE',
  Norwegian: 'NOR',
  Danish: 'DNK',
  Finnish: 'FIN',
  Icelandic: 'ISL',
  Polish: 'POL',
  Czech: 'CZE',
  Slovak: 'SVK',
  Hungarian: 'HUN',
  Romanian: 'ROU',
  Bulgarian: 'BGR',
  Serbian: 'SRB',
  Croatian: 'HRV',
  Bosnian: 'BIH',
  Albanian: 'ALB',
  Moldovan: 'MDA',
  Ukrainian: 'UKR',
  Belarusian: 'BLR',
  Russian: 'RUS',
  Lithuanian: 'LTU',
  Latvian: 'LVA',
  Estonian: 'EST',
  Georgian: 'GEO',
  Armenian: 'ARM',
  Azerbaijani: 'AZE',
  Turkish: 'TUR',
  Kazakh: 'KAZ',
  Uzbek: 'UZB',
  Afghan: 'AFG',
  Pakistani: 'PAK',
  Indian: 'IND',
  Bangladeshi: 'BGD',
  Nepalese: 'NPL',
  Nepali: 'NPL',
  Chinese: 'CHN',
  Taiwanese: 'TWN',
  Japanese: 'JPN',
  Korean: 'KOR',
  'South Korean': 'KOR',
  'North Korean': 'PRK',
  Mongolian: 'MNG',
  Vietnamese: 'VNM',
  Thai: 'THA',
  Cambodian: 'KHM',
  Burmese: 'MMR',
  Malaysian: 'MYS',
  Singaporean: 'SGP',
  Indonesian: 'IDN',
  Filipino: 'PHL',
  Philippine: 'PHL',
  Australian: 'AUS',
  'New Zealand': 'NZL',
  Iranian: 'IRN',
  Iraqi: 'IRQ',
  Syrian: 'SYR',
  Lebanese: 'LBN',
  Jordanian: 'JOR',
  Israeli: 'ISR',
  Palestinian: 'PSE',
  Saudi: 'SAU',
  Yemeni: 'YEM',
  Omani: 'OMN',
  Qatari: 'QAT',
  Emirati: 'ARE',
  Kuwaiti: 'KWT',
  Egyptian: 'EGY',
  Libyan: 'LBY',
  Tunisian: 'TUN',
  Algerian: 'DZA',
  Moroccan: 'MAR',
  Sudanese: 'SDN',
  Ethiopian: 'ETH',
  Eritrean: 'ERI',
  Somali: 'SOM',
  Kenyan: 'KEN',
  Ugandan: 'UGA',
  Tanzanian: 'TZA',
  Rwandan: 'RWA',
  Congolese: 'COD',
  Nigerian: 'NGA',
  Ghanaian: 'GHA',
  Ivorian: 'CIV',
  Senegalese: 'SEN',
  Malian: 'MLI',
  Nigerien: 'NER',
  Chadian: 'TCD',
  Cameroonian: 'CMR',
  'South African': 'ZAF',
  Zimbabwean: 'ZWE',
  Zambian: 'ZMB',
  Angolan: 'AGO',
  Mozambican: 'MOZ',
};

/** Real capitals → ISO alpha-3, for "Ottawa said" (a capital used as the government). */
export const CAPITALS: Readonly<Record<string, string>> = {
  Ottawa: 'CAN',
  Washington: 'USA',
  London: 'GBR',
  Paris: 'FRA',
  Berlin: 'DEU',
  Moscow: 'RUS',
  Beijing: 'CHN',
  Tokyo: 'JPN',
  Kyiv: 'UKR',
  Kiev: 'UKR',
  Tehran: 'IRN',
  Ankara: 'TUR',
  Seoul: 'KOR',
  Pyongyang: 'PRK',
  'New Delhi': 'IND',
  Islamabad: 'PAK',
  Kabul: 'AFG',
  Baghdad: 'IRQ',
  Damascus: 'SYR',
  Riyadh: 'SAU',
  Cairo: 'EGY',
  Rome: 'ITA',
  Madrid: 'ESP',
  Warsaw: 'POL',
  Canberra: 'AUS',
  Pretoria: 'ZAF',
  Nairobi: 'KEN',
  Abuja: 'NGA',
  Brasilia: 'BRA',
  'Mexico City': 'MEX',
  Havana: 'CUB',
  Caracas: 'VEN',
  Taipei: 'TWN',
  Hanoi: 'VNM',
  Manila: 'PHL',
  Jakarta: 'IDN',
  Bangkok: 'THA',
  Minsk: 'BLR',
  Tbilisi: 'GEO',
  Yerevan: 'ARM',
  Baku: 'AZE',
  Budapest: 'HUN',
  Prague: 'CZE',
  Vienna: 'AUT',
  Stockholm: 'SWE',
  Oslo: 'NOR',
  Helsinki: 'FIN',
  Copenhagen: 'DNK',
  Athens: 'GRC',
  Lisbon: 'PRT',
  Dublin: 'IRL',
  Amman: 'JOR',
  Beirut: 'LBN',
  Doha: 'QAT',
  Khartoum: 'SDN',
  'Addis Ababa': 'ETH',
  Kinshasa: 'COD',
  Belgrade: 'SRB',
  Bucharest: 'ROU',
  Sofia: 'BGR',
};

/** Verbs after a capital that make it an actor ("Ottawa said", "Moscow denied"). Lower-case. */
export const ACTOR_VERBS: ReadonlySet<string> = new Set(
  'said says has have had will would is was announced denied accused warned rejected insisted responded condemned claimed called urged demanded threatened vowed agreed signed imposed expelled recalled summoned sent ordered protested confirmed blamed'.split(
    ' ',
  ),
);

/**
 * Words that make up person titles and roles. A title is a run of these ending on a `TITLE_HEADS`
 * word: "Foreign Minister", "Attorney General", "army spokesperson", "Gen.", "Mr.".
 */
export const TITLE_HEADS: ReadonlySet<string> = new Set(
  (
    'president minister secretary chancellor premier governor mayor senator sen representative rep ' +
    'congressman congresswoman lawmaker judge justice general gen colonel col lieutenant lt major maj ' +
    'captain capt commander cmdr admiral adm sergeant sgt marshal brigadier corporal private ' +
    'mr mrs ms miss mx dr prof professor mme mlle sir dame lord lady king queen prince princess sheikh ' +
    'pope cardinal bishop archbishop rabbi imam ayatollah rev reverend spokesman spokeswoman ' +
    'spokesperson ambassador envoy ceo cfo chairman chairwoman chairperson director commissioner ' +
    'inspector superintendent supt prosecutor coach executive leader speaker sultan emir chief adviser advisor aide ' +
    'president elect vice ' +
    // Occupations written before a name like a title ("shopkeeper Dorota Palic", "Lawyer Dominik Saar").
    'shopkeeper farmer teacher lawyer attorney analyst economist researcher activist resident nurse ' +
    'doctor student partner pensioner fisherman driver mechanic engineer'
  ).split(/\s+/),
);

/** Words that may stand before a title head inside a title: "Deputy Foreign", "Police". */
export const TITLE_MODIFIERS: ReadonlySet<string> = new Set(
  (
    'foreign defence defense finance interior health deputy vice acting former chief senior junior ' +
    'prime economy economic trade justice energy education agriculture transport labour labor ' +
    'environment culture information home state attorney army police military government ministry ' +
    'opposition party assistant associate managing supreme grand crown interim outgoing incoming ' +
    'first rear lieutenant brigadier major general executive district regional provincial federal ' +
    'national union company navy air foreign-affairs affairs security'
  ).split(/\s+/),
);

/** Titles that are only honorifics: they make a person but are no role to refer back to. */
export const HONORIFICS: ReadonlySet<string> = new Set('mr mrs ms miss mx dr prof mme mlle sir dame m'.split(' '));

/** Title abbreviations that may be followed by a period: "Gen.", "Mr.". */
export const TITLE_ABBREVIATIONS: ReadonlySet<string> = new Set(
  'mr mrs ms mx dr prof gen col lt maj capt cmdr adm sgt sen rep gov rev supt insp amb pres m mme mlle'.split(' '),
);

/** Last words that make a capitalised run an organisation: "Ministry of Defence", "Kestrel Dynamics Corp". */
export const ORG_HEADS: ReadonlySet<string> = new Set(
  (
    'ministry department agency corp corporation inc ltd llc plc group party council commission ' +
    'committee authority bank university college institute academy army navy forces force police court ' +
    'parliament assembly senate congress association federation union organization organisation ' +
    'foundation fund company co holdings industries airlines airways times post news herald tribune ' +
    'journal gazette network service services office bureau guard front movement alliance coalition ' +
    'brigade brigades battalion regiment division command hospital school church club board exchange ' +
    'secretariat tribunal cabinet government administration directorate society trust partners systems ' +
    'technologies motors labs media press broadcasting telecom petroleum mining consortium cartel ' +
    'militia gendarmerie guards marines corps institution observatory chamber security capital ' +
    'markets energy ' +
    // Publication names: "Coastline Daily", "Global Ledger", "WorldWire Digest", "Kestria Daily Voice".
    'daily weekly ledger digest briefing voice chronicle observer courier'
  ).split(/\s+/),
);

/** Last words that make a run a place: "Drava River", "Merida City", "Orlav Province". */
export const PLACE_HEADS: ReadonlySet<string> = new Set(
  (
    'river province mountains mountain valley island islands lake bay strait straits sea ocean street ' +
    'avenue road square bridge district region county airport harbour harbor dam oblast desert plain ' +
    'plains hills peninsula coast canal pass plateau highlands basin delta forest camp base station ' +
    'prefecture territory governorate heights corridor crossing city town village port gulf cape ' +
    'park reservoir falls glacier archipelago terminal'
  ).split(/\s+/),
);

/** First words that make a run a place: "Mount Arvel", "Lake Tarn", "Port Selwyn". */
export const PLACE_PREFIXES: ReadonlySet<string> = new Set(
  'mount mt lake port fort cape gulf isle upper lower'.split(' '),
);

/** Last words that make a run a country: "the Kestrel Republic", "Republic of Valdoria". */
export const COUNTRY_HEADS: ReadonlySet<string> = new Set(
  'republic kingdom emirates emirate commonwealth principality sultanate confederation empire duchy'.split(' '),
);

/** Lower-case words after a name that make it a place: "Orlav province", "the Drava river". */
export const PLACE_NEXT: ReadonlySet<string> = new Set(
  'province river region district county city town village valley mountains lake island prefecture oblast border dam reservoir bridge airport harbour harbor canal'.split(
    ' ',
  ),
);

/** Heads after which "of (the) X" stays in the same name: "Bank of Valdoria", "Gulf of Tarsk". */
export const OF_HEADS: ReadonlySet<string> = new Set([
  ...ORG_HEADS,
  ...COUNTRY_HEADS,
  'city',
  'gulf',
  'isle',
  'island',
  'islands',
  'strait',
  'bay',
  'sea',
  'cape',
  'port',
  'province',
  'region',
  'state',
  'states',
]);

/** Prepositions before a place: "in Valdoria", "near Tarsk". Strong: the run is a place. */
export const PLACE_PREPOSITIONS: ReadonlySet<string> = new Set(
  'in near into across outside inside throughout towards toward around via within across'.split(' '),
);

/** Weaker place prepositions ("from Reuters", "to Morrow"): only single words, only without better evidence. */
export const WEAK_PLACE_PREPOSITIONS: ReadonlySet<string> = new Set('from at to'.split(' '));

/** "<word> of X" that makes X a country: "government of Valdoria", "president of Valdoria". */
export const COUNTRY_OF_WORDS: ReadonlySet<string> = new Set(
  'government president people citizens embassy capital parliament army military king queen borders'.split(' '),
);

/** "<word> of X" that makes X a place: "city of Tarsk", "town of Orlav". */
export const PLACE_OF_WORDS: ReadonlySet<string> = new Set(
  'city town village province region district suburb outskirts'.split(' '),
);

/** Words after "X's" that make X a country: "Valdoria's government", "Valdoria's foreign ministry". */
export const COUNTRY_POSSESSED: ReadonlySet<string> = new Set(
  'government president army military parliament capital economy border borders navy air embassy ambassador currency central ruling national foreign defence defense prime trade exports imports regulator watchdog ports'.split(
    ' ',
  ),
);

/** Lower-case nouns after a demonym: "Valdorian troops", "Kestrel officials". */
export const DEMONYM_NEXT: ReadonlySet<string> = new Set(
  'troops forces soldiers officials official government authorities army military police navy president minister ministry people citizens nationals diplomats diplomat border media state territory side delegation negotiators leaders leader lawmakers economy counterpart counterparts regulator embassy language'.split(
    ' ',
  ),
);

/** Vessel prefixes: "the MV Ocean Star" is a ship (type other), never a person. */
export const VESSEL_PREFIXES: ReadonlySet<string> = new Set('MV MS MT SS HMS USS RV FV HMCS INS'.split(' '));

/** Nouns before a ship's name: "the aircraft carrier Admiral Kuznetsov" is a ship, not a person. */
export const VESSEL_NOUNS: ReadonlySet<string> = new Set(
  'carrier warship ship frigate destroyer submarine cruiser tanker freighter ferry vessel icebreaker corvette trawler liner yacht'.split(
    ' ',
  ),
);

/** Name particles that stay inside a person name: "Anneke van der Berg", "Luis de Souza". */
export const NAME_PARTICLES: ReadonlySet<string> = new Set(
  'van der den de da di du del della dos das von la le bin ibn al el ben ter ten'.split(' '),
);

/**
 * Capitalised words that never start or continue a name on their own: function words, pronouns,
 * months, weekdays, page furniture. Lower-case.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'the a an but and or nor so however meanwhile moreover furthermore nevertheless instead thus ' +
    'in on at for from with by of to after before during when while if unless until this that these ' +
    'those it its he she they we i you his her their our my your there here what who whom whose why ' +
    'how where which yes no not some many most all several also still yet although though because ' +
    'since as under over despite according earlier later last next then now once one two three both ' +
    'each every another other such only even just again about above below between into through ' +
    'without within against among amid like unlike near off up down out per via ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june ' +
    'july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'today tomorrow yesterday tonight morning afternoon evening night week month year ' +
    'read share click subscribe follow advertisement photo photos video videos watch related more sign ' +
    'log copyright updated published editing reporting breaking live comments comment email print ' +
    'facebook twitter whatsapp linkedin instagram telegram newsletter menu search login get join download listen ' +
    'christmas easter ramadan eid'
  ).split(/\s+/),
);
