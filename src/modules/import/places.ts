import { gazetteer, type Place } from '../../reference/gazetteer.js';
import type { PlaceCandidate } from '../../shared/errors.js';
import type { Issue, Path } from './checks.js';
import type { ArticleDocument } from './document.js';

// Where a document's city is: a gazetteer place found by the mention (the name as the article spells it)
// within the stated country, or by its geonameId; or, in version 2, a place the gazetteer lacks, typed
// by the editor and marked as such. The validator reports what `locate` finds wrong; the writer then
// locates again (one indexed read) and stores the gazetteer's values, never the document's.

type City = ArticleDocument['cities'][number];

/** How far (in degrees) a version-1 document's coordinates may be from the gazetteer's before it is an error. */
export const COORDINATE_TOLERANCE = 0.1;

export const candidateOf = (place: Place): PlaceCandidate => ({
  geonameId: place.geonameId,
  name: place.name,
  countryCode: place.countryCode,
  region: place.region,
  population: place.population,
});

const described = (place: Place) => `${place.name} (geonameId ${place.geonameId}${place.region ? `, ${place.region}` : ''}, ${place.countryCode}, population ${place.population})`;

export type Located =
  | { place: Place; issues: [] }
  | { place: null; issues: Issue[] };

/** The gazetteer place of a document's city, or null for an unlisted one; with what is wrong, if anything. */
export function locate(city: City, path: Path): Located {
  if (city.unlisted) {
    const found = gazetteer().resolve(city.name, city.countryCode);
    if (found.kind === 'FOUND') {
      return { place: null, issues: [{ segments: [...path, 'unlisted'], code: 'INVALID_VALUE', message: `the gazetteer has ${described(found.place)}: give its geonameId instead of an unlisted place`, candidates: [candidateOf(found.place)] }] };
    }
    return { place: null, issues: [] };
  }
  if (city.geonameId != null) {
    const place = gazetteer().place(city.geonameId);
    if (!place) return { place: null, issues: [{ segments: [...path, 'geonameId'], code: 'UNKNOWN_PLACE', message: `the gazetteer has no place ${city.geonameId}` }] };
    if (place.countryCode !== city.countryCode) {
      return { place: null, issues: [{ segments: [...path, 'countryCode'], code: 'COUNTRY_MISMATCH', message: `${described(place)} is in ${place.countryCode}, not ${city.countryCode}`, candidates: [candidateOf(place)] }] };
    }
    return checkStated(city, path, place);
  }
  const found = gazetteer().resolve(city.name, city.countryCode);
  if (found.kind === 'FOUND') return checkStated(city, path, found.place);
  if (found.kind === 'AMBIGUOUS') {
    const shown = found.candidates.slice(0, 10);
    return { place: null, issues: [{
      segments: [...path, 'name'],
      code: 'AMBIGUOUS_PLACE',
      message: `${found.candidates.length} places in ${city.countryCode} are called ${JSON.stringify(city.name)}: ${shown.map(described).join('; ')}${found.candidates.length > shown.length ? '; ...' : ''}. Give the geonameId of the one meant (document version 2)`,
      candidates: shown.map(candidateOf),
    }] };
  }
  if (found.elsewhere.length > 0) {
    return { place: null, issues: [{
      segments: [...path, 'countryCode'],
      code: 'COUNTRY_MISMATCH',
      message: `the gazetteer has no ${JSON.stringify(city.name)} in ${city.countryCode}; it has ${found.elsewhere.map(described).join('; ')}`,
      candidates: found.elsewhere.map(candidateOf),
    }] };
  }
  return { place: null, issues: [{ segments: [...path, 'name'], code: 'UNKNOWN_PLACE', message: `the gazetteer has no place called ${JSON.stringify(city.name)} in ${city.countryCode}${city.unlisted ? '' : ' (a place it lacks can be added as unlisted, document version 2)'}` }] };
}

/** A version-1 city's typed values against the gazetteer: within the tolerance the gazetteer decides; beyond it, an error. */
function checkStated(city: City, path: Path, place: Place): Located {
  const issues: Issue[] = [];
  for (const field of ['latitude', 'longitude'] as const) {
    const stated = city[field];
    if (stated != null && Math.abs(stated - place[field]) > COORDINATE_TOLERANCE) {
      issues.push({ segments: [...path, field], code: 'REFERENCE_MISMATCH', message: `${field} ${stated} is more than ${COORDINATE_TOLERANCE} degree from the gazetteer's ${place[field]} for ${described(place)}` });
    }
  }
  if (city.isCapital != null && city.isCapital !== place.isCapital) {
    issues.push({ segments: [...path, 'isCapital'], code: 'REFERENCE_MISMATCH', message: `the gazetteer says ${described(place)} is ${place.isCapital ? '' : 'not '}its country's capital` });
  }
  return issues.length === 0 ? { place, issues: [] } : { place: null, issues };
}

/** The mark of a place the gazetteer lacks: its values are the article's, not reference data. */
export const ARTICLE_SOURCE = {
  key: 'article',
  name: 'Stated by the article that added the place (not in the gazetteer; not reference data)',
  url: null,
};

/** A city row's values from its gazetteer place. */
export function placeData(place: Place, countryId: number, referenceSourceId: number) {
  return {
    geonameId: place.geonameId,
    name: place.name,
    countryId,
    region: place.region,
    population: place.population,
    isCapital: place.isCapital,
    latitude: place.latitude,
    longitude: place.longitude,
    referenceSourceId,
  };
}
