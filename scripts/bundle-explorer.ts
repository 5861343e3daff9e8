// Copies the explorer's browser files (GraphiQL, React) into dist/explorer-assets with their versions, at
// build time. The service serves them from there when the packages are not installed: they are dev
// dependencies, so a production install (the container) carries 1.6 MB of files instead of the packages'
// 110 MB of dependency trees the browser never uses.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundledAssetsDir, explorerFiles, installedPackageDir, installedVersions } from '../src/modules/explorer/explorer.files.js';

mkdirSync(bundledAssetsDir, { recursive: true });
for (const [name, file] of Object.entries(explorerFiles)) {
  copyFileSync(path.join(installedPackageDir(file.pkg), file.path), path.join(bundledAssetsDir, name));
}
writeFileSync(path.join(bundledAssetsDir, 'versions.json'), `${JSON.stringify(installedVersions(), null, 2)}\n`);
console.log(`copied the explorer's files to ${path.relative(process.cwd(), bundledAssetsDir)}`);
