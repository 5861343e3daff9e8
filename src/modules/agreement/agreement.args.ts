import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { AgreementKind } from '../../generated/prisma/enums.js';
import { ConnectionArgs } from '../../shared/connection.js';
import { DateRangeFilter } from '../../shared/filters.js';

@InputType({ description: 'Which agreements to list; omitted fields do not filter. Dates compare with the signing day.' })
export class AgreementFilter extends DateRangeFilter {
  @Field(() => String, { nullable: true, description: 'Only agreements signed in this country (ISO 3166-1 alpha-2 code).' })
  countryCode?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only agreements signed in this city.' })
  cityId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only agreements this organization is a party to.' })
  organizationId?: string | null;

  @Field(() => AgreementKind, { nullable: true, description: 'Only agreements of this kind.' })
  kind?: AgreementKind | null;

  @Field(() => ID, { nullable: true, description: 'Only agreements reported by this article.' })
  articleId?: string | null;
}

@ArgsType()
export class AgreementsArgs extends ConnectionArgs {
  @Field(() => AgreementFilter, { nullable: true, description: 'Narrows the list.' })
  filter?: AgreementFilter | null;
}
