import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { readsAnalytics } from '../../domain/access/index.js';
import { principalOf } from '../../http/authenticate.js';
import { problem, sendProblem } from '../../http/problem.js';
import { contractOf } from '../../http/responseContract.js';
import { fastifySchema, type RouteShape } from '../../http/routes.js';
import type { AnalyticsSource } from '../../infra/sql/analyticsSource.js';
import { currentAnalyticsViews, findAnalyticsView } from '../../projections/analytics/analyticsViews.js';
import { csvChunks } from './csv.js';

const known = currentAnalyticsViews.map((v) => v.name.replace(/^analytics_/, '')).join(', ');

const Params = z.strictObject({ view: z.string().max(100) });
const shape: RouteShape<typeof Params, z.ZodType, z.ZodType> = {
  method: 'GET',
  url: '/analytics/:view.csv',
  summary: `An analytics view as CSV (vendor admins, analysts): ${known}; or a version, e.g. deals_v1`,
  tags: ['analytics'],
  params: Params,
  problems: [403],
};
/** The body: written as a stream (csv.ts). */
const CsvText = z
  .string()
  .describe('RFC 4180 CSV: a header line of column names, then one line per row in key order (CRLF)');

/**
 * `GET /analytics/<view>.csv`: a whole analytics view as CSV, streamed from one snapshot in key order,
 * for vendor admins and analysts (who read every partner's data in the API too, so nothing is filtered).
 * `<view>` is the view's name with or without `analytics_`, or a version (`deals_v1`).
 */
export const analyticsCsvRoutes = (app: FastifyInstance, deps: { readonly source: AnalyticsSource }) => {
  app.get(
    '/analytics/:view.csv',
    {
      schema: fastifySchema(shape, {
        ...contractOf(shape, { kind: 'query', status: 200, body: CsvText, headers: [] }),
        produces: 'text/csv',
      }),
    },
    async (request, reply) => {
      if (!readsAnalytics(principalOf(request)))
        return sendProblem(reply, problem(403, 'forbidden', 'analytics exports are for vendor admins and analysts'));
      const { view } = request.params as z.infer<typeof Params>;
      const found = findAnalyticsView(view);
      if (!found) return sendProblem(reply, problem(404, 'not_found', `no analytics view ${view}; views: ${known}`));
      const rows = await deps.source.query(`SELECT * FROM ${found.sqlName} ORDER BY ${found.view.key.join(', ')}`);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${found.sqlName}.csv"`)
        .send(Readable.from(csvChunks(rows.columns, rows.batches)));
    },
  );
};
