import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import type { z } from 'zod';
import { mayReadEventFeed, type Principal } from '../../domain/access/index.js';
import { domainError } from '../../domain/shared/index.js';
import { eventEnvelope } from '../../eventstore/eventEnvelope.js';
import type { EventStore, StoredEvent } from '../../eventstore/port.js';
import type { LogTail } from '../../infra/follow/logTail.js';
import type { TransactionalSqlDb } from '../../infra/sql/sqlDb.js';
import { principalOf } from '../../http/authenticate.js';
import { problem, sendProblem } from '../../http/problem.js';
import { contractOf } from '../../http/responseContract.js';
import { answer, fastifySchema, queryRoute, type RouteShape } from '../../http/routes.js';
import { auditedProblems, logAccess } from '../audit/auditAccess.js';
import { encodeCursor } from '../pagination.js';
import { streamEvents } from './eventStream.js';
import { EventStreamText, FeedPage, FeedQuery, StreamQuery } from './feedSchemas.js';

export interface FeedDeps {
  readonly store: EventStore;
  readonly tail: LogTail;
  /** Feed reads are written to the audit access log, like the audit API's. */
  readonly writeDb: TransactionalSqlDb;
  readonly now: () => Date;
  /** SSE comment lines keep idle connections (and proxies) open. */
  readonly heartbeatMs?: number;
}

const streamShape: RouteShape<z.ZodType, typeof StreamQuery, z.ZodType> = {
  method: 'GET',
  url: '/feed/stream',
  summary: 'The feed as Server-Sent Events (text/event-stream); resume with Last-Event-ID',
  tags: ['feed'],
  query: StreamQuery,
  problems: [...auditedProblems],
};

const readPage = async (store: EventStore, after: number, limit: number, types?: readonly string[]) => {
  const items: StoredEvent[] = [];
  for await (const e of store.readAll({ after, limit, ...(types ? { filter: { types } } : {}) })) items.push(e);
  return items;
};

/**
 * The event feed (DESIGN §11): the log in order for integrations, as pages that long-poll when caught
 * up (`GET /feed`), or as Server-Sent Events (`GET /feed/stream`, `id:` = position, resumed with
 * `Last-Event-ID`). Envelopes as `GET /audit/events` shows them, bodies at their current schema version.
 */
export const feedRoutes = (app: FastifyInstance, deps: FeedDeps) => {
  const { store, tail } = deps;
  // Open streams would keep the server from closing: they end first (preClose), and clients resume.
  const shutdown = new AbortController();
  app.addHook('preClose', async () => shutdown.abort());
  const record = (request: FastifyRequest, p: Principal, status: number) =>
    logAccess(deps.writeDb, request, p, status, deps.now()).catch(() => undefined);

  queryRoute(
    app,
    {
      method: 'GET',
      url: '/feed',
      summary: 'Events after a position, oldest first; with wait=<s> (max 30) waits for the next one',
      tags: ['feed'],
      query: FeedQuery,
      response: FeedPage,
      problems: [...auditedProblems],
    },
    async ({ query, principal, request, reply }) => {
      if (!mayReadEventFeed(principal)) {
        await record(request, principal, 403);
        return E.left(domainError('forbidden', 'only vendor admins and auditors read the event feed'));
      }
      const after = query.after ?? 0;
      const deadline = Date.now() + query.wait * 1000;
      const closed = new AbortController();
      request.raw.once('close', () => closed.abort());
      let items: StoredEvent[] = [];
      for (;;) {
        const head = await store.headPosition();
        items = await readPage(store, after, query.limit, query.types);
        const left = deadline - Date.now();
        if (items.length > 0 || left <= 0 || closed.signal.aborted) break;
        await tail.waitBeyond(head, left, closed.signal);
      }
      // Recorded off the answer's path: the access log waits for the write lock, the long poll must not.
      void record(request, principal, 200);
      const last = items.length ? items[items.length - 1].position : after;
      reply.header('cache-control', 'no-store');
      return E.right(
        answer({
          items: items.map(eventEnvelope),
          /** Where to continue: pass it as `after` (the last item's position, or `after` when none came). */
          after: last,
          nextCursor: items.length === query.limit ? encodeCursor(last) : null,
        }),
      );
    },
  );

  app.route({
    method: 'GET',
    url: '/feed/stream',
    // The route writes the stream itself (hijacked): the contract only describes it.
    schema: fastifySchema(streamShape, {
      ...contractOf(streamShape, { kind: 'query', status: 200, body: EventStreamText, headers: [] }),
      produces: 'text/event-stream',
    }),
    handler: async (request, reply) => {
      const principal = principalOf(request);
      if (!mayReadEventFeed(principal)) {
        await record(request, principal, 403);
        return sendProblem(reply, problem(403, 'forbidden', 'only vendor admins and auditors read the event feed'));
      }
      const query = request.query as z.infer<typeof StreamQuery>;
      const lastEventId = request.headers['last-event-id'];
      const resumed = typeof lastEventId === 'string' && /^\d{1,15}$/.test(lastEventId.trim());
      if (lastEventId !== undefined && !resumed)
        return sendProblem(
          reply,
          problem(400, 'validation_failed', 'Last-Event-ID must be a log position', [
            { path: 'headers.last-event-id', message: 'must be a non-negative integer' },
          ]),
        );
      await record(request, principal, 200);
      reply.hijack();
      await streamEvents(request.raw, reply.raw, {
        store,
        tail,
        after: resumed ? Number(lastEventId) : (query.after ?? 0),
        ...(query.types ? { types: query.types } : {}),
        ...(query.until !== undefined ? { until: query.until } : {}),
        heartbeatMs: deps.heartbeatMs ?? 15_000,
        shutdown: shutdown.signal,
      });
    },
  });
};
