import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { errorBody, sendImmutableAsset, sendJson } from '../../shared/http.js';
import { chooseEncoding, compress, type Encoding } from '../explorer/explorer.assets.js';
import { reviewFiles, reviewFilesDir } from './review.files.js';

/**
 * The evidence review page (`/review`): a client of the public GraphQL API that drafts or opens an import
 * document, shows every quote in the article's text, and imports what the editor accepts. Always on (the
 * EXPLORER setting is about /graphql); every asset comes from this service, under `/review/<digest>/`.
 */
export const REVIEW_PATH = '/review';

/** Its own origin only, like the explorer's; no inline script. Also in the page, for a copy saved to disk. */
const PAGE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
/** No framing by other sites: a header only (browsers ignore frame-ancestors in a meta element). */
const CONTENT_SECURITY_POLICY = `${PAGE_POLICY}; frame-ancestors 'none'`;

const CONTENT_TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/** Every URL is relative to the page (`review/<digest>/review.js`, `graphql`), so it works under a path prefix. */
function renderPage(assetBase: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta http-equiv="Content-Security-Policy" content="${PAGE_POLICY}">
  <meta name="robots" content="noindex">
  <title>delegation-graph · evidence review</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="${assetBase}review.css">
  <script src="${assetBase}review.js" defer></script>
</head>
<body>
  <noscript>The review page needs JavaScript. Without it, use the GraphQL API: articleDraft and articleImport (docs/review.md).</noscript>
  <div id="app" hidden></div>
</body>
</html>
`;
}

interface Asset {
  contentType: string;
  raw: Buffer;
  /** Each encoding made on its first request, as the explorer's assets are. */
  encoded: Map<Encoding, Promise<Buffer>>;
}

function encode(asset: Asset, encoding: Encoding): Promise<Buffer> {
  let bytes = asset.encoded.get(encoding);
  if (!bytes) {
    bytes = compress(encoding, asset.raw);
    asset.encoded.set(encoding, bytes);
  }
  return bytes;
}

export function createReviewPage() {
  const dir = reviewFilesDir();
  const assets = new Map<string, Asset>(
    reviewFiles.map((name) => [name, { contentType: CONTENT_TYPES[path.extname(name)]!, raw: readFileSync(path.join(dir, name)), encoded: new Map() }]),
  );
  // The files' bytes make the path: a changed script gets a new URL, so the old one may be cached for a year.
  const hash = createHash('sha256');
  for (const [name, asset] of assets) hash.update(name).update(asset.raw);
  const digest = hash.digest('hex').slice(0, 12);
  const base = `${REVIEW_PATH}/${digest}/`;
  const html = Buffer.from(renderPage(base.slice(1)), 'utf8');

  function sendPage(req: IncomingMessage, res: ServerResponse) {
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': String(html.length),
      'content-security-policy': CONTENT_SECURITY_POLICY,
      // The page names the current assets' digest: revalidate it, keep the assets.
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    res.end(req.method === 'HEAD' ? undefined : html);
  }

  function sendAsset(req: IncomingMessage, res: ServerResponse, asset: Asset) {
    const encoding = chooseEncoding(req.headers['accept-encoding']);
    return sendImmutableAsset(req, res, { etag: `"review-${digest}-${encoding}"`, contentType: asset.contentType, encoding, bytes: () => encode(asset, encoding) });
  }

  return {
    /** Absolute path of the assets' folder, for tests. */
    base,
    /** Serves `/review` and `/review/<digest>/<file>`; false for every other path. */
    async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
      const { pathname } = url;
      if (pathname !== REVIEW_PATH && !pathname.startsWith(`${REVIEW_PATH}/`)) return false;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendJson(res, 405, errorBody('METHOD_NOT_ALLOWED', `method ${req.method} not allowed for the review page; use GET or HEAD`), { allow: 'GET, HEAD' });
        return true;
      }
      if (pathname === REVIEW_PATH) {
        sendPage(req, res);
        return true;
      }
      // `/review/` would resolve the page's relative URLs one folder too deep.
      if (pathname === `${REVIEW_PATH}/`) {
        res.writeHead(301, { location: `../review${url.search}` }).end();
        return true;
      }
      const asset = pathname.startsWith(base) ? assets.get(pathname.slice(base.length)) : undefined;
      if (!asset) {
        sendJson(res, 404, errorBody('NOT_FOUND', `no review page asset ${pathname}`));
        return true;
      }
      await sendAsset(req, res, asset);
      return true;
    },
  };
}
