import type { Context } from '../../context.js';
import { OrderDirection } from '../../shared/connection.js';
import { paginate } from '../../shared/paging.js';
import { checkRange, within } from '../../shared/filters.js';
import { idOf } from '../../shared/global-id.js';
import { badUserInput } from '../../shared/errors.js';
import type { ArticlesArgs } from './article.args.js';

export async function findArticle({ db, loaders }: Context, id: string | null | undefined, slug: string | null | undefined) {
  if ((id == null) === (slug == null)) throw badUserInput('pass exactly one of id and slug', [id == null ? 'id' : 'slug']);
  if (id != null) return loaders.article.load(idOf('Article', id, ['id']));
  return db.article.findUnique({ where: { slug: slug! } });
}

/** Articles, newest first by the date they state. */
export function listArticles({ db }: Context, args: ArticlesArgs) {
  checkRange(args.filter);
  return paginate(args, {
    where: { AND: within('updatedOn', args.filter) },
    list: 'articles',
    key: { field: 'updatedOn', nullable: true, values: 'day' },
    direction: OrderDirection.DESC,
    findMany: (query) => db.article.findMany(query),
    count: (where) => db.article.count({ where }),
  });
}
