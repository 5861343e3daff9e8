import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { Role } from '../../shared/auth.js';

/** The GraphQL names of the roles; the values are the roles as configured in API_KEYS. */
export const ViewerRole = { EDITOR: 'editor', ADMIN: 'admin' } as const satisfies Record<string, Role>;

registerEnumType(ViewerRole, {
  name: 'Role',
  description: 'What an API key may do.',
  valuesConfig: {
    EDITOR: { description: 'May call the mutations that edit records.' },
    ADMIN: { description: 'May call every mutation; includes everything EDITOR may do.' },
  },
});

@ObjectType({ description: 'The API key a request authenticated with (sent as `Authorization: Bearer <key>`).', simpleResolvers: true })
export class Viewer {
  @Field(() => String, { description: 'The id of the key, as configured in API_KEYS; never the key itself.' })
  keyId!: string;

  @Field(() => ViewerRole, { description: 'What the key may do.' })
  role!: Role;
}
