import type { Context } from '../../context.js';
import { OrderDirection } from '../../shared/connection.js';
import { paginate } from '../../shared/paging.js';
import { countryCodeArg } from '../../shared/filters.js';
import { idOf } from '../../shared/global-id.js';
import type { ImagesArgs } from './image.args.js';

export function findImage({ loaders }: Context, id: string) {
  return loaders.image.load(idOf('Image', id, ['id']));
}

/** Images in the order they were imported: article by article, in article order. */
export function listImages({ db }: Context, args: ImagesArgs) {
  const { filter } = args;
  const where = {
    ...(filter?.eventId != null && { eventId: idOf('Event', filter.eventId, ['filter', 'eventId']) }),
    ...(filter?.countryCode != null && { country: { isoCode: countryCodeArg(filter.countryCode, ['filter', 'countryCode']) } }),
    ...(filter?.articleId != null && { articleId: idOf('Article', filter.articleId, ['filter', 'articleId']) }),
  };
  return paginate(args, {
    where,
    list: 'images',
    key: { field: 'id', nullable: false, values: 'id' },
    direction: OrderDirection.ASC,
    findMany: (query) => db.image.findMany(query),
    count: (where) => db.image.count({ where }),
  });
}
