import { GraphQLError } from 'graphql';
import { isCalendarDate } from '../../shared/dates.js';
import { badUserInput } from '../../shared/errors.js';
import type { Db } from '../../db/client.js';
import type { CsvOptions } from './export.format.js';

/** The query parameters of an export, as the fields of the list's GraphQL filter. */
export type ExportParameters = Record<string, string>;

export interface ParameterRules<Where> {
  /** Every accepted parameter: the fields of the list's filter. */
  names: readonly string[];
  /** The values `kind` may take (the Prisma enum). */
  kinds: readonly string[];
  /** The list's where-builder; called with `path = []` so its errors name the parameter. */
  where: (db: Db, filter: ExportParameters, path: readonly string[]) => Promise<Where>;
}

/** Every bad query parameter of a request, each as a BAD_USER_INPUT GraphQL error. */
export class InvalidParameters extends Error {
  constructor(readonly errors: GraphQLError[]) {
    super(errors.map((error) => error.message).join('; '));
  }
}

/** The CSV writing options among the query parameters (taken out of `query`), or what is wrong with them. */
export function csvOptionsFromQuery(query: URLSearchParams): { options: CsvOptions; errors: GraphQLError[] } {
  const values = query.getAll('escapeFormulas');
  query.delete('escapeFormulas');
  if (values.length === 0) return { options: { escapeFormulas: true }, errors: [] };
  if (values.length > 1) return { options: { escapeFormulas: true }, errors: [badUserInput(`parameter escapeFormulas is given ${values.length} times; give it once`, ['escapeFormulas'])] };
  if (values[0] !== 'true' && values[0] !== 'false') {
    return { options: { escapeFormulas: true }, errors: [badUserInput(`escapeFormulas must be true or false, got ${JSON.stringify(values[0])}`, ['escapeFormulas'])] };
  }
  return { options: { escapeFormulas: values[0] === 'true' }, errors: [] };
}

/**
 * The Prisma condition for an export's query parameters, built by the list's own where-builder so an
 * export always holds what the list shows; throws InvalidParameters naming every bad parameter.
 */
export async function whereFromQuery<Where>(db: Db, query: URLSearchParams, rules: ParameterRules<Where>, earlier: GraphQLError[] = []): Promise<Where> {
  const errors: GraphQLError[] = [...earlier];
  const valid: ExportParameters = {};
  for (const name of new Set(query.keys())) {
    const values = query.getAll(name);
    const problem = usageProblem(name, values, rules.names) ?? (await problemOf(db, name, values[0]!, rules));
    if (problem) errors.push(problem);
    else valid[name] = values[0]!;
  }
  // Checks across parameters (from after to) run on the valid ones, so every problem is reported at once.
  const where = await attempt(() => rules.where(db, valid, []));
  if (where instanceof GraphQLError) errors.push(where);
  if (errors.length > 0) throw new InvalidParameters(errors);
  return where as Where;
}

/** A name the filter lacks or one given twice: an error, so a typo never silently exports everything. */
function usageProblem(name: string, values: string[], names: readonly string[]): GraphQLError | null {
  if (!names.includes(name)) return badUserInput(`unknown parameter ${JSON.stringify(name)}; expected ${names.join(', ')}`, [name]);
  if (values.length > 1) return badUserInput(`parameter ${name} is given ${values.length} times; give it once`, [name]);
  return null;
}

/** A parameter's own problem: its format, then what the where-builder says of it alone. */
async function problemOf<Where>(db: Db, name: string, value: string, rules: ParameterRules<Where>): Promise<GraphQLError | null> {
  const format = formatProblem(name, value, rules.kinds);
  if (format) return format;
  const alone = await attempt(() => rules.where(db, { [name]: value }, []));
  return alone instanceof GraphQLError ? alone : null;
}

/** What the where-builders take on trust from GraphQL's type checks: enum values and calendar days. */
function formatProblem(name: string, value: string, kinds: readonly string[]): GraphQLError | null {
  if (name === 'kind' && !kinds.includes(value)) return badUserInput(`${JSON.stringify(value)} is not a kind; expected ${kinds.join(', ')}`, [name]);
  if ((name === 'from' || name === 'to') && !isCalendarDate(value)) {
    return badUserInput(`${JSON.stringify(value)} is not a calendar day written YYYY-MM-DD`, [name]);
  }
  return null;
}

/** The where-builder's result, or the BAD_USER_INPUT error it raised; any other failure propagates. */
async function attempt<T>(build: () => Promise<T>): Promise<T | GraphQLError> {
  try {
    return await build();
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT') return error;
    throw error;
  }
}
