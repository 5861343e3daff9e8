import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { draftArticle } from '../src/modules/draft/draft.js';
import { draftFromInput } from '../src/modules/draft/draft.service.js';
import { countryMentions } from '../src/modules/draft/places.js';
import { organizationMentions } from '../src/modules/draft/organizations.js';
import { personMentions } from '../src/modules/draft/people.js';
import { readArticle } from '../src/modules/draft/reading.js';
import { sentencesOf } from '../src/modules/draft/text.js';
import { validateDocument } from '../src/modules/import/validate.js';
import { sha256 } from '../src/shared/auth.js';
import { projectRoot } from '../src/shared/paths.js';
import { tradeFairArticle } from './fixtures/trade-fair-article.js';
import { snapshot, startTestServer, type TestServer } from './helpers.js';

// The drafting assistant: each rule on the sentences it was written for, the seed's draft imported through the
// API and compared with the seed on its key facts, and the mutation's and the command's contract.

const seed = JSON.parse(readFileSync(path.join(projectRoot, 'prisma', 'seed', 'liaocheng-delegation-visits-central-asia.json'), 'utf8'));
const draftOf = (body: string, publishedOn: string | null = '2024-05-20') => draftArticle({ title: 'Test article', body, publishedOn }).document;

describe('the reading rules', () => {
  test('sentences end at a full stop, not after an abbreviation or an initial', () => {
    const body = 'Shandong Sinoglory Health Food Co. signed a deal. Mr. Li met J. Smith on Sept. 6 in Astana. Then they left.';
    expect(sentencesOf(body).map((s) => s.text)).toEqual(['Shandong Sinoglory Health Food Co. signed a deal.', 'Mr. Li met J. Smith on Sept. 6 in Astana.', 'Then they left.']);
    // A month's abbreviation holds a sentence open only before a day; as a name it ends one, and is no date.
    const named = 'They met Vice-Mayor Li Jun. Ma spoke in June and on Jun. 8.';
    expect(sentencesOf(named).map((s) => s.text)).toEqual(['They met Vice-Mayor Li Jun.', 'Ma spoke in June and on Jun. 8.']);
    expect(readArticle(named, '2024-07-01').dates.map((d) => [d.text, d.from])).toEqual([['June', '2024-06'], ['Jun. 8', '2024-06-08']]);
  });

  test('countries by name and by adjective; "US" as a word is not taken', () => {
    const found = countryMentions('Delegates from Kazakhstan and the Netherlands met US officials.').map((m) => m.code);
    expect(found).toEqual(['KZ', 'NL']);
    const reading = readArticle('Two Hungarian companies agreed.', null);
    expect(reading.countries.map((c) => c.code)).toEqual(['HU']);
  });

  test('a city counts when its country is named or it is a capital, so "Central" and "Friendly" are not places', () => {
    const reading = readArticle(seed.article.body, '2023-09-15');
    const cities = [...new Set(reading.cities.map((c) => c.place.name))];
    expect(cities.sort()).toEqual(['Astana', 'Bishkek', 'Liaocheng', 'Samarkand', 'Tashkent']);
    // Kazakhstan is also a village of Kazakhstan: a country's name is never read as a city.
    expect(reading.cities.some((c) => c.text === 'Kazakhstan')).toBe(false);
    // Nor is a person's surname written alone a city (Gao is a city in Mali).
    expect(readArticle('Gao Peng, chairman of Linyi Tongda Logistics Group, spoke. Gao said the route would open.', null).cities).toEqual([]);
  });

  test('organizations by legal form, government and association patterns, not event names', () => {
    const body = 'Liaocheng Xinhua Bearing Co signed with Rhein Spedition GmbH. The Shandong provincial government and the Almaty Chamber of Commerce attended the China (Shandong)-Uzbekistan Cooperation and Exchange Conference. JSC Kazakhstan Temir Zholy joined.';
    expect(organizationMentions(body).map((o) => [o.name, o.kind])).toEqual([
      ['Liaocheng Xinhua Bearing Co', 'COMPANY'],
      ['Rhein Spedition GmbH', 'COMPANY'],
      ['Shandong provincial government', 'GOVERNMENT'],
      ['Almaty Chamber of Commerce', 'ASSOCIATION'],
      ['JSC Kazakhstan Temir Zholy', 'COMPANY'],
    ]);
  });

  test('people with a title before, after, or leading their name', () => {
    const body = 'It was led by Vice-Mayor Wang Hong of Liaocheng. Zhang Min, director of the Liaocheng Bureau of Commerce, spoke. They met the mayor of Debrecen, Gábor Nagy.';
    expect(personMentions(body, []).map((p) => [p.name, p.title])).toEqual([
      ['Wang Hong', 'Vice-Mayor'],
      ['Zhang Min', 'director of the Liaocheng Bureau of Commerce'],
      ['Gábor Nagy', 'mayor of Debrecen'],
    ]);
  });

  test('a date without its year takes the article\'s, and says so in a note', () => {
    const { document, notes } = draftArticle({ title: 'T', body: 'A trade delegation from Almaty, Kazakhstan, visited Tashkent, Uzbekistan, from Sept 2 to 9.', publishedOn: '2023-09-15' });
    expect(document.delegations[0]).toMatchObject({ startDate: '2023-09-02', endDate: '2023-09-09', countriesVisited: ['UZ'] });
    expect(notes.some((n) => n.quote === 'Sept 2 to 9' && /no year/.test(n.message))).toBe(true);
    // Without a date for the article, such a date cannot be given a year, and is left out.
    expect(draftOf('A trade delegation from Almaty, Kazakhstan, visited Tashkent, Uzbekistan, from Sept 2 to 9.', null).delegations[0]?.startDate ?? null).toBeNull();
  });
});

describe('the record rules', () => {
  test('an event takes its place and date from its own sentence, or from a paragraph that opens "In <city>,"', () => {
    const doc = draftOf('A delegation from Almaty, Kazakhstan, toured Uzbekistan.\n\nIn Tashkent, the capital of Uzbekistan, the delegation attended the Tashkent Textile Expo on May 14. The delegation also held a business forum.\n\nThe delegation attended a trade fair.');
    const byName = Object.fromEntries(doc.events.map((e) => [e.name, e]));
    expect(byName['Tashkent Textile Expo']).toMatchObject({ nameIsQuoted: true, kind: 'EXHIBITION', startDate: '2024-05-14', cityKey: 'tashkent', countryCode: 'UZ' });
    expect(doc.events.find((e) => e.kind === 'CONFERENCE')).toMatchObject({ cityKey: 'tashkent', startDate: null });
    // The third paragraph names no place: the fair is not put in Tashkent.
    expect(doc.events.find((e) => /fair/i.test(e.name))).toMatchObject({ cityKey: null, countryCode: null });
  });

  test('"the fair" refers back to the fair, and makes no second event', () => {
    const doc = draftOf('In Cologne, Germany, the delegation attended the Anuga food fair. More than 1,500 exhibitors took part in the fair.');
    expect(doc.events).toHaveLength(1);
    expect(doc.figures[0]).toMatchObject({ value: 1500, qualifier: 'MORE_THAN', unit: 'exhibitors', eventKey: doc.events[0]!.key });
  });

  test('agreements with named and unnamed parties; a counted plural is that many agreements', () => {
    const doc = draftOf(seed.article.body, '2023-09-15');
    const astana = doc.agreements.filter((a) => a.cityKey === 'astana');
    expect(astana).toHaveLength(2);
    expect(astana[0]!.parties).toEqual([
      { organizationKey: null, description: 'a company from Liaocheng (unnamed)', role: 'VISITING_PARTY' },
      { organizationKey: null, description: 'a local enterprise (unnamed)', role: 'LOCAL_PARTY' },
    ]);
    const framework = doc.agreements.find((a) => a.kind === 'LONG_TERM_COOPERATION_FRAMEWORK_AGREEMENT');
    expect(framework).toMatchObject({ cityKey: 'tashkent', parties: [{ organizationKey: 'shandong-sinoglory-health-food-co', role: 'VISITING_PARTY' }, { organizationKey: null, role: 'LOCAL_PARTY' }] });
  });

  test('a signing at an event takes its day, place and event; one sentence can hold two signings', () => {
    const doc = draftOf('A delegation from Weifang, China, visited Uzbekistan from May 10 to 14.\n\nOn May 12, the delegation attended a business forum in Tashkent, Uzbekistan. At the forum, Weifang Huaxin Machinery Co signed a supply contract with Orient Motors LLC, and Weifang Meilin Food Co signed a memorandum of understanding with local enterprises.');
    const forum = doc.events.find((e) => e.kind === 'CONFERENCE')!;
    expect(forum).toMatchObject({ cityKey: 'tashkent', startDate: '2024-05-12' });
    expect(doc.agreements.map((a) => [a.kind, a.eventKey, a.cityKey, a.countryCode, a.signedOn, a.parties.map((p) => p.description)])).toEqual([
      ['CONTRACT', forum.key, 'tashkent', 'UZ', '2024-05-12', ['Weifang Huaxin Machinery Co', 'Orient Motors LLC']],
      ['MEMORANDUM_OF_UNDERSTANDING', forum.key, 'tashkent', 'UZ', '2024-05-12', ['Weifang Meilin Food Co', 'a local enterprise (unnamed)']],
    ]);
    // The inherited day and place are cited where the forum's sentence states them.
    const quotes = doc.agreements[0]!.evidence.map((q) => [q.quote.slice(0, 20), q.facts]);
    expect(quotes).toContainEqual(['On May 12, the deleg', expect.arrayContaining(['signedOn', 'city'])]);
  });

  test('"the forum, at which" and "signed ... at the fair" put a signing at that event; a counted object is that many', () => {
    const doc = draftOf('A delegation from Yantai, China, toured Poland.\n\nIn Warsaw on June 3, the delegation attended a business forum. More than 100 Polish companies attended the forum, at which Yantai enterprises signed two cooperation agreements with local companies.\n\nIn Poznan, the Poznan Trade Fair, one of the largest fairs in Poland, was held from June 5 to 8. On June 6, Yantai Haiyang Machinery Co signed a supply contract at the fair with Mainzer Technik GmbH.');
    const [forum, fair] = [doc.events.find((e) => e.kind === 'CONFERENCE')!, doc.events.find((e) => e.name === 'Poznan Trade Fair')!];
    expect(fair).toMatchObject({ nameIsQuoted: true, kind: 'EXHIBITION', startDate: '2024-06-05', endDate: '2024-06-08', cityKey: 'poznan' });
    expect(doc.agreements.map((a) => [a.eventKey, a.cityKey, a.signedOn, a.parties[0]!.description])).toEqual([
      [forum.key, 'warsaw', '2024-06-03', 'a Yantai enterprise (unnamed)'],
      [forum.key, 'warsaw', '2024-06-03', 'a Yantai enterprise (unnamed)'],
      // The fair ran for four days: the signing keeps its own day.
      [fair.key, 'poznan', '2024-06-06', 'Yantai Haiyang Machinery Co'],
    ]);
  });

  test('"The agreement was signed by ..." and "It was signed by ..." name signatories of the last agreement', () => {
    const body = 'In Kutaisi, Georgia, Linyi Tongda Logistics Group signed a cooperation agreement with Kolkhida Trans LLC. The agreement was signed by Gao Peng, chairman of Linyi Tongda Logistics Group, and Davit Chkheidze, general manager of Kolkhida Trans LLC, with their deputies present.\n\nAt the meeting, the two mayors witnessed the signing of a cooperation agreement on tractors between Weifang Nongfeng Machinery Co and KazAgroTrade LLP. It was signed by Zhao Lei, chairman of Weifang Nongfeng Machinery Co.';
    const doc = draftOf(body);
    const people = Object.fromEntries(doc.people.map((p) => [p.name, p.key]));
    expect(doc.agreements.map((a) => [a.parties.map((p) => p.description), a.signatoryKeys])).toEqual([
      [['Linyi Tongda Logistics Group', 'Kolkhida Trans LLC'], [people['Gao Peng'], people['Davit Chkheidze']]],
      [['Weifang Nongfeng Machinery Co', 'KazAgroTrade LLP'], [people['Zhao Lei']]],
    ]);
  });

  test('a signing on its own day and place is a signing ceremony; one at "a ceremony" is that ceremony', () => {
    const doc = draftOf('In Gdansk, Poland, on Sept 19, Yantai Longda Food Co signed a cold-chain logistics contract worth $1.5 million with Baltic Reefer Ltd.\n\nOn Sept 20, the Zibo Bureau of Commerce and the Lodz Chamber of Commerce signed a memorandum of understanding at a ceremony in Lodz, Poland.');
    const events = [...doc.events].sort((a, b) => a.startDate!.localeCompare(b.startDate!));
    expect(events.map((e) => [e.name, e.kind, e.startDate, e.cityKey])).toEqual([
      ['Signing of the cold-chain logistics contract in Gdansk', 'SIGNING_CEREMONY', '2024-09-19', 'gdansk'],
      [expect.stringMatching(/^Ceremony/), 'SIGNING_CEREMONY', '2024-09-20', 'lodz'],
    ]);
    expect(doc.agreements.map((a) => a.eventKey)).toEqual(events.map((e) => e.key));
    // An undated signing is no event of its own.
    expect(draftOf('In Astana, Kazakhstan, two companies from Liaocheng signed agreements with local enterprises.').events).toEqual([]);
  });

  test('a tour of a company, a reception and "X met the delegation" are events with their hosts', () => {
    const doc = draftOf('A delegation from Lodz, Poland, visited Zibo, China, from May 14 to 16.\n\nOn May 14, the delegation was received in Zibo by Ma Xiaolei, mayor of Zibo, and Vice-Mayor Li Jun. Vice-Mayor Sun Li met the delegation on May 15.\n\nOn May 16, the delegation toured Shandong Huaguang Ceramics Co, a Zibo-based maker of bone china.');
    const people = Object.fromEntries(doc.people.map((p) => [p.name, p.key]));
    const org = doc.organizations.find((o) => o.name === 'Shandong Huaguang Ceramics Co')!;
    expect(doc.events.map((e) => [e.name, e.kind, e.startDate, e.cityKey, e.counterparts])).toEqual([
      ['Reception by Ma Xiaolei', 'MEETING', '2024-05-14', 'zibo', [{ organizationKey: null, personKey: people['Ma Xiaolei'], role: 'HOST' }, { organizationKey: null, personKey: people['Li Jun'], role: 'HOST' }]],
      // Its paragraph put the delegation in Zibo a sentence before.
      ['Meeting with Sun Li', 'MEETING', '2024-05-15', 'zibo', []],
      // Put where the company is, as its own quote says; a note says the article may not.
      ['Tour of Shandong Huaguang Ceramics Co', 'OTHER', '2024-05-16', 'zibo', [{ organizationKey: org.key, personKey: null, role: 'HOST' }]],
    ]);
    expect(doc.events.every((e) => e.participants.length === 1)).toBe(true);
  });

  test('places: lower-case joins, not a bay, a school\'s second word or a photographer', () => {
    const doc = draftOf('A delegation from Zhenjiang, China, visited Tanzania and Vietnam. It moved on to Dar es Salaam, then saw Ha Long Bay. Students of Zhenjiang Jinshan Experimental School came. [Photo by Li Xiang/For chinadaily.com.cn]');
    expect(doc.cities.map((c) => c.name).sort()).toEqual(['Dar es Salaam', 'Zhenjiang']);
    // Nor half of a hyphenated name, nor a province's name.
    expect(draftOf('A delegation from Baden-Württemberg, Germany, visited Central China\'s Henan province and Beijing.').cities.map((c) => c.name)).toEqual(['Beijing']);
  });

  test('names: "<city>-based" and "Executives of" are not part of one; schools, troupes and "City of" are organizations', () => {
    const found = organizationMentions('Executives of Hunan Xiangnong Machinery Co met Nairobi-based Greenfield Agri Supplies Ltd, the City of Tampere, the Zhenjiang Yangju Opera Troupe, Hervanta Upper Secondary School and the Chamber of Commerce and Industry of Uzbekistan.');
    expect(found.map((o) => [o.name, o.kind])).toEqual([
      ['Hunan Xiangnong Machinery Co', 'COMPANY'],
      ['Greenfield Agri Supplies Ltd', 'COMPANY'],
      ['City of Tampere', 'GOVERNMENT'],
      ['Zhenjiang Yangju Opera Troupe', 'OTHER'],
      ['Hervanta Upper Secondary School', 'OTHER'],
      ['Chamber of Commerce and Industry of Uzbekistan', 'ASSOCIATION'],
    ]);
    expect(personMentions('Principal Wang Min spoke. Hamisi Mwinyi, Tanzania\'s deputy minister of industry, came.', []).map((p) => p.name)).toEqual(['Wang Min', 'Hamisi Mwinyi']);
  });

  test('a delegation named for its province, and a group from a city travelling within it', () => {
    const doc = draftOf('A delegation from Vietnam\'s Quang Ninh province visited Nanning, China, from March 17 to 20. A group from Haiphong, led by Vice-Mayor Le Van Nam, travelled with the provincial delegation.\n\nMembers of the Quang Ninh delegation visit Nanning on March 18. [Photo provided to chinadaily.com.cn]');
    expect(doc.delegations).toHaveLength(2);
    const [province, group] = [doc.delegations.find((d) => d.homeCityKey === null), doc.delegations.find((d) => d.homeCityKey !== null)];
    // The caption's "visit" is no travel: the dates are the text's.
    expect(province).toMatchObject({ name: 'Quang Ninh delegation', startDate: '2024-03-17', endDate: '2024-03-20', countriesVisited: ['CN'] });
    expect(group).toMatchObject({ homeCityKey: 'haiphong', parentKey: province!.key, members: [{ role: 'LEADER' }] });
  });

  test('tours of sites, performances, an exhibition that opened and runs until a day, "the same day", and no future or summary events', () => {
    const doc = draftOf('A delegation from Zhenjiang, China, visited Finland and Kenya, after talks on culture.\n\nIn Tampere on Oct 14, the delegation held talks with the City of Tampere. An exhibition on Zhenjiang\'s crafts, co-organized by the Zhenjiang Museum, opened at Tampere Central Library on Oct 15 and will run until Nov 10. That evening, the Zhenjiang Yangju Opera Troupe performed at Tampere Hall in Tampere.\n\nIn Mombasa, Kenya, on Nov 7, the delegation met the press. The same day, the delegation toured the locomotive depot of Coastline Rail Services Ltd in the port.\n\nThe city would host the Zhenjiang Culture Expo next year.');
    expect(doc.events.map((e) => [e.kind, e.name, e.startDate, e.endDate ?? null, e.cityKey])).toEqual([
      ['TALKS', 'Talks in Tampere', '2024-10-14', null, 'tampere'],
      ['EXHIBITION', 'Exhibition in Tampere', '2024-10-15', '2024-11-10', 'tampere'],
      ['CULTURAL_EXCHANGE', 'Performance of the Zhenjiang Yangju Opera Troupe', '2024-10-15', null, 'tampere'],
      ['OTHER', 'Tour of the locomotive depot of Coastline Rail Services Ltd', '2024-11-07', null, 'mombasa'],
    ]);
    // The day "That evening" refers to is quoted with the sentence.
    const performance = doc.events[2]!;
    expect(performance.evidence.some((q) => q.facts.includes('startDate') && q.quote.startsWith('Oct 15'))).toBe(true);
  });

  test('signings a paragraph puts at an event, "the other four", and none from the opening\'s summary or a caption', () => {
    const doc = draftOf('A delegation from Changsha, China, visited Kenya, signing agreements with African partners.\n\nOn Nov 5, the delegation attended a business forum in Nairobi, Kenya. Five agreements were signed at the forum. Hunan Xiangnong Machinery Co signed a contract with Greenfield Agri Supplies Ltd, while the other four were cooperation agreements between Changsha companies and local enterprises.\n\nExecutives of Hunan Xiangnong Machinery Co and Greenfield Agri Supplies Ltd exchange documents after signing a contract in Nairobi. [Photo provided to chinadaily.com.cn]');
    const forum = doc.events.find((e) => e.kind === 'CONFERENCE')!;
    expect(doc.agreements.map((a) => [a.kind, a.eventKey, a.cityKey, a.signedOn])).toEqual([
      ['CONTRACT', forum.key, 'nairobi', '2024-11-05'],
      ...Array.from({ length: 4 }, () => ['COOPERATION_AGREEMENT', forum.key, 'nairobi', '2024-11-05']),
    ]);
    expect(doc.agreements[1]!.parties.map((p) => [p.description, p.role])).toEqual([['a Changsha company (unnamed)', 'VISITING_PARTY'], ['a local enterprise (unnamed)', 'LOCAL_PARTY']]);
  });

  test('a roundtable, counted letters of intent at it, a "During the visit" signing, and names and numbers of other shapes', () => {
    const doc = draftOf('A 22-member delegation from Milan, Italy, visited Changzhou and Nantong in China and then Laos.\n\nIn Changzhou, the guests toured Changzhou Tianrui Robotics Co, where general manager Xu Feng met them. A roundtable on Italy-China industrial cooperation was held in Changzhou on April 23. Four letters of intent were signed at the roundtable between Italian companies and Changzhou enterprises.\n\nOn April 25, the guests visited the Nantong Economic and Technological Development Area. During the visit, Ferraresi Automazione Srl signed a letter of intent with the Nantong Bureau of Commerce.\n\nThe delegation attended the Gulf Textile Expo 2024 in Dubai, UAE, on Nov 5.');
    expect(doc.countries.map((c) => c.isoCode).sort()).toEqual(['AE', 'CN', 'IT', 'LA']);
    expect(doc.people.map((p) => p.name)).toEqual(['Xu Feng']);
    expect(doc.organizations.map((o) => o.name)).toEqual(expect.arrayContaining(['Ferraresi Automazione Srl', 'Nantong Economic and Technological Development Area']));
    expect(doc.figures.map((f) => [f.value, f.unit])).toContainEqual([22, 'members']);
    const [roundtable, visit] = [doc.events.find((e) => e.kind === 'MEETING' && /roundtable/i.test(e.name))!, doc.events.find((e) => e.name.startsWith('Visit to'))!];
    expect(roundtable).toMatchObject({ cityKey: 'changzhou', startDate: '2024-04-23' });
    expect(doc.agreements.map((a) => [a.eventKey, a.cityKey, a.signedOn])).toEqual([...Array.from({ length: 4 }, () => [roundtable.key, 'changzhou', '2024-04-23']), [visit.key, 'nantong', '2024-04-25']]);
    // The year in the expo's name is not its date.
    expect(doc.events.find((e) => /Expo/.test(e.name))).toMatchObject({ startDate: '2024-11-05' });
  });

  test('small places the text puts something in, and a Chinese name that is also a village is not one', () => {
    const doc = draftOf('The 16-member delegation from Menghai county in China, led by Vice-Mayor Wang Jing, visited Laos from March 4 to 8. Officials from the Menghai Bureau of Agriculture joined it.\n\nThe delegation was received in Luang Namtha on March 5 by Governor Bounmy Phengsavanh. The first training session, held from March 5 to 7, drew 65 farmers. On March 7, the delegation visited a tea cooperative in Muang Sing.');
    expect(doc.cities.map((c) => c.name).sort()).toEqual(['Luang Namtha', 'Menghai', 'Muang Sing']);
    expect(doc.delegations).toHaveLength(1);
    expect(doc.figures.map((f) => [f.value, f.unit])).toContainEqual([16, 'members']);
    expect(doc.events.map((e) => [e.name, e.startDate, e.endDate ?? null, e.cityKey])).toEqual([
      ['Reception by Bounmy Phengsavanh', '2024-03-05', null, 'luang-namtha'],
      ['Training session in Luang Namtha', '2024-03-05', '2024-03-07', 'luang-namtha'],
      ['Visit to a tea cooperative in Muang Sing', '2024-03-07', null, 'muang-sing'],
    ]);
  });

  test('a city and a day carry to the later signings of their paragraph, not to the next paragraph', () => {
    const doc = draftOf('A delegation from Wuxi, China, visited the United Arab Emirates.\n\nThe delegation then travelled to Dubai on Nov 6. Wuxi Kangtai Biopharma Co signed a distribution contract with Emirates MedSupply FZE.\n\nWuxi Jinhe Precision Machinery Co signed a contract with Al Noor Industrial Group.');
    // And so does the day it gave.
    expect(doc.agreements.map((a) => [a.cityKey, a.signedOn])).toEqual([['dubai', '2024-11-06'], [null, null]]);
    // The place is cited from the sentence that says it through the one it is carried to.
    expect(doc.agreements[0]!.evidence.find((q) => q.facts.includes('city'))!.quote).toMatch(/^The delegation then travelled to Dubai on Nov 6\. Wuxi Kangtai/);
  });

  test('signatories, counterparts, members and figures of every kind, on the trade-fair article', () => {
    const gold = tradeFairArticle();
    const doc = draftArticle({ title: gold.article.title, body: gold.article.body, publishedOn: gold.article.updatedOn }).document;
    const people = Object.fromEntries(doc.people.map((p) => [p.name, p.key]));
    expect(doc.delegations[0]!.members).toEqual([{ personKey: people['Wang Hong'], role: 'LEADER' }, { personKey: people['Zhang Min'], role: 'MEMBER' }]);
    expect(doc.agreements[0]).toMatchObject({ kind: 'CONTRACT', signedOn: '2024-10-08', cityKey: 'dusseldorf', signatoryKeys: [people['Wang Hong'], people['Klara Brandt']] });
    expect(doc.events.find((e) => e.kind === 'MEETING')!.counterparts).toEqual([{ organizationKey: null, personKey: people['Gábor Nagy'], role: 'COUNTERPART' }]);
    const figures = doc.figures.map((f) => [f.value, f.upTo ?? null, f.qualifier, f.unit]);
    expect(figures).toEqual(expect.arrayContaining([
      [60, null, 'EXACT', 'representatives'],
      [1500, null, 'MORE_THAN', 'exhibitors'],
      [3_000_000, null, 'APPROXIMATE', 'USD'],
      [2_500_000, null, 'EXACT', 'euros'],
      [20, 30, 'RANGE', 'exchanges'],
    ]));
    expect(doc.figures.find((f) => f.unit === 'euros')!.agreementKey).toBe(doc.agreements[0]!.key);
    // "The Liaocheng enterprises exhibited there from Oct 5 to 7": the days at the fair, not the fair's.
    expect(doc.events.find((e) => e.name === 'Anuga food fair')).toMatchObject({ startDate: '2024-10-05', endDate: '2024-10-09', participants: [{ role: 'EXHIBITOR', attendedFrom: '2024-10-05', attendedTo: '2024-10-07' }] });
  });

  test('images from "[Photo ...]" and "Photo:" captions, with the event they show', () => {
    const doc = draftOf('In Almaty, Kazakhstan, the delegation attended the Almaty Food Expo on May 3.\n\nPhoto: Visitors at the Almaty Food Expo on May 3.\n\nA stand of the delegation. [Photo provided to chinadaily.com.cn]');
    expect(doc.images.map((i) => [i.caption, i.credit ?? null, i.takenOn ?? null])).toEqual([
      ['Visitors at the Almaty Food Expo on May 3.', null, '2024-05-03'],
      ['A stand of the delegation.', 'Photo provided to chinadaily.com.cn', null],
    ]);
    expect(doc.images[0]!.eventKey).toBe(doc.events[0]!.key);
  });

  test('every draft passes the import\'s validation, even of a text the rules read badly', () => {
    for (const body of ['Nothing here.', 'The 2 delegations signed 3 agreements with 4 in Paris.', 'In Central, Friendly, the fair was held. The fair. The delegation. Signed with.', seed.article.body]) {
      expect(() => validateDocument(draftOf(body))).not.toThrow();
    }
  });
});

describe('the seed, drafted', () => {
  test('matches the hand-made seed on its key facts', () => {
    const { document: doc } = draftArticle({ title: seed.article.title, body: seed.article.body, publishedOn: seed.article.updatedOn });
    expect(doc.countries.map((c) => c.isoCode).sort()).toEqual(['CN', 'KG', 'KZ', 'UZ']);
    expect(doc.cities.map((c) => c.key).sort()).toEqual(['astana', 'bishkek', 'liaocheng', 'samarkand', 'tashkent']);
    const liaocheng = doc.delegations.find((d) => d.homeCityKey === 'liaocheng')!;
    expect(liaocheng).toMatchObject({ name: 'Liaocheng delegation', startDate: '2023-09-02', endDate: '2023-09-09', countriesVisited: ['KZ', 'UZ', 'KG'] });
    expect(doc.delegations.find((d) => d.key === liaocheng.parentKey)).toMatchObject({ organizationKey: 'shandong-provincial-government', startDate: null });
    const events = doc.events.map((e) => [e.cityKey, e.kind, e.startDate ?? null]);
    expect(events).toEqual(expect.arrayContaining([
      ['samarkand', 'EXHIBITION', '2023-09-06'],
      ['tashkent', 'EXHIBITION', '2023-09-05'],
      ['tashkent', 'CONFERENCE', null],
      ['tashkent', 'BUSINESS_PROMOTION', null],
      ['astana', 'COOPERATION_EVENT', null],
      ['bishkek', 'MEETING', null],
    ]));
    expect(doc.agreements.map((a) => a.cityKey).sort()).toEqual(['astana', 'astana', 'tashkent']);
    expect(doc.images.map((i) => [i.credit, i.takenOn ?? null])).toEqual([['Photo provided to', '2023-09-06'], ['Photo provided to', '2023-09-05'], ['Photo provided to', null]]);
    expect(doc.figures.map((f) => [f.value, f.unit])).toEqual([[3, 'countries'], [2, 'companies']]);
    // Every quote is the body's text at its offsets.
    for (const section of ['countries', 'cities', 'organizations', 'delegations', 'events', 'agreements', 'images', 'figures'] as const) {
      for (const record of doc[section]) for (const q of record.evidence) expect(seed.article.body.slice(q.start!, q.end!)).toBe(q.quote);
    }
  });
});

const EDITOR = 'dg_editor-token-for-draft-tests';
const DRAFT = `mutation Draft($input: ArticleDraftInput!) { articleDraft(input: $input) { document notes { section key message quote start end } userErrors { path message code } } }`;
const IMPORT = `mutation Import($input: ArticleDocumentInput!) { articleImport(input: $input) { status article { slug } userErrors { path message code } } }`;

describe('articleDraft', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seed: false, apiKeys: [{ keyId: 'editor1', role: 'editor', sha256: sha256(EDITOR) }] });
  });
  afterAll(() => server.close());
  const input = { title: seed.article.title, body: seed.article.body, publishedOn: seed.article.updatedOn, url: 'https://example.org/liaocheng' };

  test('needs an editor key, and writes nothing', async () => {
    const before = await snapshot(server.db);
    const anonymous = await server.request(DRAFT, { input });
    expect(anonymous.status).toBe(401);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const wrong = await server.request(DRAFT, { input }, { token: 'dg_not-a-key' });
    expect(wrong.status).toBe(401);
    const drafted = await server.request<any>(DRAFT, { input }, { token: EDITOR });
    expect(drafted.errors).toBeUndefined();
    expect(drafted.data.articleDraft.document.events.length).toBeGreaterThan(5);
    expect(await snapshot(server.db)).toEqual(before);
  });

  test('its document imports as it is, and reads back with its evidence', async () => {
    const drafted = await server.request<any>(DRAFT, { input }, { token: EDITOR });
    const { document, notes } = drafted.data.articleDraft;
    expect(notes.every((n: any) => input.body.slice(n.start, n.end) === n.quote)).toBe(true);
    const imported = await server.request<any>(IMPORT, { input: document }, { token: EDITOR });
    expect(imported.data.articleImport).toMatchObject({ status: 'CREATED', article: { slug: 'liaocheng-delegation-visits-central-asia' }, userErrors: [] });
    const read = await server.query<any>(`{ article(slug: "liaocheng-delegation-visits-central-asia") { evidence { quote record { __typename } } } delegations(first: 10) { edges { node { name startDate endDate } } } }`);
    expect(read.delegations.edges.map((e: any) => e.node)).toContainEqual({ name: 'Liaocheng delegation', startDate: '2023-09-02', endDate: '2023-09-09' });
    expect(read.article.evidence.some((e: any) => e.record.__typename === 'Agreement' && /Two companies from Liaocheng/.test(e.quote))).toBe(true);
  });

  test('bad input gets userErrors at its path and no document', async () => {
    const bad = await server.request<any>(DRAFT, { input: { ...input, title: '  ', body: ' \n ', url: 'not a url' } }, { token: EDITOR });
    expect(bad.errors).toBeUndefined();
    expect(bad.data.articleDraft.document).toBeNull();
    expect(bad.data.articleDraft.userErrors.map((e: any) => [e.path.join('.'), e.code])).toEqual([['input.title', 'INVALID_VALUE'], ['input.body', 'INVALID_VALUE'], ['input.url', 'INVALID_VALUE']]);
    // Longer than one article (the HTTP limit stops it first, unless MAX_BODY_BYTES is raised).
    const long = draftFromInput({ ...input, body: 'The delegation visited Astana. '.repeat(3300) });
    expect(long.userErrors).toEqual([expect.objectContaining({ path: ['input', 'body'], code: 'INVALID_VALUE', message: expect.stringMatching(/at most 100000/) })]);
    const date = await server.request<any>(DRAFT, { input: { ...input, publishedOn: '2023-02-30' } }, { token: EDITOR });
    expect(date.status).toBe(400);
    expect(date.errors?.[0]?.message).toMatch(/YYYY-MM-DD/);
  });
});

describe('npm run draft', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'delegation-graph-draft-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts', 'draft.ts'), ...args], { cwd: projectRoot, encoding: 'utf8' });

  test('drafts a text file to a document the import command accepts', () => {
    const file = path.join(dir, 'article.txt');
    writeFileSync(file, seed.article.body);
    const out = path.join(dir, 'draft.json');
    const drafted = run(file, '--published-on', '2023-09-15', '--out', out);
    expect(drafted.status).toBe(0);
    expect(drafted.stderr).toMatch(/drafted 4 countries, 5 cities/);
    const document = JSON.parse(readFileSync(out, 'utf8'));
    expect(document.article.title).toBe('Liaocheng delegation visits Central Asia');
    const check = spawnSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts', 'import.ts'), '--check', out], { cwd: projectRoot, encoding: 'utf8' });
    expect(check.stdout).toMatch(/valid/);
    expect(check.status).toBe(0);
  });

  test('says what is wrong with its arguments', () => {
    expect(run().status).toBe(2);
    const missing = run(path.join(dir, 'nowhere.txt'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/cannot read the article/);
    expect(run(path.join(dir, 'nowhere.txt'), '--published-on', 'yesterday').stderr).toMatch(/YYYY-MM-DD/);
  });
});
