import { createSourceEventStream, execute, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';

/** Events whose results are kept for the subscriptions that have not taken them yet. */
const RECENT_EVENTS = 64;

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> => typeof (value as AsyncIterable<unknown>)?.[Symbol.asyncIterator] === 'function';

/**
 * graphql-js's `subscribe`, except that the result of one event for one document and set of variables is
 * computed once and handed to every subscription that has the same: a change reaching a thousand dashboards
 * with the same subscription is executed once, not a thousand times. Sound because what a subscription
 * sends is a function of the event and the document alone: the live types (modules/live) are plain
 * values, read from the event, never from the subscriber's context (each subscriber's own checks, its key
 * and its filter, run in `subscribe`, once per subscription, before any event).
 */
export function createSharedSubscribe() {
  // The results of the latest events only: every subscription that keeps up takes an event within moments
  // of the others, and one far behind executes it again itself. (Kept for as long as the event itself, the
  // results of thousands of distinct filters would stay for every change in the feed's window.)
  const results = new Map<object, WeakMap<DocumentNode, Map<string, Promise<ExecutionResult> | ExecutionResult>>>();
  const resultOf = (args: ExecutionArgs, key: string, event: object) => {
    let byDocument = results.get(event);
    if (!byDocument) {
      results.set(event, (byDocument = new WeakMap()));
      if (results.size > RECENT_EVENTS) results.delete(results.keys().next().value!);
    }
    let byVariables = byDocument.get(args.document);
    if (!byVariables) byDocument.set(args.document, (byVariables = new Map()));
    let result = byVariables.get(key);
    if (!result) byVariables.set(key, (result = execute({ ...args, rootValue: event })));
    return result;
  };

  return async (args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> => {
    const source = await createSourceEventStream(args);
    if (!isAsyncIterable(source)) return source as ExecutionResult;
    const events = source[Symbol.asyncIterator]();
    const key = JSON.stringify([args.operationName ?? null, args.variableValues ?? {}]);
    const iterator: AsyncIterableIterator<ExecutionResult> = {
      async next() {
        const next = await events.next();
        if (next.done) return { value: undefined, done: true };
        return { value: await resultOf(args, key, next.value as object), done: false };
      },
      async return() {
        await events.return?.();
        return { value: undefined, done: true };
      },
      async throw(error) {
        await events.return?.();
        throw error;
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  };
}
