import { Field, ID, ObjectType } from 'type-graphql';
import { UserError } from '../../shared/user-error.type.js';

type Class<T> = abstract new (...args: never[]) => T;

/** `<Type>Payload`: the record a create or update wrote, or the problems that stopped it. */
export function mutationPayload<T extends object>(nodeType: Class<T>, name: string, field: string, what = field) {
  // No simpleResolvers: the field is named after the type (`event`) while the property is `record`.
  @ObjectType(`${name}Payload`, { description: `The result of creating or updating ${what}.` })
  class Payload {
    @Field(() => nodeType, { name: field, nullable: true, description: `The ${what} as written; null when the edit was refused.` })
    record!: T | null;

    @Field(() => [UserError], { description: 'Every problem with the input; empty on success, and nothing was written otherwise.' })
    userErrors!: UserError[];
  }
  return Payload;
}

/** `<Type>DeletePayload`: the ID of what a delete removed, or the problems that stopped it. */
export function deletePayload(name: string, what: string) {
  @ObjectType(`${name}DeletePayload`, { description: `The result of deleting ${what}.`, simpleResolvers: true })
  class Payload {
    @Field(() => ID, { nullable: true, description: `Global ID of the deleted ${what}; null when the delete was refused.` })
    deletedId!: string | null;

    @Field(() => [ID], { description: 'Global IDs of the records deleted with it (cascade).' })
    alsoDeletedIds!: string[];

    @Field(() => [UserError], { description: 'Every problem with the input; empty on success, and nothing was deleted otherwise.' })
    userErrors!: UserError[];
  }
  return Payload;
}
