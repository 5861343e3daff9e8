import { checkRange, countryCodeArg } from '../../shared/filters.js';
import { idOf } from '../../shared/global-id.js';
import type { DelegationFilter } from './delegation.args.js';

/** A delegation filter, checked; `id` narrows to one delegation (the stats' `delegationId`). */
export interface DelegationCriteria {
  id?: number;
  countryCode?: string;
  articleId?: number;
  from?: string | null;
  to?: string | null;
}

/** Checks a delegation filter before any I/O. */
export function delegationCriteria(filter: DelegationFilter | null | undefined, path: readonly string[] = ['filter']): DelegationCriteria {
  checkRange(filter, path);
  if (!filter) return {};
  return {
    ...(filter.countryCode != null && { countryCode: countryCodeArg(filter.countryCode, [...path, 'countryCode']) }),
    ...(filter.articleId != null && { articleId: idOf('Article', filter.articleId, [...path, 'articleId']) }),
    from: filter.from,
    to: filter.to,
  };
}
