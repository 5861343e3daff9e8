import type { Tx } from '../../db/write-lock.js';
import { keyWords, organizationKey } from '../../shared/names.js';

// Entity resolution for organizations. Two names are one organization when their match keys are equal
// (folded, punctuation and legal forms dropped: "Sinoglory Health Food Co" = "Sinoglory Health Food Co.,
// Ltd.") within one country, comparing every name any article has given it. A closer call is never merged:
// it is reported as a possible duplicate, for an editor to merge or leave.

export interface PossibleDuplicate {
  /** The organization the import created. */
  organizationId: number;
  name: string;
  /** The existing organization it resembles. */
  similarId: number;
  similarName: string;
  reason: string;
}

/** Share of the shorter key's words the longer one has too, at which two names are reported as possibly one. */
const SIMILARITY = 0.6;

interface Known {
  id: number;
  names: string[];
}

/** The organizations of each country the import touches, with all their names, read once per country. */
export class OrganizationIndex {
  private readonly byCountry = new Map<number, Known[]>();

  constructor(private readonly tx: Tx) {}

  private async load(countryId: number): Promise<Known[]> {
    let known = this.byCountry.get(countryId);
    if (!known) {
      const rows = await this.tx.organization.findMany({
        where: { countryId },
        select: { id: true, name: true, claims: { where: { field: 'name' }, select: { value: true } } },
      });
      known = rows.map((row) => ({ id: row.id, names: [row.name, ...row.claims.map((c) => JSON.parse(c.value) as string)] }));
      this.byCountry.set(countryId, known);
    }
    return known;
  }

  /**
   * The organization of this country that has this name, else one of whose names has the same match key
   * (the lowest id, when a database from before the keys holds two spellings as two organizations).
   */
  async match(countryId: number, name: string) {
    const key = organizationKey(name);
    const known = await this.load(countryId);
    const found = known.find((org) => org.names.includes(name)) ?? known.find((org) => org.names.some((n) => organizationKey(n) === key));
    return found ? this.tx.organization.findUnique({ where: { id: found.id } }) : null;
  }

  /** Remembers a name the import gave an organization, so a later record of the same import matches it. */
  add(countryId: number, id: number, name: string) {
    const known = this.byCountry.get(countryId) ?? [];
    const entry = known.find((org) => org.id === id);
    if (entry) entry.names.push(name);
    else known.push({ id, names: [name] });
    this.byCountry.set(countryId, known);
  }

  /** Existing organizations of the country whose names share most words with `name`. */
  async similar(countryId: number, name: string, createdId: number): Promise<PossibleDuplicate[]> {
    const words = keyWords(organizationKey(name));
    const found: PossibleDuplicate[] = [];
    for (const org of await this.load(countryId)) {
      if (org.id === createdId) continue;
      const best = org.names.map((n) => ({ n, share: overlap(words, keyWords(organizationKey(n))) })).sort((a, b) => b.share - a.share)[0];
      if (best && best.share >= SIMILARITY) {
        found.push({ organizationId: createdId, name, similarId: org.id, similarName: best.n, reason: `${Math.round(best.share * 100)}% of the words of the shorter name are in the other` });
      }
    }
    return found;
  }
}

function overlap(a: Set<string>, b: Set<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const word of small) if (large.has(word)) shared++;
  return small.size === 0 ? 0 : shared / small.size;
}
