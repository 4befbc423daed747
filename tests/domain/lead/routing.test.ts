/** The routing rule (DESIGN §13) and a partner's lead load, given / when / then. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  candidateOf,
  leadLoadDecider,
  PartnerLeadReleased,
  PartnerLeadTaken,
  routeLead,
  type RoutingCandidate,
} from '../../../domain/lead/index.js';
import { spec } from '../../support/deciderSpec.js';

const test = suite('lead routing rule and lead load');
const c = (partnerId: string, openLeads: number, converted = 0, resolved = 0, assignedEver = openLeads + resolved) =>
  candidateOf(partnerId, { open: openLeads, converted, resolved, assignedEver }) satisfies RoutingCandidate;

test('nobody to choose: no decision', () => {
  assert.is(routeLead([], 3), undefined);
});

test('the only candidate wins, and says so', () => {
  const choice = routeLead([c('ptr_only000001', 5)], 2);
  assert.is(choice?.partnerId, 'ptr_only000001');
  assert.is(choice?.routing.decidedBy, 'only_candidate');
  assert.is(choice?.routing.excludedCount, 2);
});

test('lowest open-lead load first, whatever the conversion rates', () => {
  const choice = routeLead([c('ptr_busy000001', 3, 9, 10), c('ptr_idle000001', 1, 0, 10)], 0);
  assert.is(choice?.partnerId, 'ptr_idle000001');
  assert.is(choice?.routing.decidedBy, 'lowest_load');
  assert.match(choice?.routing.reason ?? '', /1 open against 3/);
  assert.equal(
    choice?.routing.candidates.map((x) => x.partnerId),
    ['ptr_idle000001', 'ptr_busy000001'],
  );
});

test('equal load: the best conversion rate; a partner with no outcome yet ranks after any known rate', () => {
  const choice = routeLead([c('ptr_new0000001', 1), c('ptr_weak000001', 1, 1, 4), c('ptr_good000001', 1, 3, 4)], 0);
  assert.is(choice?.partnerId, 'ptr_good000001');
  assert.is(choice?.routing.decidedBy, 'best_conversion');
  assert.equal(
    choice?.routing.candidates.map((x) => x.conversionPct),
    [75, 25, null],
  );
});

test('equal load and rate: fewest leads ever assigned, then the lowest partner id', () => {
  const fewer = routeLead([c('ptr_aaaa000001', 0, 1, 2, 9), c('ptr_bbbb000001', 0, 1, 2, 4)], 0);
  assert.is(fewer?.partnerId, 'ptr_bbbb000001');
  assert.is(fewer?.routing.decidedBy, 'fewest_assigned');
  const tie = routeLead([c('ptr_bbbb000001', 0), c('ptr_aaaa000001', 0)], 0);
  assert.is(tie?.partnerId, 'ptr_aaaa000001');
  assert.is(tie?.routing.decidedBy, 'partner_id');
});

test('at most 20 candidates are recorded, all are counted', () => {
  const many = Array.from({ length: 30 }, (_, i) => c(`ptr_many${String(i).padStart(6, '0')}`, i % 4));
  const choice = routeLead(many, 0);
  assert.is(choice?.routing.candidates.length, 20);
  assert.is(choice?.routing.candidateCount, 30);
});

const load = spec(leadLoadDecider);
const leadId = 'led_lead0000001';

test('a partner lead load: taken, released by outcome; conversion counts converted of resolved', () => {
  const taken = PartnerLeadTaken.create({ leadId });
  const state = load.given([]).when({ type: 'TakeLead', data: { leadId } }).thenEmits([taken]);
  assert.equal(state, { open: 1, assignedEver: 1, converted: 0, resolved: 0 });
  const after = load
    .given([taken, taken])
    .when({ type: 'ReleaseLead', data: { leadId, outcome: 'converted' } })
    .thenEmits([PartnerLeadReleased.create({ leadId, outcome: 'converted' })]);
  assert.equal(after, { open: 1, assignedEver: 2, converted: 1, resolved: 1 });
  const moved = load
    .given([taken])
    .when({ type: 'ReleaseLead', data: { leadId, outcome: 'reassigned' } })
    .thenEmits([PartnerLeadReleased.create({ leadId, outcome: 'reassigned' })]);
  assert.equal(moved, { open: 0, assignedEver: 1, converted: 0, resolved: 0 }, 'a reassignment is no outcome');
});

test('a release with nothing open is refused', () => {
  load
    .given([])
    .when({ type: 'ReleaseLead', data: { leadId, outcome: 'declined' } })
    .thenFails('invalid_state');
});

test.run();
