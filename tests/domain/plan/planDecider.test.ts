/** Business plan deciders (DESIGN §13), given / when / then; and the periods plans and dashboards cover. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  BusinessPlanCreated,
  BusinessPlanReserved,
  BusinessPlanRevised,
  Objectives,
  planDecider,
  planReservationDecider,
  quartersOf,
  spanOf,
  yearBefore,
} from '../../../domain/plan/index.js';
import { spec } from '../../support/deciderSpec.js';

const test = suite('business plan deciders');
const plan = spec(planDecider);
const reservation = spec(planReservationDecider);
const planId = 'pln_plan00000001';
const partnerId = 'ptr_partner00001';
const objectives = [{ kind: 'deals_registered' as const, target: 10 }];
const create = (partnerStatus = 'active') => ({
  type: 'CreatePlan' as const,
  data: { planId, partnerId, period: '2026', objectives, createdBy: 'per_cm000000001', partnerStatus },
});
const created = BusinessPlanCreated.create({
  planId,
  partnerId,
  period: '2026',
  objectives,
  createdBy: 'per_cm000000001',
});

test('CreatePlan for an operating partner; refused for a suspended or unknown one, or twice', () => {
  plan.given([]).when(create()).thenEmits([created]);
  plan.given([]).when(create('approved')).thenEmits([created]);
  plan.given([]).when(create('suspended')).thenFails('invalid_state');
  plan.given([]).when(create('none')).thenFails('not_found');
  plan.given([created]).when(create()).thenFails('duplicate');
});

test('RevisePlan replaces the objectives; refused for a plan that does not exist', () => {
  const revised = { objectives: [{ kind: 'new_customers' as const, target: 3 }], revisedBy: 'admin' };
  const state = plan
    .given([created])
    .when({ type: 'RevisePlan', data: revised })
    .thenEmits([BusinessPlanRevised.create(revised)]);
  assert.equal(state.objectives, revised.objectives);
  plan.given([]).when({ type: 'RevisePlan', data: revised }).thenFails('not_found');
});

test('one plan per partner and period: the reservation refuses a second, naming the first', () => {
  const data = { planId, partnerId, period: '2026' };
  reservation
    .given([])
    .when({ type: 'ReservePlan', data })
    .thenEmits([BusinessPlanReserved.create(data)]);
  const refusal = reservation
    .given([BusinessPlanReserved.create(data)])
    .when({ type: 'ReservePlan', data: { ...data, planId: 'pln_plan00000002' } })
    .thenFails('duplicate');
  assert.equal(refusal.details, { planId });
});

test('objectives: each kind once, counts whole and positive, revenue as money', () => {
  assert.ok(Objectives.safeParse([{ kind: 'revenue', target: { amountMinor: 100, currency: 'EUR' } }]).success);
  assert.not.ok(Objectives.safeParse([]).success);
  assert.not.ok(Objectives.safeParse([objectives[0], objectives[0]]).success);
  assert.not.ok(Objectives.safeParse([{ kind: 'deals_registered', target: 0 }]).success);
  assert.not.ok(Objectives.safeParse([{ kind: 'revenue', target: 100 }]).success);
  assert.not.ok(Objectives.safeParse([{ kind: 'partners', target: 1 }]).success);
});

test('periods: a year is four quarters; the year-earlier period; spans', () => {
  assert.equal(quartersOf('2026'), ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
  assert.equal(quartersOf('2026-Q3'), ['2026-Q3']);
  assert.is(yearBefore('2026-Q3'), '2025-Q3');
  assert.is(yearBefore('2026'), '2025');
  assert.equal(
    Object.values(spanOf('2026-Q4')).map((d) => d.toISOString()),
    ['2026-10-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
  );
  assert.equal(
    Object.values(spanOf('2026')).map((d) => d.toISOString()),
    ['2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
  );
});

test.run();
