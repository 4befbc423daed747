import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { z } from 'zod';
import { domainError } from '../../domain/shared/index.js';
import { answer, queryRoute } from '../../http/routes.js';
import { Limit, toPage } from '../pagination.js';
import { AsOfParam } from './asOf.js';
import type { AuditDeps } from './auditDeps.js';
import {
  BooleanFlag,
  EventsQuery,
  PositionCursor,
  StateAsOfOut,
  StoredEventPage,
  StreamParams,
} from './auditSchemas.js';
import { envelopeView } from './envelopeView.js';
import { replayableAggregates } from './aggregateRegistry.js';
import { stateAsOf } from './stateAsOf.js';
import { auditedProblems } from './auditAccess.js';

/** The log itself for auditors: filtered events, one stream's envelopes, any aggregate's state as of any point. */
export const eventQueryRoutes = (app: FastifyInstance, deps: AuditDeps) => {
  queryRoute(
    app,
    {
      method: 'GET',
      url: '/audit/events',
      tags: ['audit'],
      query: EventsQuery,
      response: StoredEventPage,
      problems: [...auditedProblems, 501],
      summary: 'Stored events in log order, filtered by stream, type, actor and time range (cursor pagination)',
    },
    async ({ query }) => {
      const rows = await deps.log.events({
        after: Math.max(query.after ?? 0, query.cursor ?? 0),
        limit: query.limit + 1,
        streamId: query.streamId,
        types: query.type,
        actorId: query.actorId,
        from: query.from,
        to: query.to,
      });
      return E.right(
        answer(
          toPage(
            rows,
            query.limit,
            (r) => envelopeView(r, deps.registry, query.upcast ?? false),
            (r) => r.position,
          ),
        ),
      );
    },
  );

  queryRoute(
    app,
    {
      method: 'GET',
      url: '/audit/streams/:streamId',
      tags: ['audit'],
      params: StreamParams,
      query: z.strictObject({ cursor: PositionCursor.optional(), limit: Limit, upcast: BooleanFlag.optional() }),
      response: StoredEventPage,
      problems: [...auditedProblems, 501],
      summary: "One stream's stored envelopes in version order (as stored, or upcast)",
    },
    async ({ params, query }) => {
      const rows = await deps.log.streamEvents(params.streamId, query.cursor ?? 0, query.limit + 1);
      if (rows.length === 0 && query.cursor === undefined)
        return E.left(domainError('not_found', `no stream ${params.streamId}`));
      return E.right(
        answer(
          toPage(
            rows,
            query.limit,
            (r) => envelopeView(r, deps.registry, query.upcast ?? false),
            (r) => r.version,
          ),
        ),
      );
    },
  );

  queryRoute(
    app,
    {
      method: 'GET',
      url: '/audit/streams/:streamId/state',
      tags: ['audit'],
      params: StreamParams,
      query: z.strictObject({ asOf: AsOfParam.optional() }),
      response: StateAsOfOut,
      versioned: true,
      problems: [...auditedProblems],
      summary: "An aggregate's state as of a log position or an instant, folded by the aggregate's own evolve",
    },
    async ({ params, query }) => {
      const outcome = await stateAsOf(deps.store, params.streamId, query.asOf);
      if ('state' in outcome) return E.right(answer(outcome.state, outcome.state.version));
      if (outcome.error === 'no_stream') return E.left(domainError('not_found', `no stream ${params.streamId}`));
      const known = replayableAggregates.map((a) => a.streamPrefix).join(', ');
      return E.left(
        domainError('validation_failed', `no aggregate replays stream ${params.streamId}`, {
          errors: [{ path: 'streamId', message: `no aggregate is registered for this stream; known: ${known}` }],
        }),
      );
    },
  );
};
