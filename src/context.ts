import type { Db } from './db/client.js';
import type { Claim, Evidence } from './generated/prisma/client.js';
import type { Viewer } from './shared/auth.js';
import type DataLoader from 'dataloader';
import { byId, groupedBy } from './shared/loaders.js';
import { peopleLoaders } from './modules/person/person.loaders.js';
import type { LiveSession } from './modules/live/live.service.js';

export type ClaimSubjectColumn = 'countryId' | 'cityId' | 'organizationId' | 'personId';
export type EvidenceSubject = 'delegationId' | 'eventId' | 'agreementId' | 'imageId' | 'organizationId' | 'cityId' | 'countryId' | 'personId' | 'figureId';

/**
 * Per-request loaders: every by-id lookup and every relation is batched, so the number of SQL statements
 * depends on the shape of a query, not on how many records it returns. New for every request, so no
 * request sees another's cache.
 */
export function createLoaders(db: Db) {
  const evidenceBy = (subject: EvidenceSubject) =>
    groupedBy(
      (ids: number[]) => db.evidence.findMany({ where: { [subject]: { in: ids } }, orderBy: [{ articleId: 'asc' }, { start: 'asc' }, { id: 'asc' }] }),
      (row: Evidence) => row[subject]!,
    );
  const claimsBy = (subject: ClaimSubjectColumn) =>
    groupedBy(
      (ids: number[]) => db.claim.findMany({ where: { [subject]: { in: ids } }, orderBy: [{ articleId: 'asc' }, { id: 'asc' }] }),
      (row: Claim) => row[subject]!,
    );
  return {
    article: byId((ids) => db.article.findMany({ where: { id: { in: ids } } })),
    delegation: byId((ids) => db.delegation.findMany({ where: { id: { in: ids } } })),
    event: byId((ids) => db.event.findMany({ where: { id: { in: ids } } })),
    agreement: byId((ids) => db.agreement.findMany({ where: { id: { in: ids } } })),
    image: byId((ids) => db.image.findMany({ where: { id: { in: ids } } })),
    organization: byId((ids) => db.organization.findMany({ where: { id: { in: ids } } })),
    city: byId((ids) => db.city.findMany({ where: { id: { in: ids } } })),
    country: byId((ids) => db.country.findMany({ where: { id: { in: ids } } })),
    referenceSource: byId((ids) => db.referenceSource.findMany({ where: { id: { in: ids } } })),
    person: byId((ids) => db.person.findMany({ where: { id: { in: ids } } })),
    figure: byId((ids) => db.figure.findMany({ where: { id: { in: ids } } })),
    ...peopleLoaders(db),

    visitsByDelegation: groupedBy(
      (ids: number[]) => db.delegationVisit.findMany({ where: { delegationId: { in: ids } }, orderBy: { position: 'asc' } }),
      (visit) => visit.delegationId,
    ),
    childrenByDelegation: groupedBy(
      (ids: number[]) => db.delegation.findMany({ where: { parentId: { in: ids } }, orderBy: { id: 'asc' } }),
      (child) => child.parentId!,
    ),
    participationsByDelegation: groupedBy(
      (ids: number[]) => db.eventParticipation.findMany({ where: { delegationId: { in: ids } }, orderBy: { eventId: 'asc' } }),
      (participation) => participation.delegationId,
    ),
    participationsByEvent: groupedBy(
      (ids: number[]) => db.eventParticipation.findMany({ where: { eventId: { in: ids } }, orderBy: { delegationId: 'asc' } }),
      (participation) => participation.eventId,
    ),
    organizersByEvent: groupedBy(
      (ids: number[]) => db.eventOrganizer.findMany({ where: { eventId: { in: ids } }, orderBy: { organizationId: 'asc' } }),
      (organizer) => organizer.eventId,
    ),
    agreementsByEvent: groupedBy(
      (ids: number[]) => db.agreement.findMany({ where: { eventId: { in: ids } }, orderBy: { id: 'asc' } }),
      (agreement) => agreement.eventId!,
    ),
    imagesByEvent: groupedBy(
      (ids: number[]) => db.image.findMany({ where: { eventId: { in: ids } }, orderBy: [{ articleId: 'asc' }, { position: 'asc' }] }),
      (image) => image.eventId!,
    ),
    partiesByAgreement: groupedBy(
      (ids: number[]) => db.agreementParty.findMany({ where: { agreementId: { in: ids } }, orderBy: { position: 'asc' } }),
      (party) => party.agreementId,
    ),
    citiesByCountry: groupedBy(
      (ids: number[]) => db.city.findMany({ where: { countryId: { in: ids } }, orderBy: { name: 'asc' } }),
      (city) => city.countryId,
    ),
    /**
     * Nested connections (a page of each parent's list), one loader per list and arguments: every parent
     * asking for the same page with the same arguments is served by one batch (see paginateGroups).
     */
    connections: new Map<string, DataLoader<number, unknown>>(),
    evidence: {
      delegationId: evidenceBy('delegationId'),
      eventId: evidenceBy('eventId'),
      agreementId: evidenceBy('agreementId'),
      imageId: evidenceBy('imageId'),
      organizationId: evidenceBy('organizationId'),
      cityId: evidenceBy('cityId'),
      countryId: evidenceBy('countryId'),
      personId: evidenceBy('personId'),
      figureId: evidenceBy('figureId'),
    } satisfies Record<EvidenceSubject, unknown>,
    /** Every quote of an article, in the order of the text. */
    articleEvidence: groupedBy(
      (ids: number[]) => db.evidence.findMany({ where: { articleId: { in: ids } }, orderBy: [{ start: 'asc' }, { end: 'desc' }, { id: 'asc' }] }),
      (row: Evidence) => row.articleId,
    ),
    claims: {
      countryId: claimsBy('countryId'),
      cityId: claimsBy('cityId'),
      organizationId: claimsBy('organizationId'),
      personId: claimsBy('personId'),
    } satisfies Record<ClaimSubjectColumn, unknown>,
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

export interface Context {
  db: Db;
  loaders: Loaders;
  /** The API key the request authenticated with; null when it sent none (reads are public). */
  viewer: Viewer | null;
  /** The HTTP request's id and what the request log line says of it (absent outside HTTP). */
  trace?: { id: string; operation?: string | null; errorLogged?: boolean };
  /** A WebSocket connection's subscriptions (absent over HTTP). */
  live?: LiveSession;
}

export function createContext(db: Db, viewer: Viewer | null = null): Context {
  return { db, loaders: createLoaders(db), viewer };
}
