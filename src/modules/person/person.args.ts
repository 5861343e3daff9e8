import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { MemberRole } from '../../generated/prisma/enums.js';
import { ConnectionArgs } from '../../shared/connection.js';

@InputType({ description: 'Which people to list; omitted fields do not filter, given ones must all hold.' })
export class PersonFilter {
  @Field(() => String, { nullable: true, description: 'Part of the name, ignoring case and accents: `li` finds Li Wei and Lili Chen.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 code of the country the person belongs to.' })
  countryCode?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only people an article gives a title with this organization (an affiliation).' })
  organizationId?: string | null;

  @Field(() => MemberRole, { nullable: true, description: 'Only people who were in a delegation in this role, such as LEADER.' })
  role?: MemberRole | null;
}

@ArgsType()
export class PeopleArgs extends ConnectionArgs {
  @Field(() => PersonFilter, { nullable: true, description: 'Narrows the list.' })
  filter?: PersonFilter | null;
}
