import type { AgreementKind } from '../../generated/prisma/enums.js';
import { checkRange, countryCodeArg } from '../../shared/filters.js';
import { idOf } from '../../shared/global-id.js';
import type { AgreementFilter } from './agreement.args.js';

/** An agreement filter, checked: codes normalised, IDs decoded. */
export interface AgreementCriteria {
  countryCode?: string;
  cityId?: number;
  organizationId?: number;
  kind?: AgreementKind;
  articleId?: number;
  from?: string | null;
  to?: string | null;
}

/** Checks an agreement filter before any I/O. */
export function agreementCriteria(filter: AgreementFilter | null | undefined, path: readonly string[] = ['filter']): AgreementCriteria {
  checkRange(filter, path);
  if (!filter) return {};
  return {
    ...(filter.countryCode != null && { countryCode: countryCodeArg(filter.countryCode, [...path, 'countryCode']) }),
    ...(filter.cityId != null && { cityId: idOf('City', filter.cityId, [...path, 'cityId']) }),
    ...(filter.organizationId != null && { organizationId: idOf('Organization', filter.organizationId, [...path, 'organizationId']) }),
    ...(filter.kind != null && { kind: filter.kind }),
    ...(filter.articleId != null && { articleId: idOf('Article', filter.articleId, [...path, 'articleId']) }),
    from: filter.from,
    to: filter.to,
  };
}
