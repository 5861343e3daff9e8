import { ArgsType, Field, InputType } from 'type-graphql';
import { OrganizationKind } from '../../generated/prisma/enums.js';
import { ConnectionArgs } from '../../shared/connection.js';

@InputType({ description: 'Which organizations to list; omitted fields do not filter.' })
export class OrganizationFilter {
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 code of the country the organization belongs to.' })
  countryCode?: string | null;

  @Field(() => OrganizationKind, { nullable: true, description: 'Only organizations of this kind.' })
  kind?: OrganizationKind | null;
}

@ArgsType()
export class OrganizationsArgs extends ConnectionArgs {
  @Field(() => OrganizationFilter, { nullable: true, description: 'Narrows the list.' })
  filter?: OrganizationFilter | null;
}
