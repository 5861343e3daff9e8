import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/shared/paths.js';

// The documentation as the tests read it: README.md is the front page, docs/*.md the reference. Tests find
// a section by its `## ` heading in whichever page holds it, so a section can move without its test.

/** README.md, then every docs/*.md by name, as [page, text] with the page relative to the project root. */
export const pages: ReadonlyMap<string, string> = new Map(
  ['README.md', ...readdirSync(path.join(projectRoot, 'docs')).filter((name) => name.endsWith('.md')).sort().map((name) => `docs/${name}`)].map(
    (page) => [page, readFileSync(path.join(projectRoot, page), 'utf8')] as const,
  ),
);

/** The section under `## title`, up to the next `## ` heading, and the page it is on; throws unless exactly one page has it. */
export function section(title: string): { page: string; text: string } {
  const heading = new RegExp(`^## ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm');
  const found = [...pages].flatMap(([page, text]) => {
    const start = heading.exec(text)?.index;
    if (start === undefined) return [];
    const end = text.indexOf('\n## ', start + 1);
    return [{ page, text: text.slice(start, end === -1 ? text.length : end) }];
  });
  if (found.length !== 1) throw new Error(`"## ${title}" is on ${found.length} pages (${found.map((f) => f.page).join(', ')}), not one`);
  return found[0]!;
}

/** The bodies of the ```graphql blocks of a text, in order. */
export const graphqlBlocks = (text: string) => [...text.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]!);

/** The bodies of the ```json blocks of a text, parsed, in order. */
export const jsonBlocks = (text: string) => [...text.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => JSON.parse(match[1]!) as unknown);
