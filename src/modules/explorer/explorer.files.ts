import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { projectRoot } from '../../shared/paths.js';

/** The browser files the explorer serves, by the name they are served under, from their packages. */
export const explorerFiles = {
  'react.production.min.js': { pkg: 'react', path: 'umd/react.production.min.js' },
  'react-dom.production.min.js': { pkg: 'react-dom', path: 'umd/react-dom.production.min.js' },
  'graphiql.min.js': { pkg: 'graphiql', path: 'graphiql.min.js' },
  'graphiql.min.css': { pkg: 'graphiql', path: 'graphiql.min.css' },
} as const;
export type ExplorerFile = keyof typeof explorerFiles;

const packages = ['graphiql', 'react', 'react-dom'] as const;

/** Where the build copies them (scripts/bundle-explorer.ts), for installs without the packages. */
export const bundledAssetsDir = path.join(projectRoot, 'dist', 'explorer-assets');

const require = createRequire(import.meta.url);

export function installedPackageDir(pkg: string): string {
  return path.dirname(require.resolve(`${pkg}/package.json`));
}

export function installedVersions(): Record<string, string> {
  return Object.fromEntries(
    packages.map((pkg) => [pkg, (JSON.parse(readFileSync(path.join(installedPackageDir(pkg), 'package.json'), 'utf8')) as { version: string }).version]),
  );
}

function installed(): boolean {
  try {
    installedPackageDir('graphiql');
    return true;
  } catch {
    return false;
  }
}

/**
 * Where each file is read from, and the versions that decide its bytes: the installed packages when
 * present (development, tests), else the copies the build made (a production install).
 */
export function explorerSource(): { fileOf: (name: ExplorerFile) => string; versions: Record<string, string> } {
  if (installed()) {
    return { fileOf: (name) => path.join(installedPackageDir(explorerFiles[name].pkg), explorerFiles[name].path), versions: installedVersions() };
  }
  const manifest = path.join(bundledAssetsDir, 'versions.json');
  if (!existsSync(manifest)) throw new Error(`the explorer's files are neither installed (graphiql) nor bundled in ${bundledAssetsDir}: run npm run build`);
  return { fileOf: (name) => path.join(bundledAssetsDir, name), versions: JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, string> };
}
