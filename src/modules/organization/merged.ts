import type { Tx } from '../../db/write-lock.js';
import type { Organization } from '../../generated/prisma/client.js';

// A merged organization's ID keeps meaning something: the survivor it was merged into (organization.merge.ts).

/** The organization a merged ID now stands for: the survivor of its merge (followed through later merges); null if none. */
export async function survivorOf(tx: Pick<Tx, 'organizationMerge' | 'organization'>, id: number): Promise<Organization | null> {
  const seen = new Set<number>();
  for (let current = id; !seen.has(current); ) {
    seen.add(current);
    const row = await tx.organization.findUnique({ where: { id: current } });
    if (row) return row;
    const merge = await tx.organizationMerge.findFirst({ where: { mergedId: current, undoneAt: null }, orderBy: { id: 'desc' } });
    if (!merge) return null;
    current = merge.survivorId;
  }
  return null;
}
