import { FEDERATION_KEY } from '../../shared/federation-key.js';
import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { OrganizationKind } from '../../generated/prisma/enums.js';
import { connectionType } from '../../shared/connection.js';
import { Node } from '../node/node.type.js';

registerEnumType(OrganizationKind, {
  name: 'OrganizationKind',
  description: 'What kind of body an organization is.',
  valuesConfig: {
    GOVERNMENT: { description: 'A government or one of its departments, at any level.' },
    COMPANY: { description: 'A business.' },
    ASSOCIATION: { description: 'An association, chamber or other membership body.' },
    OTHER: { description: 'Any other kind of organization.' },
  },
});

@Directive(FEDERATION_KEY)
@ObjectType({
  implements: Node,
  description: 'A company, government or association that an article names. Names are never invented: unnamed parties stay descriptions.',
  simpleResolvers: true,
})
export class Organization extends Node {
  @Field(() => Int, { description: 'Incremented by every change; pass it back when updating, and the update fails if the record changed since.' })
  version!: number;

  @Field(() => String, { description: 'Name, as the earliest article that names it gives it; other articles\' names are its `claims` on `name`.' })
  name!: string;

  @Field(() => OrganizationKind, { description: 'What kind of body it is.' })
  kind!: OrganizationKind;
}

export const OrganizationConnection = connectionType(Organization, 'Organization', 'organization');
