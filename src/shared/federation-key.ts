/** Federation 2: every Node type is an entity, keyed by its global ID (a gateway fetches it through `_entities`). */
export const FEDERATION_KEY = '@key(fields: "id")';
