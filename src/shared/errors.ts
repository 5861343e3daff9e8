import { GraphQLError } from 'graphql';

// The error model, in one place (docs/api.md states it for clients):
// - An argument malformed in itself (an ID of the wrong type, a country code that is not ISO 3166-1, a bad
//   cursor or date) is a top-level error, BAD_USER_INPUT with its `argumentPath`, in queries and mutations
//   alike: the request could not run as sent. So are authentication, roles and limits (their own codes).
// - A mutation whose arguments are well formed reports every problem with what they say in its payload's
//   `userErrors`, each with one of the codes below and the path of the input field; nothing is written then.

/**
 * A client mistake in an argument: code BAD_USER_INPUT, and `argumentPath` names the offending argument
 * (`['filter', 'from']`) so a client can point at the field; the response `path` names the query field.
 */
export function badUserInput(message: string, argumentPath: readonly (string | number)[]): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argumentPath } });
}

/** What can be wrong with what a document or a mutation says, with what each means (the API's `DocumentErrorCode`). */
export const issueCodes = {
  INVALID_VALUE: 'A field is missing, of the wrong type or format, or not allowed.',
  DUPLICATE_KEY: 'A key (or ISO code, or image position) is used twice.',
  UNKNOWN_REFERENCE: 'A reference names a key the document does not have.',
  UNKNOWN_COUNTRY_CODE: 'Not an ISO 3166-1 alpha-2 country code.',
  COUNTRY_MISMATCH: 'A city placed in another country than its own, or one the gazetteer has only in other countries.',
  UNKNOWN_PLACE: 'A place the gazetteer does not have in the stated country (or a geonameId it does not have).',
  AMBIGUOUS_PLACE: 'A place name that several places of the stated country carry: give the geonameId of one of the candidates.',
  REFERENCE_MISMATCH: "A value (a city's coordinates or capital status) that disagrees with the reference data beyond its tolerance.",
  FACT_NOT_IN_QUOTE: 'A fact whose quotes do not state it: a date no quote expresses, a place or organization no quote names.',
  INVALID_DATE_RANGE: 'A range that ends before it starts, or an end without a start.',
  QUOTE_MISMATCH: 'A quote that is not in the body, or not at its offsets.',
  AMBIGUOUS_QUOTE: 'A quote without offsets that occurs more than once in the body.',
  MISSING_EVIDENCE: 'A stated fact that no quote supports.',
  NOT_QUOTED: 'A name marked as quoted, or a caption or credit, that its quotes do not contain verbatim.',
  CYCLE: 'Delegations that are their own ancestors.',
  NOT_FOUND: 'The record to change does not exist (any more).',
  CONFLICT: 'The record changed since the version the edit was based on: read it again and redo the edit.',
  REFERENCED: 'Other records refer to the record to delete; pass cascade: true to delete them too.',
} as const;
export type IssueCode = keyof typeof issueCodes;

/** A gazetteer place offered when a mention is ambiguous or in another country. */
export interface PlaceCandidate {
  geonameId: number;
  name: string;
  countryCode: string;
  region: string | null;
  population: number;
}

/** A problem with a mutation's input, at the path of the offending field from the argument. */
export interface UserErrorShape {
  path: string[];
  message: string;
  code: IssueCode;
  /** For AMBIGUOUS_PLACE and a gazetteer's COUNTRY_MISMATCH: the places the mention could mean. */
  candidates?: PlaceCandidate[];
}
