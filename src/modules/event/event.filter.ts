import type { EventKind } from '../../generated/prisma/enums.js';
import { checkRange, countryCodeArg } from '../../shared/filters.js';
import { idOf } from '../../shared/global-id.js';
import type { EventFilter } from './event.args.js';

/** An event filter, checked: codes normalised, IDs decoded. */
export interface EventCriteria {
  countryCode?: string;
  cityId?: number;
  kind?: EventKind;
  articleId?: number;
  delegationId?: number;
  from?: string | null;
  to?: string | null;
}

/**
 * Checks an event filter before any I/O; `path` locates it in the request for errors (`['filter']`, or
 * `[]` for query parameters).
 */
export function eventCriteria(filter: EventFilter | null | undefined, path: readonly string[] = ['filter']): EventCriteria {
  checkRange(filter, path);
  if (!filter) return {};
  return {
    ...(filter.countryCode != null && { countryCode: countryCodeArg(filter.countryCode, [...path, 'countryCode']) }),
    ...(filter.cityId != null && { cityId: idOf('City', filter.cityId, [...path, 'cityId']) }),
    ...(filter.kind != null && { kind: filter.kind }),
    ...(filter.articleId != null && { articleId: idOf('Article', filter.articleId, [...path, 'articleId']) }),
    ...(filter.delegationId != null && { delegationId: idOf('Delegation', filter.delegationId, [...path, 'delegationId']) }),
    from: filter.from,
    to: filter.to,
  };
}
