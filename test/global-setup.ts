import { openGazetteer } from '../src/reference/gazetteer.js';

// Once per test run, before any worker: the gazetteer's index is built here when missing (a few seconds on
// a fresh clone), so the workers only open it.
export default function setup() {
  openGazetteer().gazetteer.close();
}
