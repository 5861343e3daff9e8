import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { errorBody, sendImmutableAsset, sendJson } from '../../shared/http.js';
import { explorerSource, type ExplorerFile } from './explorer.files.js';
import { START_SCRIPT } from './explorer.page.js';

/** Where the explorer's assets are served: `/explorer/<build>/<file>`. */
export const EXPLORER_PATH_PREFIX = '/explorer/';

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

interface AssetSource {
  contentType: string;
  /** One of the explorer's files (see explorer.files.ts): only these paths are ever read. */
  file?: ExplorerFile;
  text?: string;
}

/** The allow-list: a request names one of these keys, never a path on disk. */
const SOURCES = new Map<string, AssetSource>([
  ['react.production.min.js', { contentType: JS, file: 'react.production.min.js' }],
  ['react-dom.production.min.js', { contentType: JS, file: 'react-dom.production.min.js' }],
  ['graphiql.min.js', { contentType: JS, file: 'graphiql.min.js' }],
  ['graphiql.min.css', { contentType: CSS, file: 'graphiql.min.css' }],
  ['start.js', { contentType: JS, text: START_SCRIPT }],
]);

export type Encoding = 'br' | 'gzip' | 'identity';

/** One file's bytes, each encoding made once on first request and kept in memory (GraphiQL's bundle is 1 MB). */
interface LoadedAsset {
  contentType: string;
  bodies: Map<Encoding, Promise<Buffer>>;
  raw: () => Promise<Buffer>;
}

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** The bytes of a static asset in one encoding (the explorer's and the review page's). */
export function compress(encoding: Encoding, raw: Buffer): Promise<Buffer> {
  if (encoding === 'gzip') return gzipAsync(raw, { level: 9 });
  // Quality 9: within 10% of the maximum (11) at a tenth of its time (0.3 s for GraphiQL's bundle).
  if (encoding === 'br') return brotliAsync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } });
  return Promise.resolve(raw);
}

/** The best encoding the client accepts (q > 0), preferring brotli, then gzip, then none. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q === undefined ? 1 : Number(q.slice(2)) || 0);
  }
  const allows = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (allows('br')) return 'br';
  if (allows('gzip')) return 'gzip';
  return 'identity';
}


/** The explorer's static files, under a path that changes whenever any of them can change. */
export function createAssetServer() {
  const origin = explorerSource();
  const versions = Object.entries(origin.versions).map(([pkg, version]) => `${pkg}@${version}`);
  // The packages' versions and our own script decide every byte served, so they make the path (and ETag).
  const digest = createHash('sha256').update(JSON.stringify([versions, START_SCRIPT])).digest('hex').slice(0, 10);
  const build = `graphiql-${origin.versions.graphiql}-${digest}`;
  const base = `${EXPLORER_PATH_PREFIX}${build}/`;

  const assets = new Map<string, LoadedAsset>();
  for (const [name, source] of SOURCES) {
    let raw: Promise<Buffer> | undefined;
    const load = () => {
      const { file, text } = source;
      return file ? readFile(origin.fileOf(file)) : Promise.resolve(Buffer.from(text ?? '', 'utf8'));
    };
    assets.set(name, {
      contentType: source.contentType,
      bodies: new Map(),
      raw: () => (raw ??= load().catch((error: unknown) => {
        raw = undefined;
        throw error;
      })),
    });
  }

  function body(asset: LoadedAsset, encoding: Encoding): Promise<Buffer> {
    let promise = asset.bodies.get(encoding);
    if (!promise) {
      promise = asset.raw().then((raw) => compress(encoding, raw));
      promise.catch(() => asset.bodies.delete(encoding));
      asset.bodies.set(encoding, promise);
    }
    return promise;
  }

  return {
    /** The assets' folder relative to the GraphQL URL (`/graphql` -> `explorer/<build>/`). */
    relativeBase: base.slice(1),
    /** Absolute path of the assets' folder, for tests and logs. */
    base,
    names: [...SOURCES.keys()],

    /** Serves `/explorer/<build>/<file>`; false for any path outside `/explorer/`. */
    async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
      if (!url.pathname.startsWith(EXPLORER_PATH_PREFIX)) return false;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendJson(res, 405, errorBody('METHOD_NOT_ALLOWED', `method ${req.method} not allowed for explorer assets; use GET or HEAD`), { allow: 'GET, HEAD' });
        return true;
      }
      const asset = url.pathname.startsWith(base) ? assets.get(url.pathname.slice(base.length)) : undefined;
      if (!asset) {
        sendJson(res, 404, errorBody('NOT_FOUND', `no explorer asset ${url.pathname}`));
        return true;
      }

      const encoding = chooseEncoding(req.headers['accept-encoding']);
      await sendImmutableAsset(req, res, { etag: `"${build}-${encoding}"`, contentType: asset.contentType, encoding, bytes: () => body(asset, encoding) });
      return true;
    },
  };
}
