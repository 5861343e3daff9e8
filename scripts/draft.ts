// Drafts an article's import document from its text file, as the articleDraft mutation does. Writes nothing.
//   npm run -s draft -- article.txt [--title "..."] [--published-on YYYY-MM-DD] [--url ...] [--source ...] > draft.json
// The document goes to standard output (or --out FILE); the notes (what to check) to standard error. Without
// --title the file's first line is the title; the body is the whole file, as it will be stored.
// Then: review it (or open it on the /review page), and `npm run import -- draft.json`.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { draftFromInput } from '../src/modules/draft/draft.service.js';

const usage = 'usage: npm run -s draft -- <article.txt> [--title TEXT] [--published-on YYYY-MM-DD] [--url URL] [--source TEXT] [--language en] [--out FILE]';
let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { title: { type: 'string' }, 'published-on': { type: 'string' }, url: { type: 'string' }, source: { type: 'string' }, language: { type: 'string' }, out: { type: 'string' } },
  });
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
const { values, positionals } = parsed;
if (positionals.length !== 1) {
  console.error(usage);
  process.exit(2);
}
const published = values['published-on'];
if (published !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(published)) {
  console.error(`--published-on must be a day written YYYY-MM-DD, got ${JSON.stringify(published)}`);
  process.exit(2);
}

let body: string;
try {
  body = readFileSync(positionals[0]!, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
} catch (error) {
  console.error(`${positionals[0]}: cannot read the article: ${(error as Error).message}`);
  process.exit(1);
}
const title = values.title ?? body.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
const { document, notes, userErrors } = draftFromInput({ title, body, url: values.url ?? null, publishedOn: published ?? null, source: values.source ?? null, language: values.language ?? null });
if (!document) {
  for (const e of userErrors) console.error(`${e.path.join('.')}: ${e.message}`);
  process.exit(1);
}
const json = `${JSON.stringify(document, null, 2)}\n`;
if (values.out) writeFileSync(values.out, json);
else process.stdout.write(json);
const counts = ['countries', 'cities', 'organizations', 'people', 'delegations', 'events', 'agreements', 'images', 'figures'].map((s) => `${(document[s] as unknown[]).length} ${s}`);
console.error(`drafted ${counts.join(', ')}; ${notes.length} note(s) to check:`);
for (const n of notes) console.error(`  ${n.section}${n.key ? ` ${n.key}` : ''} at ${n.start}..${n.end} "${n.quote.length > 60 ? `${n.quote.slice(0, 57)}...` : n.quote}": ${n.message}`);
