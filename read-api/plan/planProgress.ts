import type { z } from 'zod';
import type { Objective } from '../../domain/plan/index.js';
import { quartersOf, spanOf } from '../../domain/plan/periods.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import type { Database } from '../../projections/readModels/database.js';
import { pct } from '../scorecard/figures.js';
import { certifiedPeopleNow } from '../scorecard/readinessNow.js';
import type { PlanObjectiveOut, PlanOut, PlanStatus } from './planOut.js';

type ObjectiveOut = z.input<typeof PlanObjectiveOut>;

type PlanRow = Database['partner_plans'] & { partner_name: string | null };

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** The figures plans of these partners are measured against, read in four queries whatever the page. */
const figuresFor = async (db: SqlDb, plans: readonly PlanRow[]) => {
  const partners = [...new Set(plans.map((p) => p.partner_id))];
  const quarters = [...new Set(plans.flatMap((p) => quartersOf(p.period)))];
  if (!partners.length) return undefined;
  const [revenue, registered, customers, certified] = await Promise.all([
    db.all<{ partner_id: string; period: string; currency: string; won_minor: number }>(
      `SELECT partner_id, period, currency, won_minor FROM scorecard_revenue
       WHERE partner_id IN (${marks(partners.length)}) AND period IN (${marks(quarters.length)})`,
      [...partners, ...quarters],
    ),
    db.all<{ partner_id: string; period: string; deals_registered: number }>(
      `SELECT partner_id, period, deals_registered FROM scorecard_periods
       WHERE partner_id IN (${marks(partners.length)}) AND period IN (${marks(quarters.length)})`,
      [...partners, ...quarters],
    ),
    // A new customer: one the partner won for the first time (by closing date) in the period.
    db.all<{ partner_id: string; first_won: string }>(
      `SELECT partner_id, MIN(closed_at) AS first_won FROM deals
       WHERE partner_id IN (${marks(partners.length)}) AND status = 'won' GROUP BY partner_id, customer_domain`,
      partners,
    ),
    db.all<{ partner_id: string; certified_expiries: string }>(
      `SELECT partner_id, certified_expiries FROM scorecard_partners WHERE partner_id IN (${marks(partners.length)})`,
      partners,
    ),
  ]);
  return { revenue, registered, customers, certified };
};
type Figures = NonNullable<Awaited<ReturnType<typeof figuresFor>>>;

/** What the partner reached of one objective in the plan's period. */
const actualOf = (o: Objective, plan: PlanRow, f: Figures, now: Date): number => {
  const quarters = new Set(quartersOf(plan.period));
  const mine = <R extends { partner_id: string }>(rows: readonly R[]) =>
    rows.filter((r) => r.partner_id === plan.partner_id);
  switch (o.kind) {
    case 'revenue':
      return mine(f.revenue)
        .filter((r) => quarters.has(r.period) && r.currency === o.target.currency)
        .reduce((sum, r) => sum + Number(r.won_minor), 0);
    case 'deals_registered':
      return mine(f.registered)
        .filter((r) => quarters.has(r.period))
        .reduce((sum, r) => sum + Number(r.deals_registered), 0);
    case 'new_customers': {
      const { start, end } = spanOf(plan.period);
      return mine(f.customers).filter((r) => r.first_won >= start.toISOString() && r.first_won < end.toISOString())
        .length;
    }
    case 'certified_people':
      return certifiedPeopleNow(mine(f.certified)[0]?.certified_expiries ?? '[]', now);
  }
};

/**
 * Plans with their progress (README "Business plans"): each objective's actual figure from the
 * scorecard figures of the plan's period, the share of the target reached, and whether it is on track
 * (met, or at least the share of the period already gone; certified people, a level, must be met).
 */
export const plansWithProgress = async (db: SqlDb, plans: readonly PlanRow[], now: Date) =>
  (await progressOfPlans(db, plans, now)).views;

/**
 * The first instant (ms) after `now` at which a plan's view changes with no event: its start and its end
 * (status), the next hundredth of a percent of its period gone (elapsedPct, and onTrack with it: every
 * 13 minutes of a quarter), the next expiry among the certified people it counts. Just before it where
 * floating point might round the other way: an answer recomputed early is the same answer.
 */
const changesAt = (plan: PlanRow, span: { start: Date; end: Date }, f: Figures | undefined, now: number) => {
  const [from, to] = [span.start.getTime(), span.end.getTime()];
  let until = Number.POSITIVE_INFINITY;
  if (now < from) until = from;
  else if (now < to) {
    const length = to - from;
    const hundredths = Math.round(((now - from) / length) * 10_000);
    until = Math.min(to, Math.floor(from + ((hundredths + 0.5) / 10_000) * length) - 1);
  }
  const certified = f?.certified.find((r) => r.partner_id === plan.partner_id)?.certified_expiries;
  for (const e of certified ? (JSON.parse(certified) as number[]) : []) if (e > now && e < until) until = e;
  return until;
};

/** Plans with their progress at `now`, and the instant (ms) until which that progress holds with no event. */
export const progressOfPlans = async (db: SqlDb, plans: readonly PlanRow[], now: Date) => {
  const f = await figuresFor(db, plans);
  let holdsUntil = Number.POSITIVE_INFINITY;
  const views = plans.map((plan): z.input<typeof PlanOut> => {
    const { start, end } = spanOf(plan.period);
    holdsUntil = Math.min(holdsUntil, changesAt(plan, { start, end }, f, now.getTime()));
    const elapsedPct = Math.min(
      100,
      Math.max(0, pct(now.getTime() - start.getTime(), end.getTime() - start.getTime()) ?? 0),
    );
    const objectives = (JSON.parse(plan.objectives) as Objective[]).map((o): ObjectiveOut => {
      const actual = f ? actualOf(o, plan, f, now) : 0;
      const target = o.kind === 'revenue' ? o.target.amountMinor : o.target;
      const progressPct = pct(actual, target) ?? 0;
      const met = actual >= target;
      const reached = {
        progressPct,
        met,
        onTrack: met || (o.kind !== 'certified_people' && progressPct >= elapsedPct),
      };
      return o.kind === 'revenue'
        ? { kind: o.kind, target: o.target, actual: { amountMinor: actual, currency: o.target.currency }, ...reached }
        : { kind: o.kind, target: o.target, actual, ...reached };
    });
    const status: PlanStatus = now < start ? 'upcoming' : now >= end ? 'ended' : 'running';
    return {
      id: plan.plan_id,
      partnerId: plan.partner_id,
      partnerName: plan.partner_name,
      period: plan.period,
      status,
      elapsedPct,
      objectives,
      notes: plan.notes,
      createdBy: plan.created_by,
      createdAt: plan.created_at,
      revisedAt: plan.revised_at,
      version: Number(plan.version),
    };
  });
  return { views, holdsUntil };
};
export type PlanView = Awaited<ReturnType<typeof plansWithProgress>>[number];
