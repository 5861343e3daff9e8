import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Db } from '../../db/client.js';
import { HttpError, sendJson } from '../../shared/http.js';
import type { CsvOptions } from './export.format.js';
import { agreementParameterRules, agreementsCsv } from './export.agreements.js';
import { eventParameterRules, eventsCsv, eventsGeoJson } from './export.events.js';
import { figureParameterRules, figuresCsv } from './export.figures.js';
import { csvOptionsFromQuery, InvalidParameters, whereFromQuery } from './export.params.js';

export const EXPORT_PATH_PREFIX = '/export/';

interface ExportRoute {
  contentType: string;
  /** The body as chunks; validates the query parameters at once, throwing InvalidParameters. */
  open: (db: Db, query: URLSearchParams) => Promise<AsyncIterable<string>>;
}

/** A CSV export: its filter parameters, then `escapeFormulas` (export.format.ts). */
function csvRoute<Where>(rules: Parameters<typeof whereFromQuery<Where>>[2], document: (db: Db, where: Where, options: CsvOptions) => AsyncIterable<string>): ExportRoute {
  return {
    contentType: 'text/csv; charset=utf-8',
    open: async (db, query) => {
      const { options, errors } = csvOptionsFromQuery(query);
      return document(db, await whereFromQuery(db, query, rules, errors), options);
    },
  };
}

const routes = new Map<string, ExportRoute>([
  ['events.csv', csvRoute(eventParameterRules, eventsCsv)],
  ['agreements.csv', csvRoute(agreementParameterRules, agreementsCsv)],
  ['figures.csv', csvRoute(figureParameterRules, figuresCsv)],
  // GeoJSON is data for map tools, not a spreadsheet: its values stay verbatim.
  ['events.geojson', { contentType: 'application/geo+json', open: async (db, query) => eventsGeoJson(db, await whereFromQuery(db, query, eventParameterRules)) }],
]);

/** GET /export/<file>: every record matching the query parameters, streamed as it is read. */
export async function handleExport(db: Db, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const filename = url.pathname.slice(EXPORT_PATH_PREFIX.length);
  const route = routes.get(filename);
  if (!route) {
    const known = [...routes.keys()].map((name) => EXPORT_PATH_PREFIX + name).join(', ');
    throw new HttpError(404, 'NOT_FOUND', `no export ${url.pathname}; exports are ${known}`);
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed here; use GET`, { allow: 'GET, HEAD' });
  let body: AsyncIterable<string>;
  try {
    body = await route.open(db, url.searchParams);
  } catch (error) {
    if (!(error instanceof InvalidParameters)) throw error;
    return sendJson(res, 400, { errors: error.errors.map(({ message, extensions }) => ({ message, extensions })) });
  }
  const headers = { 'content-type': route.contentType, 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' };
  if (req.method === 'HEAD') return sendHeadersOnly(res, headers);
  await stream(res, headers, body);
}

function sendHeadersOnly(res: ServerResponse, headers: OutgoingHttpHeaders): void {
  res.writeHead(200, headers);
  res.end();
}

/**
 * Writes the chunks as they come, waiting for 'drain' whenever the client reads slower than the
 * database, so only about one batch is ever held. Headers go with the first chunk: a failure before it is
 * a clean 500 (http/request-listener.ts); after it the caller destroys the socket, so the download shows
 * as truncated.
 */
async function stream(res: ServerResponse, headers: OutgoingHttpHeaders, chunks: AsyncIterable<string>): Promise<void> {
  for await (const chunk of chunks) {
    if (!res.headersSent) res.writeHead(200, headers);
    if (!res.write(chunk) && !res.destroyed) await drainedOrClosed(res);
    if (res.destroyed) return; // the client has gone: stop reading the database
  }
  if (!res.headersSent) res.writeHead(200, headers);
  res.end();
}

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
