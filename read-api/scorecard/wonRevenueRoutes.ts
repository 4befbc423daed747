import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { z } from 'zod';
import { domainError, IsoDate, PartnerId, Slug } from '../../domain/shared/index.js';
import { answer, queryRoute } from '../../http/routes.js';
import type { QueryDeps } from '../queryDeps.js';
import { CurrencyOut, DateOut, InstantOut, named } from '../../http/contract.js';
import { visibleScorecards } from './scorecardScope.js';

const DAY = 86_400_000;
const MAX_DAYS = 400;
const Query = z.strictObject({ from: IsoDate, to: IsoDate, partnerId: PartnerId.optional(), region: Slug.optional() });

/**
 * Won revenue between two closing dates (inclusive, UTC), over the partners whose scorecards the caller
 * sees: what a running quarter is compared with, like for like (the previous quarter's first N days).
 * Same rule as the scorecards: a win counts on its closing date.
 */
const WonRevenueOut = named(
  'WonRevenue',
  z.object({
    from: DateOut,
    to: DateOut,
    asOf: InstantOut,
    byCurrency: z.array(z.object({ currency: CurrencyOut, amountMinor: z.number().int(), deals: z.number().int() })),
  }),
);

export const wonRevenueRoutes = (app: FastifyInstance, deps: QueryDeps) => {
  queryRoute(
    app,
    {
      method: 'GET',
      url: '/dashboards/won-revenue',
      tags: ['scorecards', 'dashboards'],
      query: Query,
      response: WonRevenueOut,
      summary:
        'Won revenue per currency by closing date in [from, to] (at most 400 days), ' +
        'over the partners the caller sees, optionally one partner or region',
    },
    async ({ query, principal }) => {
      const from = Date.parse(`${query.from}T00:00:00.000Z`);
      const until = Date.parse(`${query.to}T00:00:00.000Z`) + DAY;
      if (until <= from)
        return E.left(
          domainError('validation_failed', 'to is before from', {
            errors: [{ path: 'query.to', message: 'must not be before from' }],
          }),
        );
      if (until - from > MAX_DAYS * DAY)
        return E.left(
          domainError('validation_failed', 'the window is too long', {
            errors: [{ path: 'query.to', message: `at most ${MAX_DAYS} days after from` }],
          }),
        );
      const scope = visibleScorecards(principal);
      const where = [`d.status = 'won'`, 'd.closed_at >= ?', 'd.closed_at < ?', scope.sql];
      const params: unknown[] = [new Date(from).toISOString(), new Date(until).toISOString(), ...scope.params];
      if (query.partnerId) {
        where.push('d.partner_id = ?');
        params.push(query.partnerId);
      }
      if (query.region) {
        where.push('sp.region = ?');
        params.push(query.region);
      }
      const rows = await deps.reader.all<{ currency: string; amount: number; deals: number }>(
        `SELECT d.won_currency AS currency, SUM(d.won_amount_minor) AS amount, COUNT(*) AS deals
       FROM deals d JOIN scorecard_partners sp ON sp.partner_id = d.partner_id
       WHERE ${where.join(' AND ')} GROUP BY d.won_currency ORDER BY amount DESC, d.won_currency`,
        params,
      );
      return E.right(
        answer({
          from: query.from,
          to: query.to,
          asOf: deps.now().toISOString(),
          byCurrency: rows.map((r) => ({
            currency: r.currency,
            amountMinor: Number(r.amount),
            deals: Number(r.deals),
          })),
        }),
      );
    },
  );
};
