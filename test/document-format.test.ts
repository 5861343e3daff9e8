import { isEnumType, isInputObjectType, isListType, isNonNullType, type GraphQLInputObjectType, type GraphQLInputType, type GraphQLSchema } from 'graphql';
import { expect, test } from 'vitest';
import { z } from 'zod';
// The fields, without the rules of each version (cross-field refinements, not fields).
import { articleDocumentShape as articleDocumentSchema } from '../src/modules/import/document.js';
import { getSchema } from '../src/schema.js';

// The document format is declared twice, as zod (document.ts) and as articleImport's input types (document.input.ts),
// and a document file must be sendable as `input` unchanged: both must take the same fields, so neither drifts.

/**
 * One field as a sender sees it. How zod and GraphQL map onto it (zod read through its JSON Schema for input):
 * - zod required (no `.optional()`, `.nullish()` or `.default()`) is `required`: GraphQL `T!` without a default.
 * - zod `.nullish()` may be left out or null: GraphQL `T` (no `!`) without a default, which means the same.
 * - zod `.default([])` may be left out but not null: GraphQL `T! = []`; the defaults themselves must be equal too.
 * - zod `.optional()` (may be left out, null refused) and `.nullable()` (must be given, may be null) have no GraphQL
 *   equivalent, so they show up as a difference in `required` or `nullable`.
 */
interface FieldShape {
  /** Leaving it out is an error. */
  required: boolean;
  /** null is accepted. */
  nullable: boolean;
  /** The value used when it is left out, as JSON. */
  default: string | undefined;
  /** For a list, whether its items accept null; undefined for a single value. */
  list: { itemNullable: boolean } | undefined;
  value: Value;
}

type Value =
  | { kind: 'scalar'; name: string }
  | { kind: 'enum'; name: string; values: string[] }
  | { kind: 'object'; level: Level };

/** One object of the document: its fields, and for the GraphQL side the input type declaring them. */
interface Level {
  name: string;
  fields: Record<string, FieldShape>;
}

const join = (path: string, name: string) => (path ? `${path}.${name}` : name);

// ---- The zod side, read from its JSON Schema for input (what a sender may write).

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
}

function documentSide(schema: z.ZodType): Level {
  return jsonLevel(z.toJSONSchema(schema, { io: 'input' }) as JsonSchema, '');
}

/** `anyOf: [T, null]`, or `type: [t, 'null']` for a T without constraints, is zod's nullable T. */
function withoutNull(schema: JsonSchema, path: string): { schema: JsonSchema; nullable: boolean } {
  if (Array.isArray(schema.type)) {
    const others = schema.type.filter((type) => type !== 'null');
    if (others.length !== 1) throw new Error(`${path}: a union this test cannot compare`);
    return { schema: { ...schema, type: others[0] }, nullable: others.length < schema.type.length };
  }
  if (!schema.anyOf) return { schema, nullable: false };
  const others = schema.anyOf.filter((member) => member.type !== 'null');
  if (others.length !== 1 || !others[0]) throw new Error(`${path}: a union this test cannot compare`);
  return { schema: others[0], nullable: others.length < schema.anyOf.length };
}

function jsonLevel(object: JsonSchema, path: string): Level {
  if (object.type !== 'object' || !object.properties) throw new Error(`${path || 'the document'}: not an object`);
  const fields: Record<string, FieldShape> = {};
  for (const [name, property] of Object.entries(object.properties)) {
    const fieldPath = join(path, name);
    const { nullable, schema: unwrapped } = withoutNull(property, fieldPath);
    let schema = unwrapped;
    let list: FieldShape['list'];
    if (schema.type === 'array') {
      if (!schema.items) throw new Error(`${fieldPath}: a list without an item type`);
      const item = withoutNull(schema.items, fieldPath);
      list = { itemNullable: item.nullable };
      schema = item.schema;
    }
    fields[name] = {
      required: object.required?.includes(name) ?? false,
      nullable,
      default: property.default === undefined ? undefined : JSON.stringify(property.default),
      list,
      value: jsonValue(schema, fieldPath),
    };
  }
  return { name: 'the document schema', fields };
}

function jsonValue(schema: JsonSchema, path: string): Value {
  if (schema.type === 'object') return { kind: 'object', level: jsonLevel(schema, path) };
  if (schema.enum) return { kind: 'enum', name: 'enum', values: schema.enum.map(String) };
  // z.literal(1), the format version: an Int to GraphQL.
  if (typeof schema.const === 'number') return { kind: 'scalar', name: Number.isInteger(schema.const) ? 'Int' : 'Float' };
  if (typeof schema.const === 'string') return { kind: 'scalar', name: 'String' };
  const scalars: Record<string, string> = { string: 'String', integer: 'Int', number: 'Float', boolean: 'Boolean' };
  const name = typeof schema.type === 'string' ? scalars[schema.type] : undefined;
  if (!name) throw new Error(`${path}: a JSON Schema type this test cannot compare (${JSON.stringify(schema)})`);
  return { kind: 'scalar', name };
}

// ---- The GraphQL side: the input type of articleImport's `input` argument, as the service builds it.

async function inputSide(schema: GraphQLSchema | Promise<GraphQLSchema> = getSchema()): Promise<Level> {
  const argument = (await schema).getMutationType()?.getFields().articleImport?.args.find((arg) => arg.name === 'input');
  const type = argument && (isNonNullType(argument.type) ? argument.type.ofType : argument.type);
  if (!isInputObjectType(type)) throw new Error('articleImport(input:) is not an input object');
  return graphqlLevel(type);
}

function graphqlLevel(type: GraphQLInputObjectType): Level {
  const fields: Record<string, FieldShape> = {};
  for (const field of Object.values(type.getFields())) {
    let inner: GraphQLInputType = isNonNullType(field.type) ? field.type.ofType : field.type;
    let list: FieldShape['list'];
    if (isListType(inner)) {
      list = { itemNullable: !isNonNullType(inner.ofType) };
      inner = isNonNullType(inner.ofType) ? inner.ofType.ofType : inner.ofType;
    }
    fields[field.name] = {
      required: isNonNullType(field.type) && field.defaultValue === undefined,
      nullable: !isNonNullType(field.type),
      default: field.defaultValue === undefined ? undefined : JSON.stringify(field.defaultValue),
      list,
      value: isInputObjectType(inner)
        ? { kind: 'object', level: graphqlLevel(inner) }
        : isEnumType(inner)
          ? { kind: 'enum', name: inner.name, values: inner.getValues().map((value) => value.name) }
          : { kind: 'scalar', name: String(inner) },
    };
  }
  return { name: type.name, fields };
}

/** The object levels of the GraphQL side, by path: what the comparison walks. */
function levels(level: Level, path = ''): Record<string, string> {
  const found: Record<string, string> = { [path || '(document)']: level.name };
  for (const [name, field] of Object.entries(level.fields)) {
    if (field.value.kind === 'object') Object.assign(found, levels(field.value.level, join(path, name)));
  }
  return found;
}

// ---- The comparison.

const describeValue = (value: Value) => (value.kind === 'object' ? 'an object' : value.kind === 'enum' ? 'an enum' : value.name);

/** Every difference between the two sides, as `path: what the document schema says, what GraphQL says`. */
function compare(document: Level, graphql: Level, path = ''): string[] {
  const differences: string[] = [];
  const names = [...new Set([...Object.keys(document.fields), ...Object.keys(graphql.fields)])].sort();
  for (const name of names) {
    const at = join(path, name);
    const ours = document.fields[name];
    const theirs = graphql.fields[name];
    if (!theirs) {
      differences.push(`${at}: in the document schema, not in ${graphql.name}`);
      continue;
    }
    if (!ours) {
      differences.push(`${at}: in ${graphql.name}, not in the document schema`);
      continue;
    }
    const differ = (a: string, b: string) => {
      if (a !== b) differences.push(`${at}: ${a} in the document schema, ${b} in ${graphql.name}`);
    };
    differ(ours.required ? 'required' : 'optional', theirs.required ? 'required' : 'optional');
    differ(ours.nullable ? 'accepts null' : 'refuses null', theirs.nullable ? 'accepts null' : 'refuses null');
    differ(ours.default ? `default ${ours.default}` : 'no default', theirs.default ? `default ${theirs.default}` : 'no default');
    differ(ours.list ? 'a list' : 'a single value', theirs.list ? 'a list' : 'a single value');
    if (ours.list && theirs.list) {
      const items = (list: { itemNullable: boolean }) => (list.itemNullable ? 'items accept null' : 'items refuse null');
      differ(items(ours.list), items(theirs.list));
    }
    const [a, b] = [ours.value, theirs.value];
    if (a.kind === 'object' && b.kind === 'object') {
      differences.push(...compare(a.level, b.level, at));
    } else if (a.kind === 'enum' && b.kind === 'enum') {
      for (const value of a.values.filter((v) => !b.values.includes(v))) differences.push(`${at}: ${value} in the document schema, not in ${b.name}`);
      for (const value of b.values.filter((v) => !a.values.includes(v))) differences.push(`${at}: ${value} in ${b.name}, not in the document schema`);
    } else if (a.kind === 'enum' && b.kind === 'scalar' && b.name === 'String') {
      // A zod enum sent as a GraphQL String (evidence `facts`): the input takes any string and the document
      // validator refuses the others with their path in `userErrors`, like the dates, codes and keys.
    } else {
      differ(describeValue(a), describeValue(b));
    }
  }
  return differences;
}

test('the document schema and the articleImport input take the same fields, equally required, with the same enums', async () => {
  expect(compare(documentSide(articleDocumentSchema), await inputSide())).toEqual([]);
});

test('the comparison walks every object of the document', async () => {
  expect(levels(await inputSide())).toEqual({
    '(document)': 'ArticleDocumentInput',
    article: 'DocumentArticleInput',
    referenceSources: 'DocumentReferenceSourceInput',
    countries: 'DocumentCountryInput',
    'countries.evidence': 'DocumentEvidenceInput',
    cities: 'DocumentCityInput',
    'cities.evidence': 'DocumentEvidenceInput',
    organizations: 'DocumentOrganizationInput',
    'organizations.evidence': 'DocumentEvidenceInput',
    people: 'DocumentPersonInput',
    'people.titles': 'DocumentPersonTitleInput',
    'people.evidence': 'DocumentEvidenceInput',
    delegations: 'DocumentDelegationInput',
    'delegations.members': 'DocumentMemberInput',
    'delegations.evidence': 'DocumentEvidenceInput',
    events: 'DocumentEventInput',
    'events.participants': 'DocumentParticipantInput',
    'events.counterparts': 'DocumentCounterpartInput',
    'events.evidence': 'DocumentEvidenceInput',
    agreements: 'DocumentAgreementInput',
    'agreements.parties': 'DocumentAgreementPartyInput',
    'agreements.evidence': 'DocumentEvidenceInput',
    images: 'DocumentImageInput',
    'images.evidence': 'DocumentEvidenceInput',
    figures: 'DocumentFigureInput',
    'figures.evidence': 'DocumentEvidenceInput',
  });
});

test('a field missing from either side is reported by its path', async () => {
  const withoutOrganizerKeys = (level: Level) => {
    const copy = structuredClone(level);
    const events = copy.fields.events?.value;
    if (events?.kind !== 'object') throw new Error('no events level');
    delete events.level.fields.organizerKeys;
    return copy;
  };
  const document = documentSide(articleDocumentSchema);
  const input = await inputSide();
  expect(compare(document, withoutOrganizerKeys(input))).toEqual(['events.organizerKeys: in the document schema, not in DocumentEventInput']);
  expect(compare(withoutOrganizerKeys(document), input)).toEqual(['events.organizerKeys: in DocumentEventInput, not in the document schema']);
});

test('a zod declaration changed on its own is reported: a new field, required-ness, list, enum values', async () => {
  const event = articleDocumentSchema.shape.events.unwrap().element;
  const changed = articleDocumentSchema.extend({
    events: z
      .array(
        event.extend({
          sponsorKeys: z.array(z.string()).default([]),
          description: z.string(),
          organizerKeys: z.string().nullish(),
          kind: z.enum([...event.shape.kind.options.filter((kind) => kind !== 'OTHER'), 'FAIR']),
        }),
      )
      .default([]),
  });
  expect(compare(documentSide(changed), await inputSide())).toEqual([
    'events.description: required in the document schema, optional in DocumentEventInput',
    'events.description: refuses null in the document schema, accepts null in DocumentEventInput',
    'events.kind: FAIR in the document schema, not in EventKind',
    'events.kind: OTHER in EventKind, not in the document schema',
    'events.organizerKeys: accepts null in the document schema, refuses null in DocumentEventInput',
    'events.organizerKeys: no default in the document schema, default [] in DocumentEventInput',
    'events.organizerKeys: a single value in the document schema, a list in DocumentEventInput',
    'events.sponsorKeys: in the document schema, not in DocumentEventInput',
  ]);
});
