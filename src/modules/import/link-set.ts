import type { LinkSet } from './rows.js';

/** A link set with its link type checked, stored beside sets of other link types. */
export function linkSet<Item, L>(set: LinkSet<Item, L>): LinkSet<Item> {
  // One array holds the sets of a record (participations, organizers, counterparts); each set's functions agree on L.
  return set as unknown as LinkSet<Item>;
}
