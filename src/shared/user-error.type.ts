import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { issueCodes, type IssueCode } from './errors.js';

// The GraphQL shape of a refusal: every mutation payload lists its problems as UserErrors.

export const UserErrorCode = Object.fromEntries(Object.keys(issueCodes).map((code) => [code, code])) as { [K in IssueCode]: K };
registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Why an import or an edit was refused.',
  valuesConfig: Object.fromEntries(Object.entries(issueCodes).map(([code, description]) => [code, { description }])),
});

@ObjectType({ description: 'A problem with the input, at the path of the field that causes it; nothing was written.', simpleResolvers: true })
export class UserError {
  @Field(() => [String], { description: 'Path to the offending field from the mutation argument, such as ["input", "events", "2", "evidence", "0", "quote"].' })
  path!: string[];

  @Field(() => String, { description: 'What is wrong, for people.' })
  message!: string;

  @Field(() => UserErrorCode, { description: 'What is wrong, for programs.' })
  code!: IssueCode;
}
