import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { importDocument, type ImportReport } from './import.service.js';
import { seedDir } from '../../shared/paths.js';
import type { Db } from '../../db/client.js';

/** The seed documents under prisma/seed/, in file-name order. */
export function seedDocuments(dir = seedDir): { file: string; document: unknown }[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, document: JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as unknown }));
}

/** Loads every seed document through the import path; a document already loaded is a no-op. */
export async function seed(db: Db): Promise<ImportReport[]> {
  const reports: ImportReport[] = [];
  for (const { document } of seedDocuments()) reports.push(await importDocument(db, document, { actor: 'seed' }));
  return reports;
}
