import { STATUS_CODES, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';

/** A JSON response, for the routes beside GraphQL (health, exports, explorer assets). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** An error body shaped like a GraphQL response's, so clients read every error the same way. */
export function errorBody(code: string, message: string, extensions: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { code, ...extensions } }] };
}

/**
 * `errorBody` as a whole HTTP/1.1 response that closes the connection, for a socket Node's HTTP server does not
 * answer itself (a connection over the per-client cap, a refused WebSocket upgrade).
 */
export function rawErrorResponse(status: number, code: string, message: string, headers: Record<string, string> = {}): string {
  const body = JSON.stringify(errorBody(code, message));
  const head = Object.entries({ 'content-type': 'application/json; charset=utf-8', connection: 'close', 'content-length': String(Buffer.byteLength(body)), ...headers })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${head}\r\n${body}`;
}

/** A refusal outside GraphQL execution: http/request-listener.ts sends it as `status` with `errorBody(code, message)`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    /** More fields for the error's `extensions`, such as `argumentPath`. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/**
 * Sends a static asset whose URL changes with its bytes: cached for a year, revalidated by its etag (304 when
 * the client has it), in the encoding chosen for the request. `bytes` is only asked for when it is sent.
 */
export async function sendImmutableAsset(
  req: IncomingMessage,
  res: ServerResponse,
  asset: { etag: string; contentType: string; encoding: 'br' | 'gzip' | 'identity'; bytes: () => Buffer | Promise<Buffer> },
): Promise<void> {
  const headers = { 'cache-control': 'public, max-age=31536000, immutable', etag: asset.etag, vary: 'accept-encoding' };
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === asset.etag || tag.trim() === '*')) {
    res.writeHead(304, headers).end();
    return;
  }
  const bytes = await asset.bytes();
  res.writeHead(200, {
    ...headers,
    'content-type': asset.contentType,
    'content-length': String(bytes.length),
    'x-content-type-options': 'nosniff',
    ...(asset.encoding === 'identity' ? {} : { 'content-encoding': asset.encoding }),
  });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}
