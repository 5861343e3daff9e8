import { GraphQLError } from 'graphql';

/**
 * A client mistake in an argument: code BAD_USER_INPUT, and `argumentPath` names the offending argument
 * (`['filter', 'from']`) so a client can point at the field; the response `path` names the query field.
 */
export function badUserInput(message: string, argumentPath: readonly (string | number)[]): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argumentPath } });
}
