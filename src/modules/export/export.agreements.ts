import type { Context } from '../../context.js';
import type { Db } from '../../db/client.js';
import type { Agreement, AgreementParty, City, Country, Figure } from '../../generated/prisma/client.js';
import { AgreementKind } from '../../generated/prisma/enums.js';
import { toGlobalId } from '../../shared/global-id.js';
import { loadOptional, loadRequired } from '../../shared/loaders.js';
import type { AgreementFilter } from '../agreement/agreement.args.js';
import { agreementCriteria } from '../agreement/agreement.filter.js';
import { agreementWhere } from '../agreement/agreement.store.js';
import { describedInBatches } from './export.batches.js';
import { csvDocument, type CsvColumn, type CsvOptions } from './export.format.js';
import type { ParameterRules } from './export.params.js';
import { figureText, signatoryNames } from './export.people.js';

type AgreementWhere = Awaited<ReturnType<typeof agreementWhere>>;

const agreementParameters = ['countryCode', 'cityId', 'organizationId', 'kind', 'articleId', 'from', 'to'] as const satisfies readonly (keyof AgreementFilter)[];

/** The query parameters of the agreement export: the fields of the `agreements` list's filter. */
export const agreementParameterRules: ParameterRules<AgreementWhere> = {
  names: agreementParameters,
  kinds: Object.values(AgreementKind),
  // The parameters were checked against AgreementKind and the calendar before they reach the builder.
  where: (db, filter, path) => agreementWhere(db, agreementCriteria(filter as AgreementFilter, path)),
};

/** An agreement with everything its export shows. */
interface ExportedAgreement {
  agreement: Agreement;
  city: City | null;
  country: Country | null;
  parties: AgreementParty[];
  articleSlug: string;
  signatories: string[];
  figures: Figure[];
}

/** Agreements matching `where` in the `agreements` list's order (signing day, unknown last), a batch at a time. */
function exportedAgreements(db: Db, where: AgreementWhere): AsyncGenerator<ExportedAgreement[]> {
  const key = { field: 'signedOn', nullable: true, values: 'day' } as const;
  return describedInBatches(db, { where, key, findMany: (query) => db.agreement.findMany(query) }, withRelations);
}

async function withRelations(context: Context, agreement: Agreement): Promise<ExportedAgreement> {
  const { loaders } = context;
  const [city, country, article, parties, signatories, figures] = await Promise.all([
    loadOptional(loaders.city, agreement.cityId),
    loadOptional(loaders.country, agreement.countryId),
    loadRequired(loaders.article, agreement.articleId),
    loaders.partiesByAgreement.load(agreement.id),
    signatoryNames(context, agreement.id),
    loaders.figuresByAgreement.load(agreement.id),
  ]);
  return { agreement, city, country, parties, articleSlug: article.slug, signatories, figures };
}

const agreementColumns: CsvColumn<ExportedAgreement>[] = [
  { header: 'id', value: ({ agreement }) => toGlobalId('Agreement', agreement.id) },
  { header: 'title', value: ({ agreement }) => agreement.title },
  { header: 'kind', value: ({ agreement }) => agreement.kind },
  { header: 'signed_on', value: ({ agreement }) => agreement.signedOn },
  { header: 'city', value: ({ city }) => city?.name ?? null },
  { header: 'country', value: ({ country }) => country?.name ?? null },
  { header: 'country_code', value: ({ country }) => country?.isoCode ?? null },
  { header: 'parties', value: ({ parties }) => parties.map((party) => party.description).join('; ') },
  { header: 'event_id', value: ({ agreement }) => (agreement.eventId == null ? null : toGlobalId('Event', agreement.eventId)) },
  { header: 'description', value: ({ agreement }) => agreement.description },
  { header: 'article_slug', value: ({ articleSlug }) => articleSlug },
  // Added after the first columns, so spreadsheets that read columns by position keep working.
  { header: 'signatories', value: ({ signatories }) => signatories.join('; ') },
  { header: 'figures', value: ({ figures }) => figures.map(figureText).join('; ') },
];

export function agreementsCsv(db: Db, where: AgreementWhere, options: CsvOptions): AsyncGenerator<string> {
  return csvDocument(agreementColumns, exportedAgreements(db, where), options);
}
