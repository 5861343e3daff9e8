import { stringify } from 'csv-stringify/sync';

/** The text around a streamed document's items: `open`, items joined by `separator`, then `close`. */
export interface Frame {
  open: string;
  separator: string;
  close: string;
}

/**
 * A document as chunks, one per batch of items. The opening goes out with the first batch, so a failure
 * reading it happens before any byte is sent and the client still gets a clean error response.
 */
export async function* framedText(frame: Frame, batches: AsyncIterable<string[]>): AsyncGenerator<string> {
  let prefix = frame.open;
  let started = false;
  for await (const items of batches) {
    if (items.length === 0) continue;
    yield prefix + items.join(frame.separator);
    prefix = frame.separator;
    started = true;
  }
  yield (started ? '' : frame.open) + frame.close;
}

/** One CSV column: its snake_case header and how a record fills it (null is an empty cell). */
export interface CsvColumn<T> {
  header: string;
  value: (record: T) => string | number | null;
}

/** How a CSV document writes its values. */
export interface CsvOptions {
  /**
   * A text value starting with = + - @, a tab or a carriage return gets a leading `'` (OWASP's advice on CSV
   * injection): a spreadsheet would run it as a formula, and the values come from third-party article text.
   * Numbers are never changed. Off (`escapeFormulas=false`) for pipelines that need the values verbatim.
   */
  escapeFormulas: boolean;
}

// RFC 4180: CRLF line ends, and a field holding a comma, quote, CR or LF is quoted with its quotes doubled
// (csv-stringify stops quoting a lone CR or LF once record_delimiter is set, hence quote_record_delimiter).
function csvLines(rows: (string | number | null)[][], options: CsvOptions): string {
  return stringify(rows, { record_delimiter: 'windows', quote_record_delimiter: true, escape_formulas: options.escapeFormulas });
}

/** A CSV document: the header row, then one row per record. */
export function csvDocument<T>(columns: readonly CsvColumn<T>[], batches: AsyncIterable<T[]>, options: CsvOptions): AsyncGenerator<string> {
  return framedText({ open: csvLines([columns.map((column) => column.header)], options), separator: '', close: '' }, csvBatches(columns, batches, options));
}

async function* csvBatches<T>(columns: readonly CsvColumn<T>[], batches: AsyncIterable<T[]>, options: CsvOptions): AsyncGenerator<string[]> {
  for await (const records of batches) yield [csvLines(records.map((record) => columns.map((column) => column.value(record))), options)];
}

/** An RFC 7946 point: `[longitude, latitude]`. */
export interface PointGeometry {
  type: 'Point';
  coordinates: [number, number];
}

export interface Feature {
  type: 'Feature';
  id: string;
  /** Null for a record without a known place: RFC 7946 allows unlocated features. */
  geometry: PointGeometry | null;
  properties: Record<string, unknown>;
}

export function point(place: { latitude: number; longitude: number }): PointGeometry {
  return { type: 'Point', coordinates: [place.longitude, place.latitude] };
}

/** An RFC 7946 FeatureCollection, streamed as text one batch of features at a time. */
export function featureCollection<T>(toFeature: (record: T) => Feature, batches: AsyncIterable<T[]>): AsyncGenerator<string> {
  return framedText({ open: '{"type":"FeatureCollection","features":[', separator: ',', close: ']}' }, featureBatches(toFeature, batches));
}

async function* featureBatches<T>(toFeature: (record: T) => Feature, batches: AsyncIterable<T[]>): AsyncGenerator<string[]> {
  for await (const records of batches) yield records.map((record) => JSON.stringify(toFeature(record)));
}
