// Builds the gazetteer's index (GeoNames cities500 into a read-only SQLite file) ahead of the first start:
//   npm run gazetteer                 at the default path (node_modules/.cache/delegation-graph/)
//   GAZETTEER_FILE=/path npm run gazetteer
// The service builds it by itself when missing; the Dockerfile runs this so a container starts at once.
import { rmSync } from 'node:fs';
import { buildGazetteer, defaultGazetteerFile } from '../src/reference/gazetteer.js';

const file = process.env.GAZETTEER_FILE || defaultGazetteerFile();
rmSync(file, { force: true });
const started = performance.now();
const { places, names } = buildGazetteer(file);
console.log(`wrote ${file}: ${places} places, ${names} names, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
