import { Arg, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../../context.js';
import type { LiveChange } from './live.feed.js';
import { articleImportedOf, followArticleImports, followRecordChanges, recordChangeOf } from './live.service.js';
import { ArticleImported, RecordChange, RecordChangeFilter } from './live.type.js';

@Resolver()
export class LiveResolver {
  @Subscription(() => RecordChange, {
    description:
      'Every committed change to a record that matches the filter, in commit order, from any replica: what changed, not its content (refetch it with `node(id:)`). ' +
      'Over WebSocket (graphql-ws) at /graphql, with an API key of any role in `connection_init`.',
    subscribe: ({ args, context }) => followRecordChanges(context as Context, (args as { filter?: RecordChangeFilter }).filter),
  })
  recordChanged(@Root() change: LiveChange, @Arg('filter', () => RecordChangeFilter, { nullable: true, description: 'Which changes; none: every change.' }) _filter?: RecordChangeFilter): RecordChange {
    return recordChangeOf(change);
  }

  @Subscription(() => ArticleImported, {
    description: 'Every article an import creates or updates, once committed. Over WebSocket at /graphql, with an API key of any role.',
    subscribe: ({ context }) => followArticleImports(context as Context),
  })
  articleImported(@Root() change: LiveChange): ArticleImported {
    return articleImportedOf(change);
  }
}
