import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { issueCodes, type IssueCode, type PlaceCandidate as PlaceCandidateShape } from './errors.js';

// The GraphQL shape of a refusal: every mutation payload lists its problems as UserErrors.

export const UserErrorCode = Object.fromEntries(Object.keys(issueCodes).map((code) => [code, code])) as { [K in IssueCode]: K };
registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Why an import or an edit was refused.',
  valuesConfig: Object.fromEntries(Object.entries(issueCodes).map(([code, description]) => [code, { description }])),
});

@ObjectType({ description: 'A gazetteer place a mention could mean, offered with AMBIGUOUS_PLACE and COUNTRY_MISMATCH.', simpleResolvers: true })
export class PlaceCandidate implements PlaceCandidateShape {
  @Field(() => Int, { description: 'GeoNames id: give it as the city\'s `geonameId` (document version 2).' })
  geonameId!: number;

  @Field(() => String, { description: 'Reference name.' })
  name!: string;

  @Field(() => String, { description: 'ISO 3166-1 alpha-2 code of its country.' })
  countryCode!: string;

  @Field(() => String, { nullable: true, description: 'First-level division (province, state).' })
  region!: string | null;

  @Field(() => Int, { description: 'Population, from the gazetteer.' })
  population!: number;
}

@ObjectType({ description: 'A problem with the input, at the path of the field that causes it; nothing was written.', simpleResolvers: true })
export class UserError {
  @Field(() => [String], { description: 'Path to the offending field from the mutation argument, such as ["input", "events", "2", "evidence", "0", "quote"].' })
  path!: string[];

  @Field(() => String, { description: 'What is wrong, for people.' })
  message!: string;

  @Field(() => UserErrorCode, { description: 'What is wrong, for programs.' })
  code!: IssueCode;

  @Field(() => [PlaceCandidate], { nullable: true, description: 'The places a place name could mean (AMBIGUOUS_PLACE, and COUNTRY_MISMATCH from the gazetteer); null otherwise.' })
  candidates?: PlaceCandidate[] | null;
}
