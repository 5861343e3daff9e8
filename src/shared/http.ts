import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** A JSON response, for the routes beside GraphQL (health, exports, explorer assets). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** An error body shaped like a GraphQL response's, so clients read every error the same way. */
export function errorBody(code: string, message: string, extensions: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { code, ...extensions } }] };
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
