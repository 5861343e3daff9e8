import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** A JSON response, for the routes beside GraphQL (health, exports, explorer assets). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** An error body shaped like a GraphQL response's, so clients read every error the same way. */
export function errorBody(code: string, message: string) {
  return { errors: [{ message, extensions: { code } }] };
}
