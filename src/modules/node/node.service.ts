import type { Context, Loaders } from '../../context.js';
import { badUserInput } from '../../shared/errors.js';
import { decodeGlobalId, type NodeType } from '../../shared/global-id.js';
import { typename } from './node.type.js';

const loaderOf: Record<NodeType, keyof Loaders> = {
  Article: 'article',
  Delegation: 'delegation',
  Event: 'event',
  Agreement: 'agreement',
  Image: 'image',
  Organization: 'organization',
  City: 'city',
  Country: 'country',
};

/** Any object by its global ID, tagged with its type; null when the ID is well formed but matches nothing. */
export async function findNode({ loaders }: Context, id: string, argumentPath: (string | number)[]) {
  const decoded = decodeGlobalId(id);
  if (!decoded) throw badUserInput(`${JSON.stringify(id)} is not a valid ID`, argumentPath);
  const loader = loaders[loaderOf[decoded.type]] as Loaders['article'];
  const row = await loader.load(decoded.id);
  return row && { ...row, [typename]: decoded.type };
}
