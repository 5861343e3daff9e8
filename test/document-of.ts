// A test helper: the service itself never rebuilds an article's document (edits touch one record).
import type { Db } from '../src/db/client.js';
import type { Evidence, Prisma } from '../src/generated/prisma/client.js';
import type { ArticleDocument, EvidenceInput } from '../src/modules/import/document.js';

type Reader = Db | Prisma.TransactionClient;

/** Document keys for the shared records, which the database keys by id (documents refer by key). */
const cityKey = (id: number) => `city-${id}`;
const organizationKey = (id: number) => `organization-${id}`;

/**
 * The article as a document, rebuilt from the database: what importing it would write is what is
 * there. Tests validate rows written without the importer (the synthetic bulk writer) through it.
 */
export async function documentOf(db: Reader, articleId: number): Promise<ArticleDocument> {
  const article = await db.article.findUniqueOrThrow({ where: { id: articleId } });
  // Version 1, as the synthetic bulk writer writes it: people, counterparts and figures are left out.
  const [evidence, delegations, events, agreements, images] = await Promise.all([
    db.evidence.findMany({ where: { articleId }, orderBy: [{ start: 'asc' }, { id: 'asc' }] }),
    db.delegation.findMany({ where: { articleId }, include: { visits: { orderBy: { position: 'asc' } } }, orderBy: { id: 'asc' } }),
    db.event.findMany({ where: { articleId }, include: { participations: true, organizers: true }, orderBy: { id: 'asc' } }),
    db.agreement.findMany({ where: { articleId }, include: { parties: { orderBy: { position: 'asc' } } }, orderBy: { id: 'asc' } }),
    db.image.findMany({ where: { articleId }, orderBy: { position: 'asc' } }),
  ]);
  // What this article says about shared records (its claims): the names as it gives them, an organization's kind and city.
  const claims = await db.claim.findMany({ where: { articleId } });
  const claimed = (subject: 'countryId' | 'cityId' | 'organizationId', id: number, field: string) => {
    const found = claims.find((c) => c[subject] === id && c.field === field);
    return found ? (JSON.parse(found.value) as unknown) : undefined;
  };
  const quotes = (subject: keyof Evidence, id: number): EvidenceInput[] =>
    evidence
      .filter((item) => item[subject] === id)
      .map(({ quote, start, end, facts }) => ({ quote, start, end, facts: facts.split(' ').filter(Boolean) }));

  // The shared records the document lists: those its quotes cite and those its records refer to.
  const cityIds = new Set<number>([
    ...evidence.flatMap((e) => (e.cityId == null ? [] : [e.cityId])),
    ...[...delegations.map((d) => d.homeCityId), ...events.map((e) => e.cityId), ...agreements.map((a) => a.cityId), ...images.map((i) => i.cityId)]
      .filter((id): id is number => id != null),
  ]);
  const organizationIds = new Set<number>([
    ...evidence.flatMap((e) => (e.organizationId == null ? [] : [e.organizationId])),
    ...delegations.flatMap((d) => (d.organizationId == null ? [] : [d.organizationId])),
    ...events.flatMap((e) => e.organizers.map((o) => o.organizationId)),
    ...agreements.flatMap((a) => a.parties.flatMap((p) => (p.organizationId == null ? [] : [p.organizationId]))),
  ]);
  const [cities, organizations] = await Promise.all([
    db.city.findMany({ where: { id: { in: [...cityIds] } }, orderBy: { id: 'asc' } }),
    db.organization.findMany({ where: { id: { in: [...organizationIds] } }, orderBy: { id: 'asc' } }),
  ]);
  for (const org of organizations) if (org.cityId != null && !cityIds.has(org.cityId)) cityIds.add(org.cityId);
  const allCities = cityIds.size > cities.length ? await db.city.findMany({ where: { id: { in: [...cityIds] } }, orderBy: { id: 'asc' } }) : cities;

  const countryIds = new Set<number>([
    ...evidence.flatMap((e) => (e.countryId == null ? [] : [e.countryId])),
    ...delegations.flatMap((d) => d.visits.map((v) => v.countryId)),
    ...[...events, ...agreements, ...images].flatMap((r) => (r.countryId == null ? [] : [r.countryId])),
    ...allCities.map((c) => c.countryId),
    ...organizations.map((o) => o.countryId),
  ]);
  const countries = await db.country.findMany({ where: { id: { in: [...countryIds] } }, orderBy: { id: 'asc' } });
  const code = new Map(countries.map((c) => [c.id, c.isoCode]));
  const codeOf = (id: number | null) => (id == null ? null : code.get(id)!);
  const sources = await db.referenceSource.findMany({
    where: { id: { in: [...new Set([...countries, ...allCities].map((r) => r.referenceSourceId))] } },
    orderBy: { id: 'asc' },
  });
  const sourceKey = new Map(sources.map((s) => [s.id, s.key]));
  const delegationKey = new Map(delegations.map((d) => [d.id, d.key]));
  const eventKey = new Map(events.map((e) => [e.id, e.key]));
  const keyOf = <T>(map: Map<number, T>, id: number | null) => (id == null ? null : map.get(id)!);

  return {
    version: 1,
    article: {
      slug: article.slug,
      title: article.title,
      body: article.body,
      source: article.source,
      url: article.url,
      updatedOn: article.updatedOn,
      language: article.language,
    },
    referenceSources: sources.map(({ key, name, url }) => ({ key, name, url })),
    countries: countries.map((c) => ({ isoCode: c.isoCode, name: (claimed('countryId', c.id, 'name') as string | undefined) ?? c.name, referenceSource: sourceKey.get(c.referenceSourceId)!, evidence: quotes('countryId', c.id) })),
    cities: allCities.map((c) => ({
      key: cityKey(c.id),
      name: (claimed('cityId', c.id, 'name') as string | undefined) ?? c.name,
      countryCode: code.get(c.countryId)!,
      unlisted: false,
      isCapital: c.isCapital,
      latitude: c.latitude,
      longitude: c.longitude,
      referenceSource: sourceKey.get(c.referenceSourceId)!,
      evidence: quotes('cityId', c.id),
    })),
    organizations: organizations.map((o) => ({
      key: organizationKey(o.id),
      name: (claimed('organizationId', o.id, 'name') as string | undefined) ?? o.name,
      kind: (claimed('organizationId', o.id, 'kind') as typeof o.kind | undefined) ?? o.kind,
      countryCode: code.get(o.countryId)!,
      cityKey: o.cityId == null ? null : cityKey(o.cityId),
      evidence: quotes('organizationId', o.id),
    })),
    delegations: delegations.map((d) => ({
      key: d.key,
      name: d.name,
      nameIsQuoted: d.nameIsQuoted,
      description: d.description,
      homeCityKey: d.homeCityId == null ? null : cityKey(d.homeCityId),
      organizationKey: d.organizationId == null ? null : organizationKey(d.organizationId),
      parentKey: keyOf(delegationKey, d.parentId),
      startDate: d.startDate,
      endDate: d.endDate,
      countriesVisited: d.visits.map((v) => code.get(v.countryId)!),
      members: [],
      evidence: quotes('delegationId', d.id),
    })),
    events: events.map((e) => ({
      key: e.key,
      name: e.name,
      nameIsQuoted: e.nameIsQuoted,
      kind: e.kind,
      description: e.description,
      startDate: e.startDate,
      endDate: e.endDate,
      cityKey: e.cityId == null ? null : cityKey(e.cityId),
      countryCode: codeOf(e.countryId),
      participants: e.participations
        .sort((a, b) => a.delegationId - b.delegationId)
        .map((p) => ({ delegationKey: delegationKey.get(p.delegationId)!, role: p.role })),
      organizerKeys: e.organizers.map((o) => organizationKey(o.organizationId)),
      peopleKeys: [],
      counterparts: [],
      evidence: quotes('eventId', e.id),
    })),
    agreements: agreements.map((a) => ({
      key: a.key,
      title: a.title,
      titleIsQuoted: a.titleIsQuoted,
      kind: a.kind,
      description: a.description,
      signedOn: a.signedOn,
      eventKey: keyOf(eventKey, a.eventId),
      cityKey: a.cityId == null ? null : cityKey(a.cityId),
      countryCode: codeOf(a.countryId),
      parties: a.parties.map((p) => ({
        organizationKey: p.organizationId == null ? null : organizationKey(p.organizationId),
        description: p.description,
        role: p.role,
      })),
      signatoryKeys: [],
      evidence: quotes('agreementId', a.id),
    })),
    images: images.map((i) => ({
      key: i.key,
      position: i.position,
      caption: i.caption,
      credit: i.credit,
      takenOn: i.takenOn,
      url: i.url,
      cityKey: i.cityId == null ? null : cityKey(i.cityId),
      countryCode: codeOf(i.countryId),
      eventKey: keyOf(eventKey, i.eventId),
      evidence: quotes('imageId', i.id),
    })),
    // Version 1: the synthetic writer writes no people or figures.
    people: [],
    figures: [],
  };
}
