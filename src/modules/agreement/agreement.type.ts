import { FEDERATION_KEY } from '../../shared/federation-key.js';
import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AgreementKind, AgreementPartyRole } from '../../generated/prisma/enums.js';
import { connectionType } from '../../shared/connection.js';
import { DateScalar } from '../../shared/scalars.js';
import { Node } from '../node/node.type.js';

registerEnumType(AgreementKind, {
  name: 'AgreementKind',
  description: 'What kind of agreement was signed, as the article calls it.',
  valuesConfig: {
    COOPERATION_AGREEMENT: { description: 'A cooperation (cooperative) agreement.' },
    FRAMEWORK_AGREEMENT: { description: 'A framework agreement of no stated term.' },
    LONG_TERM_COOPERATION_FRAMEWORK_AGREEMENT: { description: 'A long-term cooperation framework agreement.' },
    MEMORANDUM_OF_UNDERSTANDING: { description: 'A memorandum of understanding.' },
    SISTER_CITY_AGREEMENT: { description: 'An agreement establishing sister-city or friendship-city relations.' },
    CONTRACT: { description: 'A commercial contract.' },
    OTHER: { description: 'Any other kind of agreement.' },
  },
});

registerEnumType(AgreementPartyRole, {
  name: 'AgreementPartyRole',
  description: 'Which side of an agreement a party is on.',
  valuesConfig: {
    VISITING_PARTY: { description: 'A party from the visiting delegation’s side.' },
    LOCAL_PARTY: { description: 'A party based in the host country.' },
    SIGNATORY: { description: 'A signatory whose side the article does not tell.' },
  },
});

@Directive(FEDERATION_KEY)
@ObjectType({ implements: Node, description: 'An agreement signed during a delegation’s trip, as an article reports it.', simpleResolvers: true })
export class Agreement extends Node {
  @Field(() => Int, { description: 'Incremented by every change; pass it back when updating, and the update fails if the record changed since.' })
  version!: number;

  @Field(() => String, { description: 'Title of the agreement; see `titleIsQuoted`.' })
  title!: string;

  @Field(() => Boolean, {
    description: 'True when `title` is quoted from the article; false when the article only describes the agreement and the title is a summary.',
  })
  titleIsQuoted!: boolean;

  @Field(() => AgreementKind, { description: 'What kind of agreement it is.' })
  kind!: AgreementKind;

  @Field(() => String, { nullable: true, description: 'Summary of the agreement as the article reports it.' })
  description!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Day of signing; null when the article gives none (never guessed) A month or a year (document version 2) shows as its first day: `signedOnDetail` gives the precision and range.' })
  signedOn!: string | null;
}

@ObjectType({
  description: 'One side of an agreement: a named organization, or only the article’s description when it names none.',
  simpleResolvers: true,
})
export class AgreementParty {
  @Field(() => String, { description: 'How the article describes this party, such as “a local company”.' })
  description!: string;

  @Field(() => AgreementPartyRole, { description: 'Which side the party is on.' })
  role!: AgreementPartyRole;
}

export const AgreementConnection = connectionType(Agreement, 'Agreement', 'agreement');
