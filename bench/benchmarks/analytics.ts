import { currentAnalyticsViews } from '../../projections/analytics/analyticsViews.js';
import { conflictRate } from '../../projections/analytics/channelKpis.js';
import { readmeSqlStatements } from '../../tests/support/readmeSql.js';
import type { Benchmark, BenchContext, BenchResult } from '../harness/benchmark.js';
import { median, round } from '../harness/stats.js';
import { benchApp } from '../fixtures/benchApp.js';
import { benchPlatform, projectionsCaughtUp } from '../fixtures/benchPlatform.js';
import { seededChannel } from './seed.js';

type Row = Record<string, unknown>;

/**
 * The analytics views on the seeded channel: each read in full as `prm sql` and the CSV export read it
 * (a connection of its own, every row to JavaScript), median of 3; every README statement once; and the
 * check that the API's KPIs equal the views' on this channel (channel health of every quarter, the
 * scorecards of the current and the previous one).
 */
export const runAnalyticsBench = async (ctx: BenchContext): Promise<BenchResult> => {
  const seeded = await seededChannel(ctx);
  const platform = await benchPlatform('', { file: seeded.file });
  const { app, adminKey } = await benchApp(platform);
  const read = async (sql: string) => {
    const result = await platform.analytics.query(sql);
    const rows: Row[] = [];
    for await (const batch of result.batches)
      for (const r of batch) rows.push(Object.fromEntries(result.columns.map((c, i) => [c, r[i]])));
    return rows;
  };
  const timed = async (sql: string) => {
    const started = performance.now();
    const result = await platform.analytics.query(sql);
    let rows = 0;
    for await (const batch of result.batches) rows += batch.length;
    return { ms: performance.now() - started, rows };
  };
  const get = async <T>(url: string) =>
    JSON.parse((await app.inject({ url, headers: { authorization: `Bearer ${adminKey}` } })).body) as T;
  try {
    await projectionsCaughtUp(platform);
    const runs = ctx.options.quick ? 1 : 3;
    const views: Record<string, { rows: number; ms: number; inDatabaseMs: number }> = {};
    for (const v of currentAnalyticsViews) {
      // A first read warms the page cache; the timed ones follow.
      const { rows } = await timed(`SELECT * FROM ${v.name}`);
      const times: number[] = [];
      for (let i = 0; i < runs; i++) times.push((await timed(`SELECT * FROM ${v.name}`)).ms);
      // Every column computed and aggregated inside the database, one row out: what a GROUP BY over it costs.
      const aggregate = `SELECT COUNT(*), ${Object.keys(v.columns)
        .map((c) => `MAX(${c})`)
        .join(', ')} FROM ${v.name}`;
      const inDatabase: number[] = [];
      for (let i = 0; i < runs; i++) inDatabase.push((await timed(aggregate)).ms);
      views[v.name] = { rows, ms: round(median(times), 1), inDatabaseMs: round(median(inDatabase), 1) };
      ctx.log(
        `analytics: ${v.name}: ${rows} rows in ${views[v.name].ms} ms, ` +
          `aggregated in the database in ${views[v.name].inDatabaseMs} ms`,
      );
    }
    const [heaviest] = Object.entries(views).sort((a, b) => b[1].ms - a[1].ms);
    const [heaviestInDatabase] = Object.entries(views).sort((a, b) => b[1].inDatabaseMs - a[1].inDatabaseMs);
    // The floor under the registrations' view: its table read the same way.
    const tableTimes: number[] = [];
    for (let i = 0; i < runs; i++) tableTimes.push((await timed('SELECT * FROM deals')).ms);
    const dealsTableMs = round(median(tableTimes), 1);
    // And aggregated in full inside the database, as the views are: what reading its rows costs at least.
    const dealColumns = await platform.reader.all<{ name: string }>(`SELECT name FROM pragma_table_info('deals')`);
    const tableAggregate = `SELECT COUNT(*), ${dealColumns.map((c) => `MAX(${c.name})`).join(', ')} FROM deals`;
    const tableInDatabase: number[] = [];
    for (let i = 0; i < runs; i++) tableInDatabase.push((await timed(tableAggregate)).ms);
    const dealsTableInDatabaseMs = round(median(tableInDatabase), 1);
    const queries = [];
    for (const st of readmeSqlStatements().filter((s) => s.dialect === 'both'))
      queries.push({ at: `README.md:${st.line}`, ...(await timed(st.sql)) });
    const slowest = [...queries].sort((a, b) => b.ms - a.ms)[0];

    // The API and the views, KPI by KPI.
    const mismatches: string[] = [];
    let checks = 0;
    const expect = (what: string, api: unknown, view: unknown) => {
      checks += 1;
      if (JSON.stringify(api ?? null) !== JSON.stringify(view ?? null) && mismatches.length < 20)
        mismatches.push(`${what}: API ${JSON.stringify(api)}, view ${JSON.stringify(view)}`);
    };
    const health = await read('SELECT * FROM analytics_channel_health ORDER BY period');
    for (const h of health) {
      const api = await get<{
        partners: { active: number };
        quota: { achievingPct: number | null };
        leads: { conversionPct: number | null };
        quadrant: { name: string };
        aberdeen: { leadConversionPct: number | null; yearEarlierLeadConversionPct: number | null };
      }>(`/dashboards/channel-health?period=${h.period}`);
      expect(`${h.period} active partners`, api.partners.active, h.active_partners);
      expect(`${h.period} partners at quota`, api.quota.achievingPct, h.achieving_quota_pct);
      expect(`${h.period} registration conversion`, api.leads.conversionPct, h.registration_conversion_pct);
      expect(`${h.period} lead conversion`, api.aberdeen.leadConversionPct, h.lead_conversion_pct);
      expect(
        `${h.period} lead conversion a year earlier`,
        api.aberdeen.yearEarlierLeadConversionPct,
        h.year_ago_lead_conversion_pct,
      );
      expect(`${h.period} quadrant`, api.quadrant.name, h.quadrant);
    }
    for (const period of health.slice(-2).map((h) => String(h.period))) {
      const rows = await read(`SELECT * FROM analytics_scorecards WHERE period = '${period}'`);
      const byPartner = new Map(rows.map((r) => [r.partner_id, r]));
      for (let cursor: string | null = ''; cursor !== null; ) {
        const page: {
          items: {
            partnerId: string;
            growthPct: number | null;
            leadConversionPct: number | null;
            deals: { conflicted: number; registered: number };
            mdf: { utilisationPct: number | null } | null;
          }[];
          nextCursor: string | null;
        } = await get(`/scorecards?period=${period}&limit=500${cursor ? `&cursor=${cursor}` : ''}`);
        for (const c of page.items) {
          const r = byPartner.get(c.partnerId);
          if (!r) continue;
          expect(`${c.partnerId} ${period} growth`, c.growthPct, r.growth_pct);
          expect(
            `${c.partnerId} ${period} registration conversion`,
            c.leadConversionPct,
            r.registration_conversion_pct,
          );
          expect(
            `${c.partnerId} ${period} conflict rate`,
            conflictRate.of(c.deals.conflicted, c.deals.registered),
            r.conflict_rate_pct,
          );
          expect(`${c.partnerId} ${period} MDF utilisation`, c.mdf?.utilisationPct ?? null, r.mdf_utilisation_pct);
        }
        cursor = page.nextCursor;
      }
    }
    ctx.log(`analytics: ${checks} KPI figures compared, ${mismatches.length} differ`);
    return {
      figures: [
        {
          key: 'heaviestViewMs',
          label: `the slowest view read in full (${heaviest[0]}, ${heaviest[1].rows} rows)`,
          value: heaviest[1].ms,
          unit: 'ms',
        },
        {
          key: 'heaviestViewInDatabaseMs',
          label:
            `the slowest view computed in full inside the database, every column aggregated ` +
            `(${heaviestInDatabase[0]}, ${heaviestInDatabase[1].rows} rows)`,
          value: heaviestInDatabase[1].inDatabaseMs,
          unit: 'ms',
          target: { op: '<', value: 100 },
        },
        {
          key: 'dealsTableMs',
          label: 'the deals table itself read in full the same way (the floor under analytics_deals)',
          value: dealsTableMs,
          unit: 'ms',
        },
        {
          key: 'dealsTableInDatabaseMs',
          label:
            'the deals table itself, every column aggregated inside the database (the floor under analytics_deals)',
          value: dealsTableInDatabaseMs,
          unit: 'ms',
        },
        {
          key: 'slowestReadmeQueryMs',
          label: `the slowest README query (${slowest.at})`,
          value: round(slowest.ms, 1),
          unit: 'ms',
        },
        { key: 'kpiChecks', label: 'KPI figures compared, API against views', value: checks, unit: 'figures' },
        {
          key: 'kpiMismatches',
          label: 'of those, figures that differ (must be 0)',
          value: mismatches.length,
          unit: 'figures',
          target: { op: '<', value: 1 },
        },
      ],
      details: { views, queries, mismatches, partners: seeded.report.partners, runs },
    };
  } finally {
    await app.close();
    await platform.close();
  }
};

export const analyticsBenchmark: Benchmark = {
  name: 'analytics',
  title: 'Analytics views on the seeded channel',
  description: 'each analytics view read in full, the README queries, and the API KPIs checked against the views',
  needs: ['seed'],
  run: runAnalyticsBench,
};
