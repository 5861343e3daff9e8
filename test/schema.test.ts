import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType } from 'graphql';
import { expect, test } from 'vitest';
import { getSchema, printSdl } from '../src/schema.js';
import { projectRoot } from '../src/shared/paths.js';

test('schema.graphql is the schema the code builds (run npm run schema:emit after an API change)', async () => {
  expect(readFileSync(path.join(projectRoot, 'schema.graphql'), 'utf8')).toBe(await printSdl());
});

test('every type, field, argument and enum value is described, for the people reading it in an explorer', async () => {
  const schema = await getSchema();
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || (isScalarType(type) && !type.description && ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name))) continue;
    if (!['Query', 'Mutation', 'Subscription'].includes(type.name) && !type.description) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
    if (isEnumType(type)) for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
  }
  expect(missing).toEqual([]);
});
