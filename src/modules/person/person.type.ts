import { FEDERATION_KEY } from '../../shared/federation-key.js';
import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CounterpartRole, MemberRole } from '../../generated/prisma/enums.js';
import { connectionType } from '../../shared/connection.js';
import { DateScalar } from '../../shared/scalars.js';
import { Node } from '../node/node.type.js';

registerEnumType(MemberRole, {
  name: 'MemberRole',
  description: 'What a person was in a delegation, as the article says.',
  valuesConfig: {
    LEADER: { description: 'Led the delegation ("led by", "headed by").' },
    DEPUTY_LEADER: { description: 'Its deputy leader.' },
    MEMBER: { description: 'A member.' },
  },
});

registerEnumType(CounterpartRole, {
  name: 'CounterpartRole',
  description: 'How an organization or a person on the other side took part in an event.',
  valuesConfig: {
    HOST: { description: 'Hosted the event or the delegation ("hosted by").' },
    ORGANIZER: { description: 'Organized the event.' },
    COUNTERPART: { description: 'Met or talked with the delegation ("met with the mayor of Debrecen").' },
  },
});

export enum EventSide {
  DELEGATION = 'DELEGATION',
  COUNTERPART = 'COUNTERPART',
}
registerEnumType(EventSide, {
  name: 'EventSide',
  description: 'The side of an event a person was on.',
  valuesConfig: {
    DELEGATION: { description: 'With a delegation that took part (`Event.people`).' },
    COUNTERPART: { description: 'On the other side: host, organizer or counterpart (`Event.counterparts`).' },
  },
});

@Directive(FEDERATION_KEY)
@ObjectType({
  implements: Node,
  description:
    'A person an article names: shared by articles, matched by name (case, accents and forms of address aside) within a country, never merged on a guess. Titles are what each article says, as of its date.',
  simpleResolvers: true,
})
export class Person extends Node {
  @Field(() => Int, { description: 'Incremented by every change.' })
  version!: number;

  @Field(() => String, { description: "Name, as the earliest article that names the person gives it; other articles' spellings are its `claims` on `name`." })
  name!: string;
}

@ObjectType({ description: "A title or affiliation one article gives a person, such as \"Vice-Mayor of Liaocheng\": that article's claim, as of its date.", simpleResolvers: true })
export class PersonTitle {
  @Field(() => String, { description: 'The title as the article gives it.' })
  title!: string;

  @Field(() => DateScalar, { nullable: true, description: "The date of the article that gives the title (its `updatedOn`): the title is reported as held then, not since or until. Null when the article has no date." })
  asOf!: string | null;
}

@ObjectType({ description: 'A person in a delegation, and the role the article gives.', simpleResolvers: true })
export class DelegationMember {
  @Field(() => MemberRole, { description: 'Leader, deputy leader or member.' })
  role!: MemberRole;
}

@ObjectType({ description: 'An organization or a person on the other side of an event, and how it took part.', simpleResolvers: true })
export class EventCounterpart {
  @Field(() => CounterpartRole, { description: 'Host, organizer or counterpart.' })
  role!: CounterpartRole;
}

@ObjectType({ description: 'An event a person took part in, and on which side.', simpleResolvers: true })
export class PersonEvent {
  @Field(() => EventSide, { description: "With a delegation, or on the other side." })
  side!: EventSide;

  @Field(() => CounterpartRole, { nullable: true, description: 'On the other side: host, organizer or counterpart; null with a delegation.' })
  role!: CounterpartRole | null;
}

export const PersonConnection = connectionType(Person, 'Person', 'person');
