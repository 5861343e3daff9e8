import type { Prisma } from '../../generated/prisma/client.js';
import type { LinkChange, Row } from './rows.js';

// What a write changed: counted by kind for the import report, and one audit row per record with its
// state before and after. Shared by the import's writer and the edit engine.

export interface EntityChanges {
  created: number;
  updated: number;
  deleted: number;
}

/** The GraphQL type each written entity is audited under; link rows and evidence are part of their owners. */
const auditedEntities: Record<string, string> = {
  articles: 'Article',
  referenceSources: 'ReferenceSource',
  countries: 'Country',
  cities: 'City',
  organizations: 'Organization',
  delegations: 'Delegation',
  events: 'Event',
  agreements: 'Agreement',
  images: 'Image',
  people: 'Person',
  figures: 'Figure',
};
/** Entities with a version column: every change to one of them increments it. */
const versioned = new Set(['organizations', 'people', 'delegations', 'events', 'agreements', 'images', 'figures']);

/** A row as JSON for the audit log: keys sorted, dates as ISO text. */
function snapshot(row: Record<string, unknown>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => a.localeCompare(b))));
}

const noLinks: LinkChange = { before: {}, after: {}, changed: false };

export class ChangeLog {
  readonly changes: Record<string, EntityChanges> = {};
  readonly audit: Prisma.AuditEntryCreateManyInput[] = [];

  constructor(private readonly actor: string) {}

  record(entity: string, action: 'CREATE' | 'UPDATE' | 'DELETE', entityId: number, before: Record<string, unknown> | null, after: Record<string, unknown> | null) {
    const type = auditedEntities[entity];
    if (!type) return;
    this.audit.push({ actor: this.actor, action, entity: type, entityId, before: before && snapshot(before), after: after && snapshot(after) });
  }

  count(entity: string, change: keyof EntityChanges, by = 1) {
    if (by === 0) return;
    this.changes[entity] ??= { created: 0, updated: 0, deleted: 0 };
    this.changes[entity][change] += by;
  }

  /**
   * Creates the row, updates it when a field differs (incrementing its version), or leaves it alone.
   * Returns the row as written (`found` when nothing changed).
   */
  async put(
    entity: string,
    found: Row | null | undefined,
    data: Record<string, unknown>,
    ops: { create: (args: { data: Record<string, unknown> }) => Promise<Row>; update: (args: { where: { id: number }; data: Record<string, unknown> }) => Promise<Row> },
    links: LinkChange = noLinks,
  ): Promise<Row> {
    if (!found) {
      this.count(entity, 'created');
      const row = await ops.create({ data });
      this.record(entity, 'CREATE', row.id, null, { ...row, ...links.after });
      return row;
    }
    const differs = Object.entries(data).some(([field, value]) => (found[field] ?? null) !== (value ?? null));
    if (!differs && !links.changed) return found;
    this.count(entity, 'updated');
    const bump = versioned.has(entity) ? { version: { increment: 1 } } : {};
    const row = await ops.update({ where: { id: found.id }, data: { ...data, ...bump } });
    const before = Object.fromEntries(Object.keys(row).map((field) => [field, found[field]]));
    this.record(entity, 'UPDATE', found.id, { ...before, ...links.before }, { ...row, ...links.after });
    return row;
  }
}

/** A Prisma delegate's create and update, as `ChangeLog.put` calls them. */
export function writes(delegate: unknown): Parameters<ChangeLog['put']>[3] {
  // Each delegate's argument types are specific to its model; put passes only that model's fields.
  return delegate as Parameters<ChangeLog['put']>[3];
}
