/**
 * The GraphiQL landing page and the script that starts it. Every URL in the page is relative, so it loads its
 * assets from the server that served it (also behind a proxy that mounts the service under a prefix).
 */

/** Shown in the query editor on a first visit (GraphiQL keeps the user's own tabs after that). */
const DEFAULT_QUERY = `# delegation-graph. Ctrl-Enter runs the query;
# the book icon (top left) opens the schema's docs.
{
  delegations(first: 5) {
    totalCount
    nodes { name startDate endDate countriesVisited { name } }
  }
}
`;

/**
 * Starts GraphiQL (React 18 and GraphiQL's UMD bundles set the globals). A file, not an inline script, so
 * the page's Content-Security-Policy can allow scripts from its own origin only.
 */
export const START_SCRIPT = `'use strict';
(function () {
  // The GraphQL endpoint is the page's own URL: Apollo serves this page for browsers at the endpoint.
  var url = window.location.origin + window.location.pathname;
  // Plain JSON POSTs (Content-Type: application/json passes Apollo's CSRF prevention); no @defer here.
  // Subscriptions over WebSocket at the same URL; the Headers tab's JSON is sent as connection_init's
  // payload, so { "authorization": "Bearer <key>" } there authenticates both.
  var fetcher = GraphiQL.createFetcher({ url: url, subscriptionUrl: url.replace(/^http/, 'ws'), enableIncrementalDelivery: false });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: ${JSON.stringify(DEFAULT_QUERY)} }));
})();
`;

/** The allow-list of what the page may load: its own origin only (no CDN), images and fonts also inline. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // GraphiQL's components set inline styles.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** `assetBase` is the assets' folder relative to the GraphQL URL, with a trailing slash (`explorer/<build>/`). */
export function renderGraphiqlPage(assetBase: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
  <meta name="robots" content="noindex">
  <title>delegation-graph · GraphiQL</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="${assetBase}graphiql.min.css">
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <noscript>GraphiQL needs JavaScript. Without it, send queries with any GraphQL client: POST JSON to this URL.</noscript>
  <script src="${assetBase}react.production.min.js"></script>
  <script src="${assetBase}react-dom.production.min.js"></script>
  <script src="${assetBase}graphiql.min.js"></script>
  <script src="${assetBase}start.js"></script>
</body>
</html>
`;
}
