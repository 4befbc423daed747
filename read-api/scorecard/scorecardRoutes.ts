import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { z } from 'zod';
import {
  domainError,
  PartnerId,
  PartnerType,
  Period,
  periodOf,
  previousPeriod,
  PersonId,
  Slug,
  Tier,
} from '../../domain/shared/index.js';
import { answer, queryRoute } from '../../http/routes.js';
import { readChannelSettings } from '../channel/readChannelSettings.js';
import { partnerLeadKpis } from '../lead/leadKpis.js';
import { Cursor, Limit, toPage } from '../pagination.js';
import type { QueryDeps } from '../queryDeps.js';
import { money, periodsUpTo } from './figures.js';
import { scorecardColumns, scorecardJoins, splitRow, type ScorecardRow } from './scorecardQueries.js';
import { visibleScorecards } from './scorecardScope.js';
import { scorecardFields, ScorecardOut, scorecardView } from './scorecardView.js';
import { CurrencyOut, InstantOut, MoneyOut, named } from '../../http/contract.js';
import { PartnerStatus } from '../partner/partnerView.js';
import { LeadFiguresOut } from '../lead/leadOut.js';

const PartnerScorecardOut = named(
  'PartnerScorecard',
  z.object({
    ...scorecardFields,
    asOf: InstantOut,
    wonRevenueByCurrency: z.array(
      z.object({ currency: CurrencyOut, amountMinor: z.number().int(), deals: z.number().int() }),
    ),
    trend: z.array(
      z.object({
        period: Period,
        quota: MoneyOut.nullable(),
        wonRevenue: MoneyOut.nullable(),
        attainmentPct: z.number().nullable(),
      }),
    ),
    leads: LeadFiguresOut.describe('the vendor-sourced leads offered to the partner in the period (DESIGN §13)'),
  }),
);
const ScorecardPage = named(
  'ScorecardPage',
  z.object({
    period: Period,
    previousPeriod: Period,
    asOf: InstantOut,
    items: z.array(ScorecardOut),
    nextCursor: z.string().nullable(),
  }),
);

const Sort = z.enum(['partner', 'name', 'attainment', 'won']);
/** Keyset of the sort: [sort value, partner id]. */
const SortCursor = Cursor.pipe(
  z.tuple([z.union([z.string(), z.number()]), z.string()], { error: 'not a cursor from this API' }),
);
const ListQuery = z.strictObject({
  period: Period.optional(),
  region: Slug.optional(),
  tier: Tier.optional(),
  status: PartnerStatus.optional(),
  type: PartnerType.optional(),
  channelManagerId: PersonId.optional(),
  sort: Sort.default('partner'),
  limit: Limit,
  cursor: SortCursor.optional(),
});
const OneQuery = z.strictObject({ period: Period.optional() });

/** Sort expression and direction per `sort`; every sort ends on partner_id so pages never overlap. */
const sorts: Record<z.infer<typeof Sort>, { expr: string; desc: boolean }> = {
  partner: { expr: 'sp.partner_id', desc: false },
  name: { expr: 'sp.name', desc: false },
  attainment: { expr: 'COALESCE(p.attainment_pct, -1)', desc: true },
  won: { expr: 'COALESCE(p.won_minor, 0)', desc: true },
};
const TREND_PERIODS = 8;

export const scorecardRoutes = (app: FastifyInstance, deps: QueryDeps) => {
  const { reader } = deps;

  queryRoute(
    app,
    {
      method: 'GET',
      url: '/partners/:id/scorecard',
      tags: ['scorecards', 'partners'],
      params: z.strictObject({ id: PartnerId }),
      query: OneQuery,
      response: PartnerScorecardOut,
      summary:
        "A partner's scorecard for a period (default: the current one), with the trend of the last eight periods",
    },
    async ({ params, query, principal }) => {
      const now = deps.now();
      const period = query.period ?? periodOf(now);
      const previous = previousPeriod(period);
      const scope = visibleScorecards(principal);
      const row = await reader.get<ScorecardRow>(
        `SELECT ${scorecardColumns} ${scorecardJoins} WHERE sp.partner_id = ? AND ${scope.sql}`,
        [period, previous, params.id, ...scope.params],
      );
      if (!row) return E.left(domainError('not_found', 'partner not found'));
      const window = periodsUpTo(period, TREND_PERIODS);
      const [settings, trendRows, revenue, leads] = await Promise.all([
        readChannelSettings(reader),
        reader.all<{
          period: string;
          quota_minor: number | null;
          quota_currency: string | null;
          currency: string | null;
          won_minor: number;
          attainment_pct: number | null;
        }>(
          `SELECT period, quota_minor, quota_currency, currency, won_minor, attainment_pct FROM scorecard_periods
         WHERE partner_id = ? AND period IN (${window.map(() => '?').join(', ')})`,
          [params.id, ...window],
        ),
        reader.all<{ currency: string; won_minor: number; deals_won: number }>(
          'SELECT currency, won_minor, deals_won FROM scorecard_revenue ' +
            'WHERE partner_id = ? AND period = ? ORDER BY currency',
          [params.id, period],
        ),
        partnerLeadKpis(reader, params.id, period),
      ]);
      const byPeriod = new Map(trendRows.map((r) => [r.period, r]));
      const trend = window.map((p) => {
        const r = byPeriod.get(p);
        return {
          period: p,
          quota: money(r?.quota_minor, r?.quota_currency),
          wonRevenue: money(r?.won_minor ?? 0, r?.currency),
          attainmentPct:
            r?.attainment_pct === null || r?.attainment_pct === undefined ? null : Number(r.attainment_pct),
        };
      });
      const view = scorecardView({ ...splitRow(row), period, previousPeriod: previous, settings, now });
      return E.right(
        answer({
          ...view,
          asOf: now.toISOString(),
          wonRevenueByCurrency: revenue.map((r) => ({
            currency: r.currency,
            amountMinor: Number(r.won_minor),
            deals: Number(r.deals_won),
          })),
          trend,
          leads,
        }),
      );
    },
  );

  queryRoute(
    app,
    {
      method: 'GET',
      url: '/scorecards',
      tags: ['scorecards'],
      query: ListQuery,
      response: ScorecardPage,
      summary:
        'Scorecards of the partners the caller may see for a period (default: current), ' +
        'sortable by partner, name, attainment or won revenue',
    },
    async ({ query, principal }) => {
      const now = deps.now();
      const period = query.period ?? periodOf(now);
      const previous = previousPeriod(period);
      const scope = visibleScorecards(principal);
      const where = [scope.sql];
      const params: unknown[] = [period, previous, ...scope.params];
      const filter = (sql: string, value: unknown) => {
        where.push(sql);
        params.push(value);
      };
      // Applicants and rejected applicants never were part of the channel: listed only when asked for.
      if (query.status) filter('sp.status = ?', query.status);
      else where.push(`sp.status NOT IN ('applied', 'rejected')`);
      if (query.region) filter('sp.region = ?', query.region);
      if (query.tier) filter('sp.tier = ?', query.tier);
      if (query.type) filter('sp.type = ?', query.type);
      if (query.channelManagerId) filter('sp.channel_manager_id = ?', query.channelManagerId);
      const sort = sorts[query.sort];
      if (query.cursor) {
        const [value, id] = query.cursor;
        where.push(`(${sort.expr} ${sort.desc ? '<' : '>'} ? OR (${sort.expr} = ? AND sp.partner_id > ?))`);
        params.push(value, value, id);
      }
      let rows: ScorecardRow[];
      if (query.sort === 'partner') {
        rows = await reader.all<ScorecardRow>(
          `SELECT ${scorecardColumns} ${scorecardJoins} WHERE ${where.join(' AND ')} ORDER BY sp.partner_id LIMIT ?`,
          [...params, query.limit + 1],
        );
      } else {
        // Sorting whole rows would carry every column of every partner through the sort: sort the keys,
        // then fetch the page.
        const order = `${sort.expr} ${sort.desc ? 'DESC' : 'ASC'}, sp.partner_id`;
        const keys = await reader.all<{ partner_id: string }>(
          `SELECT sp.partner_id ${scorecardJoins} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ?`,
          [...params, query.limit + 1],
        );
        const ids = keys.map((k) => k.partner_id);
        const found = ids.length
          ? await reader.all<ScorecardRow>(
              `SELECT ${scorecardColumns} ${scorecardJoins} WHERE sp.partner_id IN (${ids.map(() => '?').join(', ')})`,
              [period, previous, ...ids],
            )
          : [];
        const byId = new Map(found.map((r) => [r.partner_id, r]));
        rows = ids.map((id) => byId.get(id)).filter((r): r is ScorecardRow => r !== undefined);
      }
      const settings = await readChannelSettings(reader);
      const keyOf = (r: ScorecardRow): [string | number, string] => {
        if (query.sort === 'name') return [r.name, r.partner_id];
        if (query.sort === 'attainment')
          return [r.attainment_pct === null ? -1 : Number(r.attainment_pct), r.partner_id];
        if (query.sort === 'won') return [Number(r.won_minor ?? 0), r.partner_id];
        return [r.partner_id, r.partner_id];
      };
      const page = toPage(
        rows,
        query.limit,
        (r) => scorecardView({ ...splitRow(r), period, previousPeriod: previous, settings, now }),
        keyOf,
      );
      return E.right(answer({ period, previousPeriod: previous, asOf: now.toISOString(), ...page }));
    },
  );
};
