import type { Context } from '../../context.js';
import type { Db } from '../../db/client.js';
import type { Figure, Prisma } from '../../generated/prisma/client.js';
import { badUserInput } from '../../shared/errors.js';
import { toGlobalId } from '../../shared/global-id.js';
import { loadOptional, loadRequired } from '../../shared/loaders.js';
import { unitKey } from '../../shared/units.js';
import { statsScope } from '../stats/stats.service.js';
import type { StatsFilter } from '../stats/stats.type.js';
import { describedInBatches } from './export.batches.js';
import { csvDocument, type CsvColumn, type CsvOptions } from './export.format.js';
import type { ParameterRules } from './export.params.js';
import { figureText } from './export.people.js';

// Every figure, one row each, with the record it is about and its quotes: the numbers of delegations,
// events and agreements in one sheet. The filter is the stats filter's, so a sheet adds up to `figureTotals`.

const figureParameters = ['countryCode', 'cityId', 'articleId', 'delegationId', 'from', 'to', 'unit'] as const;

/** The query parameters of the figure export: the stats filter's fields, and a unit. */
export const figureParameterRules: ParameterRules<Prisma.FigureWhereInput> = {
  names: figureParameters,
  kinds: [],
  where: async (db, { unit, ...filter }, path) => {
    if (unit != null && unitKey(unit) === '') throw badUserInput('unit needs a letter, a digit or a currency sign', [...path, 'unit']);
    const scope = await statsScope(db, filter as StatsFilter, path);
    return { ...(unit != null && { unitKey: unitKey(unit) }), ...scope.figures };
  },
};

interface ExportedFigure {
  figure: Figure;
  recordType: 'Delegation' | 'Event' | 'Agreement';
  recordId: number;
  recordName: string;
  articleSlug: string;
  quotes: string[];
}

async function withRelations({ loaders }: Context, figure: Figure): Promise<ExportedFigure> {
  const [delegation, event, agreement, article, evidence] = await Promise.all([
    loadOptional(loaders.delegation, figure.delegationId),
    loadOptional(loaders.event, figure.eventId),
    loadOptional(loaders.agreement, figure.agreementId),
    loadRequired(loaders.article, figure.articleId),
    loaders.evidence.figureId.load(figure.id),
  ]);
  const [recordType, recordId, recordName] = delegation
    ? (['Delegation', delegation.id, delegation.name] as const)
    : event
      ? (['Event', event.id, event.name] as const)
      : (['Agreement', agreement!.id, agreement!.title] as const);
  return { figure, recordType, recordId, recordName, articleSlug: article.slug, quotes: evidence.map((e) => e.quote) };
}

const figureColumns: CsvColumn<ExportedFigure>[] = [
  { header: 'id', value: ({ figure }) => toGlobalId('Figure', figure.id) },
  { header: 'figure', value: ({ figure }) => figureText(figure) },
  { header: 'value', value: ({ figure }) => figure.value },
  { header: 'up_to', value: ({ figure }) => figure.upTo },
  { header: 'qualifier', value: ({ figure }) => figure.qualifier },
  { header: 'unit', value: ({ figure }) => figure.unit },
  { header: 'unit_key', value: ({ figure }) => figure.unitKey },
  { header: 'description', value: ({ figure }) => figure.description },
  { header: 'record_type', value: ({ recordType }) => recordType },
  { header: 'record_id', value: ({ recordType, recordId }) => toGlobalId(recordType, recordId) },
  { header: 'record_name', value: ({ recordName }) => recordName },
  { header: 'quotes', value: ({ quotes }) => quotes.join(' | ') },
  { header: 'article_slug', value: ({ articleSlug }) => articleSlug },
];

export function figuresCsv(db: Db, where: Prisma.FigureWhereInput, options: CsvOptions): AsyncGenerator<string> {
  const key = { field: 'id', nullable: false, values: 'id' } as const;
  return csvDocument(figureColumns, describedInBatches(db, { where, key, findMany: (query) => db.figure.findMany(query) }, withRelations), options);
}
