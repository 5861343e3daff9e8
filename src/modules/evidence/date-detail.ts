import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context, EvidenceSubject } from '../../context.js';
import { dateBounds, firstDay, precisionOf } from '../../shared/dates.js';
import { DateScalar } from '../../shared/scalars.js';
import { loadRequired } from '../../shared/loaders.js';
import { inferredParts, quoteStatesDate } from '../import/quote-content.js';
import { DateDetail as DateDetailType, type DateDetail } from './date-detail.type.js';

// A stored date with what its quotes say of it. Dates are stored as stated (a day, a month or a year);
// which parts are stated and which inferred is read from the record's quotes for that field, the way the
// import checked them (chrono-node, the article's date as reference).

/** The detail of one date field of a record; null when the record has no such date. */
export async function dateDetail(ctx: Context, row: { id: number; articleId: number }, subject: EvidenceSubject, fact: string, value: string | null): Promise<DateDetail | null> {
  if (value == null) return null;
  const [quotes, article] = await Promise.all([ctx.loaders.evidence[subject].load(row.id), loadRequired(ctx.loaders.article, row.articleId)]);
  const bases = quotes
    .filter((e) => e.articleId === row.articleId && e.facts.split(' ').includes(fact))
    .map((e) => quoteStatesDate(e.quote, value, article.updatedOn).basis)
    .filter((basis) => basis !== undefined)
    .sort((a, b) => inferredParts(a) - inferredParts(b));
  const basis = bases[0];
  const precision = precisionOf(value);
  return {
    value,
    precision: precision as DateDetail['precision'],
    ...dateBounds(value),
    year: (basis?.year ?? null) as DateDetail['year'],
    month: precision === 'YEAR' ? null : ((basis?.month ?? null) as DateDetail['month']),
    day: precision !== 'DAY' ? null : ((basis?.day ?? null) as DateDetail['day']),
  };
}

/**
 * The resolvers of one date field of a record type: the field itself as a day (a month or a year as its
 * first day, which `<field>Detail.precision` says), and `<field>Detail`. Registered in src/schema.ts.
 * The methods are named after the fields (type-graphql keys field resolvers by method name per type, so
 * two date fields of one type need two names); decorators are applied by hand for that.
 */
export function dateFieldResolver(objectType: Function, subject: EvidenceSubject, field: string, what: string) {
  class DateFieldResolver {}
  const detailField = `${field}Detail`;
  const methods = {
    [field]: (row: Record<string, unknown>): string | null => firstDay(row[field] as string | null),
    [detailField]: (row: { id: number; articleId: number } & Record<string, unknown>, ctx: Context) => dateDetail(ctx, row, subject, field, row[field] as string | null),
  };
  for (const [name, method] of Object.entries(methods)) Object.defineProperty(DateFieldResolver.prototype, name, { value: method, writable: true, configurable: true });
  const decorate = (name: string, decorator: MethodDecorator) => decorator(DateFieldResolver.prototype, name, Object.getOwnPropertyDescriptor(DateFieldResolver.prototype, name)!);
  decorate(field, FieldResolver(() => DateScalar, { nullable: true, description: `${what}. For a month or a year (see \`${detailField}\`), its first day.` }));
  Root()(DateFieldResolver.prototype, field, 0);
  decorate(detailField, FieldResolver(() => DateDetailType, { nullable: true, description: `${what} as the article gives it: precision, the days it covers, and whether each part is stated or inferred.` }));
  Root()(DateFieldResolver.prototype, detailField, 0);
  Ctx()(DateFieldResolver.prototype, detailField, 1);
  Resolver(() => objectType)(DateFieldResolver);
  return DateFieldResolver;
}
