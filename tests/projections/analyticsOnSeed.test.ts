/**
 * The analytics layer on a seeded channel: every SQL statement of the README runs (read-only, as
 * `prm sql` runs it) and returns rows unless it says it may not; every view's values have their declared
 * types; and the KPIs the API answers equal the views' columns, computed from the same definitions.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { currentAnalyticsViews } from '../../projections/analytics/analyticsViews.js';
import type { AnalyticsType } from '../../projections/analytics/analyticsView.js';
import { certificationCoverage, conflictRate } from '../../projections/analytics/channelKpis.js';
import { at, list, maybe, num } from '../support/json.js';
import { readmeSqlStatements } from '../support/readmeSql.js';
import { analyticsSeed, type AnalyticsSeed } from './analyticsSeed.js';

const test = suite<{ s: AnalyticsSeed }>('analytics views on a seeded channel');
test.before(async (ctx) => {
  ctx.s = await analyticsSeed({ partners: 15, seed: 19 });
});
test.after(async (ctx) => ctx.s?.dispose());

type Row = Record<string, unknown>;
const rows = async (s: AnalyticsSeed, sql: string): Promise<Row[]> => {
  const result = await s.platform.analytics.query(sql);
  const out: Row[] = [];
  for await (const batch of result.batches)
    for (const r of batch) out.push(Object.fromEntries(result.columns.map((c, i) => [c, r[i]])));
  return out;
};

test('every SQL statement of the README runs read-only, and returns rows unless it says it may not', async ({ s }) => {
  const failures: string[] = [];
  const statements = readmeSqlStatements().filter((st) => st.dialect === 'both');
  for (const st of statements) {
    try {
      const found = await rows(s, st.sql);
      if (!found.length && !st.mayReturnNoRows) failures.push(`README.md:${st.line} (${st.title}): no rows`);
    } catch (e) {
      failures.push(`README.md:${st.line} (${st.title}): ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  assert.equal(failures, []);
});

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const fits: Record<AnalyticsType, (v: unknown) => boolean> = {
  text: (v) => typeof v === 'string',
  integer: (v) => Number.isInteger(v),
  decimal: (v) => typeof v === 'number',
  instant: (v) => typeof v === 'string' && ISO_INSTANT.test(v),
  date: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v),
  json: (v) => typeof v === 'string' && typeof JSON.parse(v) === 'object',
  flag: (v) => v === 0 || v === 1,
};

test('every view has rows, and every value is of its declared type (instants ISO-8601 UTC, flags 0 or 1)', async ({
  s,
}) => {
  const problems: string[] = [];
  for (const v of currentAnalyticsViews) {
    const found = await rows(s, `SELECT * FROM ${v.name}`);
    if (!found.length) problems.push(`${v.name}: no rows`);
    for (const [column, c] of Object.entries(v.columns)) {
      const bad = found.find((r) => r[column] !== null && !fits[c.type](r[column]));
      if (bad) problems.push(`${v.name}.${column} (${c.type}): ${JSON.stringify(bad[column])}`);
    }
  }
  assert.equal(problems, []);
});

/** A boolean of the API as the views' flag (0 or 1); null stays null. */
const flagOf = (b: unknown) => (b === true ? 1 : b === false ? 0 : b);

test('the scorecards of the API and analytics_scorecards agree on every KPI, every period', async ({ s }) => {
  const viewRows = await rows(s, 'SELECT * FROM analytics_scorecards ORDER BY period, partner_id');
  const periods = [...new Set(viewRows.map((r) => r.period as string))];
  let compared = 0;
  for (const period of periods) {
    const api = list(await s.get(`/scorecards?period=${period}&limit=500`), 'items');
    for (const r of viewRows.filter((x) => x.period === period)) {
      const c = api.find((i) => at(i, 'partnerId') === r.partner_id);
      if (!c) continue;
      compared += 1;
      assert.equal(
        [
          maybe(c, 'wonRevenue', 'amountMinor') ?? 0,
          at(c, 'attainmentPct'),
          flagOf(at(c, 'achievedQuota')),
          at(c, 'growthPct'),
          conflictRate.of(num(c, 'deals', 'conflicted'), num(c, 'deals', 'registered')),
          at(c, 'deals', 'won'),
          at(c, 'leadConversionPct'),
          at(c, 'medianHoursToApproval'),
          maybe(c, 'mdf', 'utilisationPct') ?? null,
        ],
        [
          r.won_minor,
          r.attainment_pct,
          r.achieved_quota,
          r.growth_pct,
          r.conflict_rate_pct,
          r.deals_won,
          r.registration_conversion_pct,
          r.median_hours_to_approval,
          r.mdf_utilisation_pct,
        ],
        `${r.partner_id} ${period}`,
      );
    }
  }
  assert.ok(compared >= viewRows.length * 0.8, `compared ${compared} of ${viewRows.length} partner periods`);
});

test("version 2 of the scorecards counts lead conversion from leads, as each partner's scorecard does", async ({
  s,
}) => {
  const viewRows = await rows(
    s,
    `SELECT * FROM analytics_scorecards WHERE leads_assigned > 0 ORDER BY period DESC, partner_id LIMIT 40`,
  );
  assert.ok(viewRows.length >= 5, `${viewRows.length} partner quarters with lead offers`);
  assert.ok(viewRows.some((r) => r.lead_conversion_pct !== null));
  for (const r of viewRows) {
    const c = await s.get(`/partners/${r.partner_id}/scorecard?period=${r.period}`);
    assert.equal(
      [
        at(c, 'leads', 'assigned'),
        at(c, 'leads', 'accepted'),
        at(c, 'leads', 'declined'),
        at(c, 'leads', 'lapsed'),
        at(c, 'leads', 'converted'),
        at(c, 'leads', 'disqualified'),
        at(c, 'leads', 'conversionPct'),
      ],
      [
        r.leads_assigned,
        r.leads_accepted,
        r.leads_declined,
        r.leads_lapsed,
        r.leads_converted,
        r.leads_disqualified,
        r.lead_conversion_pct,
      ],
      `${String(r.partner_id)} ${String(r.period)}`,
    );
  }
  // Version 1 keeps the registrations' share under the old name.
  const [v1] = await rows(
    s,
    `SELECT COUNT(*) AS n FROM analytics_scorecards_v1 o JOIN analytics_scorecards n
       ON n.partner_id = o.partner_id AND n.period = o.period
     WHERE o.lead_conversion_pct IS NOT n.registration_conversion_pct`,
  );
  assert.is(v1.n, 0);
});

test("each partner's time to first deal, certification coverage and points liability agree with the API", async ({
  s,
}) => {
  const partners = await rows(s, `SELECT * FROM analytics_partners WHERE status IN ('approved', 'active')`);
  assert.ok(partners.length >= 10);
  for (const p of partners) {
    const c = await s.get(`/partners/${p.partner_id}/scorecard`);
    const points = await s.get(`/partners/${p.partner_id}/points`);
    assert.equal(
      [
        at(c, 'timeToFirstDealDays'),
        at(c, 'employeeCount'),
        at(c, 'certifiedPeople'),
        certificationCoverage.of(num(c, 'certifiedPeople'), num(c, 'employeeCount')),
        at(c, 'pointsBalance'),
        at(points, 'balance'),
      ],
      [
        p.time_to_first_deal_days,
        p.employee_count,
        p.certified_people,
        p.certification_coverage_pct,
        p.points_balance,
        p.points_balance,
      ],
      String(p.partner_id),
    );
  }
});

test('channel health and channel revenue agree with the API, period by period: the quadrant over time', async ({
  s,
}) => {
  const health = await rows(s, 'SELECT * FROM analytics_channel_health ORDER BY period');
  const revenue = await rows(s, 'SELECT * FROM analytics_channel_revenue');
  assert.ok(health.length >= 8, `${health.length} quarters`);
  for (const h of health) {
    const api = await s.get(`/dashboards/channel-health?period=${h.period}`);
    assert.equal(
      [
        at(api, 'partners', 'active'),
        at(api, 'quota', 'withQuota'),
        at(api, 'quota', 'achieving'),
        at(api, 'quota', 'achievingPct'),
        at(api, 'quadrant', 'desiredPartnerCount'),
        at(api, 'quadrant', 'partnerCoveragePct'),
        flagOf(at(api, 'quadrant', 'performing')),
        at(api, 'quadrant', 'name'),
        at(api, 'leads', 'registered'),
        at(api, 'leads', 'won'),
        at(api, 'leads', 'closed'),
        at(api, 'leads', 'conversionPct'),
        at(api, 'aberdeen', 'leads', 'assigned'),
        at(api, 'aberdeen', 'leads', 'accepted'),
        at(api, 'aberdeen', 'leads', 'converted'),
        at(api, 'aberdeen', 'leadConversionPct'),
        at(api, 'aberdeen', 'yearEarlierLeadConversionPct'),
      ],
      [
        h.active_partners,
        h.partners_with_quota,
        h.partners_achieving_quota,
        h.achieving_quota_pct,
        h.desired_partner_count,
        h.partner_coverage_pct,
        h.performing,
        h.quadrant,
        h.deals_registered,
        h.deals_won,
        h.deals_closed,
        h.registration_conversion_pct,
        h.leads_assigned,
        h.leads_accepted,
        h.leads_converted,
        h.lead_conversion_pct,
        h.year_ago_lead_conversion_pct,
      ],
      String(h.period),
    );
    for (const c of list(api, 'revenue', 'byCurrency').filter((x) => num(x, 'wonMinor') > 0)) {
      const r = revenue.find((x) => x.period === h.period && x.currency === at(c, 'currency'));
      assert.equal(
        [at(c, 'wonMinor'), at(c, 'previousWonMinor'), at(c, 'growthPct')],
        [r?.won_minor, r?.previous_won_minor, r?.growth_pct],
        `${h.period} ${String(at(c, 'currency'))}`,
      );
    }
  }
  // The channel's conflict rate per quarter is the scorecards' collisions over their registrations.
  const sums = await rows(
    s,
    `SELECT period, SUM(deals_registered) AS registered, SUM(deals_collided) AS collided
     FROM analytics_scorecards GROUP BY period`,
  );
  for (const h of health) {
    const sum = sums.find((x) => x.period === h.period);
    assert.is(conflictRate.of(Number(sum?.collided), Number(sum?.registered)), h.conflict_rate_pct);
  }
});

test('a collision counts once, on the registration that collided: scorecards, deals and pairs agree', async ({ s }) => {
  const [d] = await rows(
    s,
    'SELECT SUM(collided) AS collided, SUM(conflict_flagged) AS flagged, COUNT(*) AS n FROM analytics_deals',
  );
  const [c] = await rows(
    s,
    'SELECT COUNT(DISTINCT deal_id) AS collided, COUNT(*) AS pairs FROM analytics_deal_conflicts',
  );
  const [sc] = await rows(s, 'SELECT SUM(deals_collided) AS collided FROM analytics_scorecards');
  const [events] = await rows(s, `SELECT COUNT(*) AS n FROM events WHERE type = 'DealConflictDetected'`);
  assert.ok(Number(d.collided) > 0, 'the seed has collisions');
  assert.is(d.collided, events.n);
  assert.is(c.collided, d.collided);
  assert.is(sc.collided, d.collided);
  assert.ok(Number(d.flagged) > Number(d.collided), 'the flagged share counts the earlier registrations too');
});

test.run();
