import { describe, expect, it } from 'vitest';
import { docOf, expectSpan } from '../../../test/helpers/docs.js';
import type { EntityMention } from '../../core/doc.js';
import type { Draft } from '../../core/stage.js';
import { entitiesStage } from './index.js';

type Mention = Draft<EntityMention>;

const silent = {
  warn() {},
  info() {},
  fail(): never {
    throw new Error('fail');
  },
  debug() {},
};

function run(text: string): Mention[] {
  return entitiesStage.run(docOf(text), silent) as Mention[];
}

/** Mentions whose text is `surface`, in order. */
function find(items: Mention[], surface: string): Mention[] {
  return items.filter((e) => e.text === surface);
}

function one(text: string, items: Mention[], surface: string, nth = 0): Mention {
  const found = find(items, surface)[nth];
  if (!found) throw new Error(`no mention "${surface}" in ${JSON.stringify(items.map((e) => e.text))}`);
  expectSpan(text, found, surface);
  return found;
}

describe('entities stage', () => {
  it('declares its layer and requirements', () => {
    expect(entitiesStage.name).toBe('entities');
    expect(entitiesStage.requires).toEqual(['sentences', 'tokens']);
  });

  // [fixture, surface, type, entityId, name, nth occurrence]
  const cases: Array<[string, string, string, EntityMention['type'], string, string, number?]> = [
    [
      'title + name',
      'Talks resumed after Foreign Minister Tomasz Wrenik flew in overnight.',
      'Tomasz Wrenik',
      'person',
      'person:tomasz-wrenik',
      'Tomasz Wrenik',
    ],
    [
      'abbreviated rank',
      'The convoy was led by Gen. Arlen Voss , officials said.',
      'Arlen Voss',
      'person',
      'person:arlen-voss',
      'Arlen Voss',
    ],
    [
      'lower-case title',
      'The offer was rejected, said army spokesperson Ivo Dansk on Friday.',
      'Ivo Dansk',
      'person',
      'person:ivo-dansk',
      'Ivo Dansk',
    ],
    [
      'Mr X merges with the full name',
      'Lena Morrow, 52, has led the inquiry since 2019.\n\nOn Monday Mr. Morrow’s office declined to comment.',
      'Morrow',
      'person',
      'person:lena-morrow',
      'Lena Morrow',
    ],
    [
      'surname-only mention merges',
      'Lena Morrow said the report was "deeply flawed". Morrow added that she would appeal.',
      'Morrow',
      'person',
      'person:lena-morrow',
      'Lena Morrow',
    ],
    [
      'hyphenated given name',
      'Jean-Luc Marrow, who chairs the panel, was not available.',
      'Jean-Luc Marrow',
      'person',
      'person:jean-luc-marrow',
      'Jean-Luc Marrow',
    ],
    [
      'hyphenated Korean name',
      'Speaking to reporters, envoy Park Ji-won said the deal was close.',
      'Park Ji-won',
      'person',
      'person:park-ji-won',
      'Park Ji-won',
    ],
    [
      'name particles stay whole',
      'The ruling was welcomed by Anneke van der Berg and by Omar al-Rashid of the bar council.',
      'Anneke van der Berg',
      'person',
      'person:anneke-van-der-berg',
      'Anneke van der Berg',
    ],
    [
      'al- particle',
      'The ruling was welcomed by Anneke van der Berg and by Omar al-Rashid of the bar council.',
      'Omar al-Rashid',
      'person',
      'person:omar-al-rashid',
      'Omar al-Rashid',
    ],
    [
      'organisation with head and "of"',
      'A statement from the Ministry of Defence denied the report.',
      'Ministry of Defence',
      'organization',
      'organization:ministry-of-defence',
      'Ministry of Defence',
    ],
    [
      'organisation ending with a cue word',
      'Shares in Kestrel Dynamics Corp fell 4% after the Valdorian Central Bank raised rates.',
      'Kestrel Dynamics Corp',
      'organization',
      'organization:kestrel-dynamics-corp',
      'Kestrel Dynamics Corp',
    ],
    [
      'gazetteer acronym',
      'The UN said aid convoys were blocked, and NATO called for calm.',
      'UN',
      'organization',
      'organization:united-nations',
      'United Nations',
    ],
    [
      'news agency',
      'The figures could not be independently verified by Reuters.',
      'Reuters',
      'organization',
      'organization:reuters',
      'Reuters',
    ],
    [
      'real country with ISO code',
      'Officials in Canada confirmed the shipment.',
      'Canada',
      'country',
      'country:can',
      'Canada',
    ],
    [
      'real demonym maps to the country',
      'Canadian officials confirmed the shipment.',
      'Canadian',
      'country',
      'country:can',
      'Canada',
    ],
    [
      'place after a preposition',
      'Fighting was reported near Tarsk late on Sunday.',
      'Tarsk',
      'place',
      'place:tarsk',
      'Tarsk',
    ],
    [
      'place before "province"',
      'Floods have cut roads in the north of Orlav province since May.',
      'Orlav',
      'place',
      'place:orlav',
      'Orlav',
    ],
    [
      'place with a head word',
      'Troops massed along the Drava River this week.',
      'Drava River',
      'place',
      'place:drava-river',
      'Drava River',
    ],
    [
      'dateline place',
      'MERIDA CITY (AP) — Heavy rain flooded the lower town on Tuesday.',
      'MERIDA CITY',
      'place',
      'place:merida-city',
      'Merida City',
    ],
    [
      'fictional country from "government of"',
      'The government of Valdoria denied the claim. Valdoria has long rejected such reports.',
      'Valdoria',
      'country',
      'country:valdoria',
      'Valdoria',
      1,
    ],
    [
      'fictional country with a country head',
      'Envoys from the Kestrel Republic arrived late.',
      'Kestrel Republic',
      'country',
      'country:kestrel-republic',
      'Kestrel Republic',
    ],
    [
      'demonym of a fictional country',
      'Valdorian troops crossed the border overnight, officials in Valdoria said.',
      'Valdorian',
      'country',
      'country:valdoria',
      'Valdoria',
    ],
    [
      'city suffix',
      'Kestrelgrad said on Monday the talks would go ahead in Kestrelgrad.',
      'Kestrelgrad',
      'place',
      'place:kestrelgrad',
      'Kestrelgrad',
    ],
    [
      'real capital as an actor maps to its country',
      'Ottawa said it would send a second team.',
      'Ottawa',
      'country',
      'country:can',
      'Canada',
    ],
    [
      'glued word from a stripped link',
      'Aid workers arrived inValdoria on Tuesday, where the government of Valdoria said it welcomed them.',
      'Valdoria',
      'country',
      'country:valdoria',
      'Valdoria',
    ],
    [
      'acronym defined in parentheses',
      'The Kestrel Defence Forces (KDF) moved north. A KDF spokesman declined to comment.',
      'KDF',
      'organization',
      'organization:kestrel-defence-forces',
      'Kestrel Defence Forces',
      1,
    ],
  ];

  it.each(cases)('%s', (_label, text, surface, type, entityId, name, nth = 0) => {
    const e = one(text, run(text), surface, nth);
    expect(e.kind).toBe('entity');
    expect(e.type).toBe(type);
    expect(e.entityId).toBe(entityId);
    expect(e.name).toBe(name);
    expect(e.prov.rule).toMatch(/^entities\/[a-z-]+$/);
  });

  it('keeps the title out of the person span', () => {
    const text = 'Valdorian Defence Minister Petra Holm visited the front.';
    const items = run(text);
    expect(items.some((e) => e.text.includes('Minister'))).toBe(false);
    expect(one(text, items, 'Petra Holm').type).toBe('person');
  });

  it('links a glued word inside its token', () => {
    const text = 'Aid workers arrived inValdoria on Tuesday.';
    const items = run(text);
    const e = one(text, items, 'Valdoria');
    expect(e.start).toBe(text.indexOf('inValdoria') + 2);
  });

  it('links title, honorific and surname mentions to one entity', () => {
    const text =
      'Foreign Minister Tomasz Wrenik arrived on Monday. Wrenik met aid groups. ' +
      'Later Mr Wrenik said talks would resume, and the foreign minister left for Tarsk.';
    const items = run(text);
    const ids = items.filter((e) => e.type === 'person').map((e) => [e.text, e.entityId]);
    expect(ids).toEqual([
      ['Tomasz Wrenik', 'person:tomasz-wrenik'],
      ['Wrenik', 'person:tomasz-wrenik'],
      ['Wrenik', 'person:tomasz-wrenik'],
      ['foreign minister', 'person:tomasz-wrenik'],
    ]);
    const role = one(text, items, 'foreign minister');
    expect(role.prov.rule).toBe('entities/role-reference');
  });

  it('does not link a role held by two people', () => {
    const text = 'Minister Ana Reyes met Minister Jonas Pell in Tarsk. The minister said nothing more.';
    expect(run(text).filter((e) => e.prov.rule === 'entities/role-reference')).toEqual([]);
  });

  it('gives the same type to every mention of a name', () => {
    const text = 'Valdoria rejected the plan. The government of Valdoria called it "absurd".';
    const items = run(text).filter((e) => e.text === 'Valdoria');
    expect(items.map((e) => e.type)).toEqual(['country', 'country']);
  });

  it('keeps the dateline agency as an organisation', () => {
    const text = 'KESTRELGRAD, Valdoria (Reuters) — Protesters gathered outside parliament.';
    const items = run(text);
    expect(one(text, items, 'KESTRELGRAD').type).toBe('place');
    expect(one(text, items, 'Reuters').entityId).toBe('organization:reuters');
  });

  it('returns offsets that slice to the text on a longer messy article', () => {
    const text =
      'MERIDA CITY (AP) —  Foreign Minister Tomasz Wrenik of the Kestrel Republic arrived inValdoria on Tuesday,\n' +
      'where Valdorian troops have massed near the Drava River.\n\n' +
      'Share on Facebook\n\n' +
      'Lena Morrow, a spokesperson for the United Nations, said the UN and NATO were watching. ' +
      'Morrow added that the Ministry of Defence had asked the World Health Organization (WHO) for help.';
    const items = run(text);
    expect(items.length).toBeGreaterThan(10);
    for (const e of items) expect(text.slice(e.start, e.end)).toBe(e.text);
    for (let k = 1; k < items.length; k++) {
      expect((items[k] as Mention).start).toBeGreaterThanOrEqual((items[k - 1] as Mention).end);
    }
  });

  describe('negative cases', () => {
    const none: Array<[string, string]> = [
      ['sentence-initial connective', 'However, the talks collapsed on Thursday.'],
      ['month and weekday names', 'In March and again on Tuesday, prices rose in September.'],
      ['page furniture', 'Share on Facebook\nFollow us on Twitter\nAdvertisement'],
      ['unknown capitalised word at sentence start', 'Analysts expected a rebound. Traders were less sure.'],
      ['title-case headline', 'Prices Surge As Markets Reopen'],
      ['bare title without a name', 'The President said the matter was closed.'],
      ['lower-case words', 'the minister in charge said prices would rise at home.'],
    ];
    it.each(none)('%s', (_label, text) => {
      expect(run(text)).toEqual([]);
    });

    it('ship names are not persons', () => {
      const text = 'Crew of the MV Ocean Star were released on Friday.';
      const items = run(text);
      expect(items.filter((e) => e.type === 'person')).toEqual([]);
      expect(one(text, items, 'MV Ocean Star').type).toBe('other');
    });

    it('does not take "The" or "But" into a name', () => {
      const text = 'But Lena Morrow disagreed. The Drava River rose again.';
      const items = run(text);
      expect(items.map((e) => e.text)).toEqual(['Lena Morrow', 'Drava River']);
    });

    it('"WHO" only matches in capitals', () => {
      const text = 'Who decides? The WHO does.';
      const items = run(text);
      expect(items.map((e) => e.text)).toEqual(['WHO']);
    });
  });

  describe('organisations, places and countries that look like two-word names', () => {
    // [label, fixture, surface, type, name]
    const typed: Array<[string, string, string, EntityMention['type'], string]> = [
      [
        'plural possessive inside an organisation name',
        "Talks with the Harbour Pilots' Association (HPA) broke down on Sunday, the pilots said.",
        "Harbour Pilots' Association",
        'organization',
        "Harbour Pilots' Association",
      ],
      [
        'business head word',
        'Researchers at Tallow Security said the data was genuine.',
        'Tallow Security',
        'organization',
        'Tallow Security',
      ],
      [
        'publication head word',
        'She told the Riverside Ledger on Monday that she would stay.',
        'Riverside Ledger',
        'organization',
        'Riverside Ledger',
      ],
      [
        '"for" after an organisation head',
        'The Norland Office for Consumer Rights said it had received complaints.',
        'Norland Office for Consumer Rights',
        'organization',
        'Norland Office for Consumer Rights',
      ],
      [
        'organisation head before "of" inside the run',
        'The Norland Chamber of Commerce estimated the losses at once.',
        'Norland Chamber of Commerce',
        'organization',
        'Norland Chamber of Commerce',
      ],
      [
        'shares in a company are no place',
        'Shares in Brackwater fell 9% in early trading.',
        'Brackwater',
        'organization',
        'Brackwater',
      ],
      [
        'single institution word',
        'Parliament voted on Monday to open an inquiry.',
        'Parliament',
        'organization',
        'Parliament',
      ],
      [
        '"the X dam" is a place',
        'Villages below the Lower Tarn dam were evacuated overnight.',
        'Lower Tarn',
        'place',
        'Lower Tarn',
      ],
      [
        'a name listed with places',
        'Families fled from Oskel, Dunmore Bay and Pell Reach and other villages, officials in Oskel said.',
        'Pell Reach',
        'place',
        'Pell Reach',
      ],
      [
        'a terminal is a place',
        'Erik Dahl, a crane driver at the West Terminal, said pay was too low.',
        'West Terminal',
        'place',
        'West Terminal',
      ],
      [
        'a country named as an adjective',
        "Troops gathered in Norland. The Norland government and Norland's central bank declined to comment.",
        'Norland',
        'country',
        'Norland',
      ],
    ];
    it.each(typed)('%s', (_label, text, surface, type, name) => {
      const e = one(text, run(text), surface);
      expect(e.type).toBe(type);
      expect(e.name).toBe(name);
    });

    it('an exercise or a newsletter is no person', () => {
      const text = 'The drills, codenamed “Northern Shield 2026”, end on Friday. Sign up for Markets Close.';
      const persons = run(text).filter((e) => e.type === 'person');
      expect(persons).toEqual([]);
    });

    it('a demonym before a place noun + "of" is the country', () => {
      const text = 'Tanks were seen near the Tarskian town of Lirov. Tarskia denied it. Tarskia has 20,000 troops.';
      const items = run(text);
      expect(one(text, items, 'Tarskian').entityId).toBe('country:tarskia');
      const counterpart = 'Wren met his Tarskian counterpart Ola Berg. Tarskia said little.';
      expect(one(counterpart, run(counterpart), 'Tarskian').entityId).toBe('country:tarskia');
    });

    it('a title word after a modal is a verb', () => {
      const text = 'Officials said Norland would judge Tarskia by its actions. Tarskia has denied it.';
      const items = run(text);
      expect(items.filter((e) => e.type === 'person')).toEqual([]);
    });

    it('stacked abbreviated titles and a capital title after a lower-case one stay out of the name', () => {
      const text = 'Its spokesman, Maj. Gen. Pavel Ostrow, said so. Ministry spokesperson Colonel Ilse Marek agreed.';
      const items = run(text);
      expect(one(text, items, 'Pavel Ostrow').name).toBe('Pavel Ostrow');
      expect(one(text, items, 'Ilse Marek').name).toBe('Ilse Marek');
    });

    it('an occupation before a name is a title, not part of the name', () => {
      const text = 'Shopkeeper Dorota Palek, 63, said the village was empty.';
      expect(one(text, run(text), 'Dorota Palek').name).toBe('Dorota Palek');
    });

    it('a business short name links to the full name', () => {
      const text = 'Brackwater Systems disclosed a breach. Quillby warned. Brackwater said it was sorry.';
      const items = run(text);
      expect(one(text, items, 'Brackwater').entityId).toBe('organization:brackwater-systems');
    });

    it('keeps real given name + surname pairs as persons', () => {
      const text = 'Marta Lindgren and Piet Aalders spoke. The mayor of Oskel, Hilde Varn, said no.';
      const items = run(text);
      for (const name of ['Marta Lindgren', 'Piet Aalders', 'Hilde Varn'])
        expect(one(text, items, name).type).toBe('person');
    });
  });
});
