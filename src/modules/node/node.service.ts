import type { Context, Loaders } from '../../context.js';
import { badUserInput } from '../../shared/errors.js';
import { decodeGlobalId, type NodeType } from '../../shared/global-id.js';
import { survivorOf } from '../organization/merged.js';
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
  Person: 'person',
  Figure: 'figure',
};

/** Any object by its global ID, tagged with its type; null when the ID is well formed but matches nothing. */
export async function findNode({ db, loaders }: Context, id: string, argumentPath: (string | number)[]) {
  const decoded = decodeGlobalId(id);
  if (!decoded) throw badUserInput(`${JSON.stringify(id)} is not a valid ID`, argumentPath);
  const found = await loadNode(loaders, decoded.type, decoded.id);
  if (found || decoded.type !== 'Organization') return found;
  // A merged organization's ID resolves to the organization it was merged into.
  const survivor = await survivorOf(db, decoded.id);
  return survivor && { ...survivor, [typename]: 'Organization' as const };
}

/** A record of a known type by its numeric id, tagged with its type; null when there is none. */
export async function loadNode(loaders: Loaders, type: NodeType, id: number) {
  const loader = loaders[loaderOf[type]] as Loaders['article'];
  const row = await loader.load(id);
  return row && { ...row, [typename]: type };
}
