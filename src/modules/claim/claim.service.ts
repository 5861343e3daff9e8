import type { Claim as ClaimRow } from '../../generated/prisma/client.js';
import { toGlobalId } from '../../shared/global-id.js';

// Claims as the API shows them: stored values are JSON; a claim on `city` holds a city's id.

export interface ClaimView {
  row: ClaimRow;
  field: string;
  value: string;
}

/** A stored claim value (JSON) as the API shows it: text, or a global ID for a reference. */
export function claimText(field: string, json: string): string {
  const parsed: unknown = JSON.parse(json);
  return field === 'city' && typeof parsed === 'number' ? toGlobalId('City', parsed) : String(parsed);
}

export function claimView(row: ClaimRow): ClaimView {
  return { row, field: row.field, value: claimText(row.field, row.value) };
}

export interface Conflict {
  field: string;
  /** The value shown: the earliest claim's. */
  shown: string;
  claims: ClaimView[];
}

/** The claims of one record (earliest first) on the fields where they disagree; names are variants, not conflicts. */
export function conflictsAmong(rows: ClaimRow[]): Conflict[] {
  const byField = new Map<string, ClaimRow[]>();
  for (const row of rows) byField.set(row.field, [...(byField.get(row.field) ?? []), row]);
  return [...byField.entries()]
    .filter(([field, group]) => field !== 'name' && new Set(group.map((c) => c.value)).size > 1)
    .map(([field, group]) => ({ field, shown: claimView(group[0]!).value, claims: group.map(claimView) }));
}
