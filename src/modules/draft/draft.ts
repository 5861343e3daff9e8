import type { ArticleDocument } from '../import/document.js';
import { agreementRecords } from './agreements.js';
import { delegationRecords } from './delegations.js';
import { organizationRecords, personRecords, placeRecords, type EntityIndex } from './entities.js';
import { eventRecords } from './events.js';
import { figureRecords } from './figures.js';
import { venueNoun } from './places.js';
import { imageRecords } from './images.js';
import { prune, type DraftDocument } from './prune.js';
import { headerDate, readArticle } from './reading.js';
import { scenesOf } from './scene.js';
import { emptyRecords, slug, type DraftNote, type DraftRecords } from './workspace.js';

// From an article's text to a version-2 import document: read the text once, make the records rule by rule
// (places and names first, then delegations, events, agreements, images and figures that refer to them), and
// let the import's own validation take out what it would refuse. Pure: no database, no network.

export interface ArticleText {
  title: string;
  body: string;
  url?: string | null;
  /** 'YYYY-MM-DD'; years the text leaves out are read from it. */
  publishedOn?: string | null;
  language?: string | null;
  source?: string | null;
}

export interface ArticleDraft {
  document: ArticleDocument;
  notes: (DraftNote & { quote: string })[];
}

function assemble(text: ArticleText, updatedOn: string | null, records: DraftRecords): DraftDocument {
  const { body } = text;
  const quoted = <T extends { evidence: { start: number; end: number; facts: string[] }[] }>(rows: T[]) =>
    rows.map((row) => ({ ...row, evidence: row.evidence.map((q) => ({ quote: body.slice(q.start, q.end), start: q.start, end: q.end, facts: q.facts })) }));
  return {
    version: 2,
    article: { slug: slug(text.title), title: text.title.trim(), body, source: text.source ?? null, url: text.url ?? null, updatedOn, language: text.language ?? 'en' },
    referenceSources: [],
    countries: quoted(records.countries),
    cities: quoted(records.cities),
    organizations: quoted(records.organizations),
    people: quoted(records.people),
    delegations: quoted(records.delegations),
    events: quoted(records.events),
    agreements: quoted(records.agreements),
    images: quoted(records.images),
    figures: quoted(records.figures),
  } as unknown as DraftDocument;
}

export function draftArticle(text: ArticleText): ArticleDraft {
  const notes: DraftNote[] = [];
  const found = headerDate(text.body);
  const referenceDate = text.publishedOn ?? found;
  if (!text.publishedOn && found) notes.push({ section: 'article', key: null, start: text.body.indexOf(found), end: text.body.indexOf(found) + found.length, message: `no publishedOn was given; the draft took the article's date, ${found}, from its "Updated" line` });
  if (!referenceDate) notes.push({ section: 'article', key: null, start: 0, end: 0, message: 'the article has no date: dates without a year ("Sept 2") are left out; give publishedOn to keep them' });
  const reading = readArticle(text.body, referenceDate);
  const records = emptyRecords();
  const cityKeyAt = placeRecords(reading, records, notes);
  const index: EntityIndex = { cityKeyAt, organizationAt: [], personAt: [] };
  index.organizationAt = organizationRecords(reading, records, notes, cityKeyAt);
  index.personAt = personRecords(reading, records, notes, index.organizationAt);
  // A city at the start of a building's name still places the action: "at Tampere City Hall" is in Tampere.
  const scenes = scenesOf(reading, index.organizationAt.filter((o) => !venueNoun.test(records.organizations.find((r) => r.key === o.key)!.name)).map((o) => o.span));
  const delegations = delegationRecords(reading, index, records, notes);
  const events = eventRecords(reading, index, records, scenes, delegations, notes);
  const agreements = agreementRecords(reading, index, records, scenes, delegations, events, notes);
  imageRecords(reading, index, records, scenes, events);
  figureRecords(reading, index, records, delegations, events, agreements, notes);
  const document = prune(assemble(text, referenceDate, records), notes);
  return {
    document,
    notes: notes.sort((a, b) => a.start - b.start).map((n) => ({ ...n, quote: text.body.slice(n.start, n.end) })),
  };
}
