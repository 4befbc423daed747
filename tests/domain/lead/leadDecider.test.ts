/** Lead decider (DESIGN §13): every transition and every refusal, given / when / then. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  LeadAccepted,
  LeadAcceptanceLapsed,
  LeadAssigned,
  leadDecider,
  LeadConverted,
  LeadDeclined,
  LeadDisqualified,
  LeadRegistered,
  type LeadCommand,
  type LeadEvent,
  type NextAssignment,
} from '../../../domain/lead/index.js';
import { defaultProductLines, money } from '../../../domain/shared/index.js';
import { spec, SPEC_NOW } from '../../support/deciderSpec.js';

const test = suite('lead decider');
const lead = spec(leadDecider);
const HOUR = 3_600_000;
const at = (hours: number) => new Date(SPEC_NOW.getTime() + hours * HOUR);
const iso = (hours: number) => at(hours).toISOString();

const leadId = 'led_lead0000001';
const A = 'ptr_partnerAAAA';
const B = 'ptr_partnerBBBB';
const customer = { name: 'Initech', domain: 'initech.com', country: 'DE' };

const registered = LeadRegistered.create({
  leadId,
  customer,
  region: 'emea',
  productLine: 'storage',
  estimatedValue: money(1_000_000, 'EUR'),
  source: 'web form',
  registeredBy: 'per_manager0001',
  registeredAt: SPEC_NOW.toISOString(),
});
const next = (partnerId: string, over: Partial<NextAssignment> = {}): NextAssignment => ({
  partnerId,
  partnerStatus: 'active',
  by: 'manual',
  assignedBy: 'per_manager0001',
  acceptHours: 48,
  ...over,
});
const assignedTo = (partnerId: string, hoursFromNow = 0, extra: Record<string, unknown> = {}) =>
  LeadAssigned.create({
    partnerId,
    by: 'manual',
    acceptBy: iso(hoursFromNow + 48),
    assignedBy: 'per_manager0001',
    assignedAt: iso(hoursFromNow),
    ...extra,
  });
const assign = (partnerId: string, over: Partial<NextAssignment> = {}): LeadCommand => ({
  type: 'AssignLead',
  data: next(partnerId, over),
});
const routing = {
  candidates: [
    { partnerId: B, openLeads: 0, converted: 0, resolved: 0, conversionPct: null, assignedEver: 0 },
    { partnerId: A, openLeads: 2, converted: 1, resolved: 2, conversionPct: 50, assignedEver: 3 },
  ],
  candidateCount: 2,
  excludedCount: 0,
  decidedBy: 'lowest_load' as const,
  reason: 'lowest open-lead load: 0 open against 2 for the next partner',
};
const accepted = LeadAccepted.create({ partnerId: A, acceptedBy: 'per_adminAAAA01', acceptedAt: iso(1) });
const history = (...events: LeadEvent[]) => [registered, ...events];

test('RegisterLead: registered with the channel product line, the caller and the instant', () => {
  lead
    .given([])
    .when({
      type: 'RegisterLead',
      data: {
        leadId,
        customer,
        region: 'emea',
        productLine: 'storage',
        estimatedValue: money(1_000_000, 'EUR'),
        source: 'web form',
        registeredBy: 'per_manager0001',
        productLines: [...defaultProductLines],
      },
    })
    .thenEmits([registered]);
});

test('RegisterLead refusals: an unknown product line, a value of zero, a second registration', () => {
  const data = { leadId, customer, region: 'emea', source: 'event', registeredBy: 'admin', productLines: ['storage'] };
  lead
    .given([])
    .when({ type: 'RegisterLead', data: { ...data, productLine: 'quantum' } })
    .thenFails('validation_failed');
  lead
    .given([])
    .when({ type: 'RegisterLead', data: { ...data, productLine: 'storage', estimatedValue: money(0, 'EUR') } })
    .thenFails('validation_failed', 'greater than zero');
  lead
    .given([registered])
    .when({ type: 'RegisterLead', data: { ...data, productLine: 'storage' } })
    .thenFails('duplicate');
});

test('commands on a lead that does not exist: not_found', () => {
  lead.given([]).when(assign(A)).thenFails('not_found');
  lead
    .given([])
    .when({ type: 'AcceptLead', data: { partnerId: A, acceptedBy: 'x' } })
    .thenFails('not_found');
});

test('AssignLead by hand: the deadline is leadAcceptHours from now', () => {
  const state = lead
    .given(history())
    .when(assign(A))
    .thenEmits([assignedTo(A)]);
  assert.is(state.status, 'assigned');
  assert.is(state.partnerId, A);
  assert.is(state.acceptBy, iso(48));
});

test('AssignLead by routing records the candidates and why the winner won', () => {
  lead
    .given(history())
    .when(assign(B, { by: 'routing', assignedBy: 'per_manager0001', acceptHours: 24, routing }))
    .thenEmits([
      LeadAssigned.create({
        partnerId: B,
        by: 'routing',
        acceptBy: iso(24),
        assignedBy: 'per_manager0001',
        assignedAt: iso(0),
        routing,
      }),
    ]);
});

test('AssignLead of an assigned lead moves it: the previous holder is named (a reassignment keeps history)', () => {
  const state = lead
    .given(history(assignedTo(A)))
    .when(assign(B), at(2))
    .thenEmits([assignedTo(B, 2, { previousPartnerId: A })]);
  assert.is(state.assignments, 2);
  assert.equal(state.excluded, [], 'a reassignment excludes nobody');
});

test('AssignLead refusals: the same holder, a partner that declined or lapsed, an inactive or unknown partner', () => {
  lead
    .given(history(assignedTo(A)))
    .when(assign(A))
    .thenFails('invalid_state', 'already assigned');
  const declined = LeadDeclined.create({ partnerId: A, declinedBy: 'per_adminAAAA01', reason: 'no capacity' });
  lead
    .given(history(assignedTo(A), declined))
    .when(assign(A))
    .thenFails('invalid_state', 'never offered');
  const lapsed = LeadAcceptanceLapsed.create({ partnerId: A, acceptBy: iso(48) });
  lead
    .given(history(assignedTo(A), lapsed))
    .when(assign(A), at(50))
    .thenFails('invalid_state', 'never offered');
  lead
    .given(history())
    .when(assign(A, { partnerStatus: 'suspended' }))
    .thenFails('invalid_state', 'suspended');
  lead
    .given(history())
    .when(assign(A, { partnerStatus: 'none' }))
    .thenFails('not_found');
});

test('AssignLead refusals: an accepted, converted or disqualified lead; an assigned one past its deadline', () => {
  lead
    .given(history(assignedTo(A), accepted))
    .when(assign(B))
    .thenFails('invalid_state', 'accepted');
  const converted = LeadConverted.create({ partnerId: A, dealId: 'deal_converted01', convertedBy: 'per_adminAAAA01' });
  lead
    .given(history(assignedTo(A), accepted, converted))
    .when(assign(B))
    .thenFails('invalid_state');
  const disqualified = LeadDisqualified.create({ disqualifiedBy: 'admin', reason: 'spam' });
  lead.given(history(disqualified)).when(assign(B)).thenFails('invalid_state', 'disqualified');
  lead
    .given(history(assignedTo(A)))
    .when(assign(B), at(48))
    .thenFails('invalid_state', 'ran out');
});

test('AcceptLead: the holder, before the deadline', () => {
  const state = lead
    .given(history(assignedTo(A)))
    .when({ type: 'AcceptLead', data: { partnerId: A, acceptedBy: 'per_adminAAAA01' } }, at(1))
    .thenEmits([accepted]);
  assert.is(state.status, 'accepted');
});

test('AcceptLead refusals: another partner, at or after the deadline, a lead not awaiting an answer', () => {
  const acceptAs = (partnerId: string): LeadCommand => ({ type: 'AcceptLead', data: { partnerId, acceptedBy: 'p' } });
  lead
    .given(history(assignedTo(A)))
    .when(acceptAs(B))
    .thenFails('invalid_state', 'only the partner');
  lead
    .given(history(assignedTo(A)))
    .when(acceptAs(A), at(48))
    .thenFails('invalid_state', 'ran out');
  lead.given(history()).when(acceptAs(A)).thenFails('invalid_state', 'registered');
  lead
    .given(history(assignedTo(A), accepted))
    .when(acceptAs(A))
    .thenFails('invalid_state', 'accepted');
});

test('DeclineLead: the holder, with a reason; the partner is excluded from then on', () => {
  const declined = LeadDeclined.create({ partnerId: A, declinedBy: 'per_adminAAAA01', reason: 'no capacity' });
  const state = lead
    .given(history(assignedTo(A)))
    .when({ type: 'DeclineLead', data: { partnerId: A, declinedBy: 'per_adminAAAA01', reason: 'no capacity' } })
    .thenEmits([declined]);
  assert.is(state.status, 'declined');
  assert.is(state.partnerId, undefined);
  assert.equal(state.excluded, [A]);
});

test('DeclineLead refusals: another partner, after the deadline, once accepted', () => {
  const declineAs = (partnerId: string): LeadCommand => ({
    type: 'DeclineLead',
    data: { partnerId, declinedBy: 'p', reason: 'x' },
  });
  lead
    .given(history(assignedTo(A)))
    .when(declineAs(B))
    .thenFails('invalid_state');
  lead
    .given(history(assignedTo(A)))
    .when(declineAs(A), at(49))
    .thenFails('invalid_state', 'ran out');
  lead
    .given(history(assignedTo(A), accepted))
    .when(declineAs(A))
    .thenFails('invalid_state', 'accepted');
});

test('LapseLead: once the deadline passed; with a next assignment it routes on in the same decision', () => {
  const lapsed = LeadAcceptanceLapsed.create({ partnerId: A, acceptBy: iso(48) });
  const state = lead
    .given(history(assignedTo(A)))
    .when({ type: 'LapseLead', data: {} }, at(48))
    .thenEmits([lapsed]);
  assert.is(state.status, 'lapsed');
  assert.equal(state.excluded, [A]);
  const on = lead
    .given(history(assignedTo(A)))
    .when(
      { type: 'LapseLead', data: { next: next(B, { by: 'routing', assignedBy: 'lead-acceptance-sweeper' }) } },
      at(50),
    )
    .thenEmits([
      lapsed,
      LeadAssigned.create({
        partnerId: B,
        by: 'routing',
        acceptBy: iso(98),
        assignedBy: 'lead-acceptance-sweeper',
        assignedAt: iso(50),
      }),
    ]);
  assert.is(on.partnerId, B);
  assert.equal(on.excluded, [A]);
});

test('LapseLead refusals: before the deadline, an answered lead, routing on to the partner that lapsed', () => {
  lead
    .given(history(assignedTo(A)))
    .when({ type: 'LapseLead', data: {} }, at(47))
    .thenFails('invalid_state', 'runs until');
  lead
    .given(history(assignedTo(A), accepted))
    .when({ type: 'LapseLead', data: {} }, at(60))
    .thenFails('invalid_state');
  lead
    .given(history(assignedTo(A)))
    .when({ type: 'LapseLead', data: { next: next(A) } }, at(49))
    .thenFails('invalid_state', 'never offered');
});

test('ConvertLead: an accepted lead, by its holder, names the deal', () => {
  const converted = LeadConverted.create({ partnerId: A, dealId: 'deal_converted01', convertedBy: 'per_adminAAAA01' });
  const state = lead
    .given(history(assignedTo(A), accepted))
    .when({ type: 'ConvertLead', data: { partnerId: A, dealId: 'deal_converted01', convertedBy: 'per_adminAAAA01' } })
    .thenEmits([converted]);
  assert.is(state.status, 'converted');
  assert.is(state.dealId, 'deal_converted01');
});

test('ConvertLead refusals: not accepted, another partner, converted already (at most once)', () => {
  const convert = (partnerId: string): LeadCommand => ({
    type: 'ConvertLead',
    data: { partnerId, dealId: 'deal_converted02', convertedBy: 'p' },
  });
  lead
    .given(history(assignedTo(A)))
    .when(convert(A))
    .thenFails('invalid_state', 'only an accepted lead');
  lead
    .given(history(assignedTo(A), accepted))
    .when(convert(B))
    .thenFails('invalid_state', 'only the partner');
  const converted = LeadConverted.create({ partnerId: A, dealId: 'deal_converted01', convertedBy: 'p' });
  lead
    .given(history(assignedTo(A), accepted, converted))
    .when(convert(A))
    .thenFails('invalid_state', 'converted');
});

test('DisqualifyLead: from any open status, naming the holder when there is one', () => {
  const reason = { disqualifiedBy: 'per_manager0001', reason: 'duplicate of an existing opportunity' };
  lead
    .given(history())
    .when({ type: 'DisqualifyLead', data: reason })
    .thenEmits([LeadDisqualified.create(reason)]);
  lead
    .given(history(assignedTo(A), accepted))
    .when({ type: 'DisqualifyLead', data: reason })
    .thenEmits([LeadDisqualified.create({ partnerId: A, ...reason })]);
  const declined = LeadDeclined.create({ partnerId: A, declinedBy: 'p', reason: 'no' });
  lead
    .given(history(assignedTo(A), declined))
    .when({ type: 'DisqualifyLead', data: reason })
    .thenEmits([LeadDisqualified.create(reason)]);
});

test('DisqualifyLead refusals: a converted or disqualified lead', () => {
  const reason = { disqualifiedBy: 'p', reason: 'x' };
  const converted = LeadConverted.create({ partnerId: A, dealId: 'deal_converted01', convertedBy: 'p' });
  lead
    .given(history(assignedTo(A), accepted, converted))
    .when({ type: 'DisqualifyLead', data: reason })
    .thenFails('invalid_state');
  lead
    .given(history(LeadDisqualified.create(reason)))
    .when({ type: 'DisqualifyLead', data: reason })
    .thenFails('invalid_state');
});

test.run();
