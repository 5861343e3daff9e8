import { badUserInput } from './errors.js';

/** Every type that implements Node, by the name its global IDs carry. */
export const nodeTypes = ['Article', 'Delegation', 'Event', 'Agreement', 'Image', 'Organization', 'City', 'Country', 'Person', 'Figure'] as const;
export type NodeType = (typeof nodeTypes)[number];

/** Opaque global ID: base64url of `Type:id`. Clients must not parse it; we may change its inside. */
export function toGlobalId(type: NodeType, id: number): string {
  return Buffer.from(`${type}:${id}`).toString('base64url');
}

/** Decodes a global ID, or returns null when it is not one of ours. */
export function decodeGlobalId(value: string): { type: NodeType; id: number } | null {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) return null;
  const match = /^([A-Za-z]+):([1-9][0-9]{0,15})$/.exec(Buffer.from(value, 'base64url').toString('utf8'));
  if (!match || !(nodeTypes as readonly string[]).includes(match[1]!)) return null;
  const id = Number(match[2]);
  return Number.isSafeInteger(id) ? { type: match[1] as NodeType, id } : null;
}

/** The numeric id behind a global ID argument that must be of `type`; a BAD_USER_INPUT error otherwise. */
export function idOf(type: NodeType, value: string, argumentPath: readonly (string | number)[]): number {
  const decoded = decodeGlobalId(value);
  if (!decoded) throw badUserInput(`${JSON.stringify(value)} is not a valid ID`, argumentPath);
  if (decoded.type !== type) throw badUserInput(`expected the ID of ${article(type)}, got the ID of ${article(decoded.type)}`, argumentPath);
  return decoded.id;
}

function article(type: NodeType): string {
  return `${/^[AEIOU]/.test(type) ? 'an' : 'a'} ${type}`;
}
