// The service's search grammar, one for both databases: words (`exhibition`), prefixes (`exhib*`), phrases
// (`"paper cutting"`, `"sister cit"*`), AND (or nothing) between terms, OR, NOT (binary: `a NOT b`) and
// parentheses; NOT binds tightest, then AND, then OR. SQLite's FTS5 reads it as written (toFtsQuery tidies
// it); for PostgreSQL, toTsQuery parses it and writes the same query for `to_tsquery`.

const word = /^[\p{L}\p{N}_]+$/u;
const operators = new Set(['AND', 'OR', 'NOT']);

/**
 * The terms of what a person types. Phrases, operators and parentheses pass through; a word with punctuation
 * inside (`paper-cutting`, `Shandong's`), which FTS5 would reject, becomes a phrase of its parts; lone
 * punctuation is dropped.
 */
function tokens(input: string): string[] {
  const parts: string[] = [];
  for (const [token] of input.matchAll(/"[^"]*"?\*?|[()]|[^\s()"]+/gu)) {
    if (token.startsWith('"') || token === '(' || token === ')' || operators.has(token)) {
      parts.push(token);
      continue;
    }
    const prefix = token.endsWith('*');
    const text = prefix ? token.slice(0, -1) : token;
    if (!/[\p{L}\p{N}]/u.test(text)) continue;
    parts.push(word.test(text) ? `${text}${prefix ? '*' : ''}` : `"${text}"${prefix ? ' *' : ''}`);
  }
  return parts;
}

/** The query for FTS5's MATCH; what FTS5 still cannot parse it reports itself (see search.sqlite.ts). */
export function toFtsQuery(input: string): string {
  return tokens(input).join(' ');
}

/** A query the grammar cannot read, with what a person should fix: the kinds of syntax error FTS5 reports. */
export class SearchSyntaxError extends Error {
  constructor(
    readonly kind: 'unterminated' | 'early-end' | 'unexpected' | 'too-deep' | 'other',
    readonly near = '',
  ) {
    super(`the search query cannot be parsed: ${detailOf(kind, near)}`);
  }
}

function detailOf(kind: SearchSyntaxError['kind'], near: string): string {
  switch (kind) {
    case 'unterminated':
      return 'a quote (") is not closed';
    case 'too-deep':
      return 'it nests too deeply: use fewer parentheses';
    case 'early-end':
      return 'it ends too early: a parenthesis is not closed, or AND/OR/NOT has nothing after it';
    case 'unexpected':
      return `unexpected ${JSON.stringify(near)}; AND, OR and NOT go between two terms`;
    default:
      return 'check quotes, parentheses and AND/OR/NOT';
  }
}

/** FTS5's error for a MATCH expression it cannot run, as a SearchSyntaxError; null for any other error. */
export function ftsSyntaxError(error: unknown): SearchSyntaxError | null {
  const message = error instanceof Error ? error.message : '';
  if (!/fts5: |unterminated string|unknown special query|no such column|malformed MATCH expression/i.test(message)) return null;
  const near = /syntax error near "(.*?)"/.exec(message)?.[1];
  if (/unterminated string/.test(message)) return new SearchSyntaxError('unterminated');
  if (/parser stack overflow/.test(message)) return new SearchSyntaxError('too-deep');
  if (near === '') return new SearchSyntaxError('early-end');
  if (near !== undefined) return new SearchSyntaxError('unexpected', near);
  return new SearchSyntaxError('other');
}

/** One lexeme for to_tsquery: quoted, so the text search configuration stems and folds it. */
function lexeme(text: string, prefix: boolean): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'${prefix ? ':*' : ''}`;
}

/** A phrase's words in order (`<->`), the last a prefix when the phrase is; null when it has no words. */
function phrase(token: string): string | null {
  const prefix = token.endsWith('*');
  const inner = token.slice(1, token.lastIndexOf('"'));
  const words = inner.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words.map((part, index) => lexeme(part, prefix && index === words.length - 1)).join(' <-> ');
}

/**
 * The query for PostgreSQL's `to_tsquery`, meaning what FTS5 makes of the same text: phrases `<->`,
 * prefixes `:*`, AND `&`, OR `|`, `a NOT b` as `a & !b`. Throws SearchSyntaxError where FTS5 reports a syntax
 * error, and returns '' when there is nothing to look for.
 */
export function toTsQuery(input: string): string {
  const list = tokens(input);
  let at = 0;
  const peek = () => list[at];

  const primary = (): string => {
    const token = list[at++];
    if (token === undefined) throw new SearchSyntaxError('early-end');
    if (token === '(') {
      const inner = or();
      if (list[at] === undefined) throw new SearchSyntaxError('early-end');
      if (list[at] !== ')') throw new SearchSyntaxError('unexpected', list[at]);
      at++;
      return `(${inner})`;
    }
    if (token === ')' || operators.has(token)) throw new SearchSyntaxError('unexpected', token);
    if (token.startsWith('"')) {
      if (!/^".*"( ?\*)?$/su.test(token) || token.length < 2) throw new SearchSyntaxError('unterminated');
      // An empty phrase matches nothing; an unmatchable lexeme keeps the query's shape.
      return phrase(token) ?? "'\u0000'";
    }
    return token.endsWith('*') ? lexeme(token.slice(0, -1), true) : lexeme(token, false);
  };
  const not = (): string => {
    let left = primary();
    while (peek() === 'NOT') {
      at++;
      left = `(${left} & !${primary()})`;
    }
    return left;
  };
  const startsTerm = (token: string | undefined) => token !== undefined && token !== ')' && !operators.has(token);
  const and = (): string => {
    let left = not();
    for (;;) {
      if (peek() === 'AND') at++;
      else if (!startsTerm(peek())) return left;
      left = `${left} & ${not()}`;
    }
  };
  const or = (): string => {
    let left = and();
    while (peek() === 'OR') {
      at++;
      left = `${left} | ${and()}`;
    }
    return left;
  };

  if (list.length === 0) return '';
  const query = or();
  if (at < list.length) throw new SearchSyntaxError('unexpected', list[at]);
  return query;
}
