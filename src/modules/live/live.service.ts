import { GraphQLError } from 'graphql';
import type { Context } from '../../context.js';
import { requireRole } from '../../shared/auth.js';
import { countryCodeArg } from '../../shared/filters.js';
import { idOf, toGlobalId } from '../../shared/global-id.js';
import { ImportStatus } from '../import/import.type.js';
import type { LiveChange, LiveFeed } from './live.feed.js';
import type { ArticleImported, RecordChange, RecordChangeFilter } from './live.type.js';

/** What a WebSocket connection gives its subscriptions (http/websocket.ts): the feed and its rules for this socket. */
export interface LiveSession {
  feed: LiveFeed;
  /** A subscription fell more than the backlog behind: close its socket. */
  dropSlow(): void;
  /** A subscription started or ended (the metrics and the per-connection count). */
  started(): void;
  ended(): void;
}

function sessionOf(ctx: Context): LiveSession {
  requireRole(ctx, 'reader');
  if (!ctx.live) throw new GraphQLError('subscriptions are served over WebSocket (graphql-ws) at /graphql', { extensions: { code: 'BAD_REQUEST' } });
  return ctx.live;
}

async function follow(session: LiveSession, accepts: (change: LiveChange) => boolean): Promise<AsyncIterableIterator<LiveChange>> {
  const iterator = await session.feed.follow({ accepts, onOverflow: () => session.dropSlow(), onEnd: () => session.ended() });
  session.started();
  return iterator;
}

/** The changes a `recordChanged` filter asks for; its arguments are checked before anything is followed. */
export function followRecordChanges(ctx: Context, filter: RecordChangeFilter | null | undefined): Promise<AsyncIterableIterator<LiveChange>> {
  const session = sessionOf(ctx);
  const types = filter?.types?.length ? new Set<string>(filter.types) : null;
  const articleId = filter?.articleId == null ? null : idOf('Article', filter.articleId, ['filter', 'articleId']);
  const countryCode = filter?.countryCode == null ? null : countryCodeArg(filter.countryCode, ['filter', 'countryCode']);
  return follow(
    session,
    (change) =>
      (types === null || types.has(change.type)) &&
      (articleId === null || change.articleId === articleId) &&
      (countryCode === null || change.countryCodes.includes(countryCode)),
  );
}

/** Articles created or updated by an import. */
export function followArticleImports(ctx: Context): Promise<AsyncIterableIterator<LiveChange>> {
  return follow(sessionOf(ctx), (change) => change.type === 'Article' && change.action !== 'DELETE');
}

export function recordChangeOf(change: LiveChange): RecordChange {
  return {
    sequence: change.sequence,
    at: change.at,
    action: change.action,
    type: change.type,
    id: toGlobalId(change.type, change.entityId),
    version: change.version,
    articleId: change.articleId === null ? null : toGlobalId('Article', change.articleId),
    countryCodes: change.countryCodes,
  };
}

export function articleImportedOf(change: LiveChange): ArticleImported {
  return {
    sequence: change.sequence,
    at: change.at,
    status: change.action === 'CREATE' ? ImportStatus.CREATED : ImportStatus.UPDATED,
    articleId: toGlobalId('Article', change.entityId),
    slug: change.article?.slug ?? '',
    title: change.article?.title ?? '',
  };
}
