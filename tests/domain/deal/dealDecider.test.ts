/** Deal registration decider: every transition and every refusal, given / when / then. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  dealDecider,
  DealApproved,
  DealConflictDetected,
  DealExpired,
  DealLost,
  DealProtectionExtended,
  DealRegistered,
  DealRejected,
  DealWithdrawn,
  DealWon,
  type DealCommand,
  type DealEvent,
} from '../../../domain/deal/index.js';
import { defaultProductLines, money } from '../../../domain/shared/index.js';
import { spec, SPEC_NOW } from '../../support/deciderSpec.js';

const test = suite('deal decider');
const deal = spec(dealDecider);
const DAY = 86_400_000;
const at = (days: number) => new Date(SPEC_NOW.getTime() + days * DAY);
const iso = (days: number) => at(days).toISOString();

const dealId = 'deal_acme000001';
const partnerId = 'ptr_partner0001';
const registeredBy = 'per_seller00001';
const customer = { name: 'Acme Ltd', domain: 'acme.co.uk', country: 'GB' };

const registerData = (over: Partial<Extract<DealCommand, { type: 'RegisterDeal' }>['data']> = {}) => ({
  dealId,
  partnerId,
  registeredBy,
  customer,
  productLine: 'storage',
  estimatedValue: money(5_000_000, 'EUR'),
  expectedCloseDate: '2026-06-30',
  partnerStatus: 'active',
  registrantEmployerId: partnerId,
  productLines: [...defaultProductLines],
  conflictingDealIds: [],
  ...over,
});
const register = (over: Parameters<typeof registerData>[0] = {}): DealCommand => ({
  type: 'RegisterDeal',
  data: registerData(over),
});

const registered = DealRegistered.create({
  dealId,
  partnerId,
  registeredBy,
  customer,
  productLine: 'storage',
  estimatedValue: money(5_000_000, 'EUR'),
  expectedCloseDate: '2026-06-30',
  registeredAt: SPEC_NOW.toISOString(),
});
const approved = DealApproved.create({ protectedUntil: iso(90), protectionDays: 90 });
const submittedDeal: DealEvent[] = [registered];
const approvedDeal: DealEvent[] = [registered, approved];
const extend = (
  days: number,
  over: Partial<{ maxExtensions: number; maxProtectionDays: number }> = {},
): DealCommand => ({
  type: 'ExtendProtection',
  data: {
    protectedUntil: iso(days),
    reason: 'customer board meets later',
    maxExtensions: 2,
    maxProtectionDays: 90,
    ...over,
  },
});
const win = (closedAt = iso(10), amountMinor = 4_800_000): DealCommand => ({
  type: 'WinDeal',
  data: { amount: money(amountMinor, 'EUR'), closedAt },
});

// Registration

test('an employee of an active partner registers a deal', () => {
  const state = deal.given([]).when(register()).thenEmits([registered]);
  assert.is(state.status, 'submitted');
  assert.is(state.customerDomain, 'acme.co.uk');
});

test('a registration colliding with other partners is stored with DealConflictDetected', () => {
  const state = deal
    .given([])
    .when(register({ conflictingDealIds: ['deal_other000001', 'deal_other000002', 'deal_other000001'] }))
    .thenEmits([
      registered,
      DealConflictDetected.create({ conflictingDealIds: ['deal_other000001', 'deal_other000002'] }),
    ]);
  assert.equal(state.conflictingDealIds, ['deal_other000001', 'deal_other000002']);
});

test('registration refusals: unknown partner, not an employee, partner not active', () => {
  deal
    .given([])
    .when(register({ partnerStatus: 'none' }))
    .thenFails('not_found', 'partner');
  deal
    .given([])
    .when(register({ registrantEmployerId: undefined }))
    .thenFails('forbidden', 'current employees');
  deal
    .given([])
    .when(register({ registrantEmployerId: 'ptr_someone0001' }))
    .thenFails('forbidden');
  for (const status of ['applied', 'approved', 'suspended', 'terminated', 'rejected'])
    deal
      .given([])
      .when(register({ partnerStatus: status }))
      .thenFails('invalid_state', status);
});

test('registration refusals with field paths: product line, value, close date', () => {
  const paths = (command: DealCommand) =>
    deal
      .given([])
      .when(command)
      .thenFails('validation_failed')
      .errors?.map((e) => e.path);
  assert.equal(paths(register({ productLine: 'quantum' })), ['productLine']);
  assert.equal(paths(register({ productLines: ['compute'] })), ['productLine']);
  assert.equal(paths(register({ estimatedValue: money(0, 'EUR') })), ['estimatedValue.amountMinor']);
  assert.equal(paths(register({ expectedCloseDate: '2026-03-14' })), ['expectedCloseDate']);
  assert.equal(paths(register({ expectedCloseDate: '2036-03-16' })), ['expectedCloseDate']);
  deal
    .given([])
    .when(register({ expectedCloseDate: '2026-03-15' }))
    .thenEmits([{ ...registered, data: { ...registered.data, expectedCloseDate: '2026-03-15' } }]);
});

test('registering an existing deal again is a duplicate', () => {
  deal.given(submittedDeal).when(register()).thenFails('duplicate');
});

// Approval, rejection, withdrawal

test('approval protects the deal for the given number of days from now', () => {
  const state = deal
    .given(submittedDeal)
    .when({ type: 'ApproveDeal', data: { protectionDays: 30 } })
    .thenEmits([DealApproved.create({ protectedUntil: iso(30), protectionDays: 30 })]);
  assert.equal([state.status, state.protectedUntil], ['approved', iso(30)]);
});

test('reject and withdraw end a submitted registration', () => {
  assert.is(
    deal
      .given(submittedDeal)
      .when({ type: 'RejectDeal', data: { reason: 'customer is a direct account' } })
      .thenEmits([DealRejected.create({ reason: 'customer is a direct account' })]).status,
    'rejected',
  );
  assert.is(
    deal
      .given(submittedDeal)
      .when({ type: 'WithdrawDeal', data: {} })
      .thenEmits([DealWithdrawn.create({})]).status,
    'withdrawn',
  );
  deal
    .given(submittedDeal)
    .when({ type: 'WithdrawDeal', data: { reason: 'entered twice' } })
    .thenEmits([DealWithdrawn.create({ reason: 'entered twice' })]);
});

test('approve, reject and withdraw need a submitted deal', () => {
  const ended: DealEvent[][] = [
    approvedDeal,
    [registered, DealRejected.create({ reason: 'x' })],
    [registered, DealWithdrawn.create({})],
    [...approvedDeal, DealWon.create({ amount: money(1, 'EUR'), closedAt: iso(1) })],
  ];
  for (const history of ended) {
    deal
      .given(history)
      .when({ type: 'ApproveDeal', data: { protectionDays: 90 } })
      .thenFails('invalid_state');
    deal
      .given(history)
      .when({ type: 'RejectDeal', data: { reason: 'x' } })
      .thenFails('invalid_state');
    deal.given(history).when({ type: 'WithdrawDeal', data: {} }).thenFails('invalid_state');
  }
  deal.given(approvedDeal).when({ type: 'WithdrawDeal', data: {} }).thenFails('invalid_state', 'only a submitted deal');
});

test('every command to an unknown deal is not_found', () => {
  const commands: DealCommand[] = [
    { type: 'ApproveDeal', data: { protectionDays: 90 } },
    { type: 'RejectDeal', data: { reason: 'x' } },
    { type: 'WithdrawDeal', data: {} },
    extend(100),
    win(),
    { type: 'LoseDeal', data: { reason: 'x' } },
    { type: 'ExpireDeal', data: {} },
  ];
  for (const command of commands) deal.given([]).when(command).thenFails('not_found');
});

// Extension

test('extension moves the end of protection and counts', () => {
  const state = deal
    .given(approvedDeal)
    .when(extend(120), at(60))
    .thenEmits([DealProtectionExtended.create({ protectedUntil: iso(120), reason: 'customer board meets later' })]);
  assert.equal([state.protectedUntil, state.extensions], [iso(120), 1]);
});

test('extensions are limited by the channel setting', () => {
  const twice: DealEvent[] = [
    ...approvedDeal,
    DealProtectionExtended.create({ protectedUntil: iso(100), reason: 'a' }),
    DealProtectionExtended.create({ protectedUntil: iso(110), reason: 'b' }),
  ];
  deal.given(twice).when(extend(120)).thenFails('limit_exceeded', 'allows 2');
  deal
    .given(twice)
    .when(extend(120, { maxExtensions: 3 }), at(50))
    .thenEmits([DealProtectionExtended.create({ protectedUntil: iso(120), reason: 'customer board meets later' })]);
  deal
    .given(approvedDeal)
    .when(extend(100, { maxExtensions: 0 }))
    .thenFails('limit_exceeded');
});

test('the new end must be later than the current one and within one protection period from now', () => {
  assert.equal(
    deal.given(approvedDeal).when(extend(90)).thenFails('validation_failed').errors?.[0].path,
    'protectedUntil',
  );
  assert.equal(
    deal.given(approvedDeal).when(extend(80)).thenFails('validation_failed').errors?.[0].path,
    'protectedUntil',
  );
  assert.match(deal.given(approvedDeal).when(extend(91)).thenFails('validation_failed').message, /90 days/);
  deal
    .given(approvedDeal)
    .when(extend(91), at(10))
    .thenEmits([DealProtectionExtended.create({ protectedUntil: iso(91), reason: 'customer board meets later' })]);
  assert.match(
    deal
      .given(approvedDeal)
      .when(extend(95, { maxProtectionDays: 30 }), at(10))
      .thenFails('validation_failed').message,
    /30 days/,
  );
});

test('only protected deals are extended: not submitted, not lapsed, not closed', () => {
  deal.given(submittedDeal).when(extend(100)).thenFails('invalid_state', 'submitted');
  deal.given(approvedDeal).when(extend(150), at(90)).thenFails('invalid_state', 'lapsed');
  deal
    .given([...approvedDeal, DealLost.create({ reason: 'x' })])
    .when(extend(100))
    .thenFails('invalid_state', 'lost');
});

// Outcomes

test('a protected deal is won with amount and closing instant', () => {
  assert.is(
    deal
      .given(approvedDeal)
      .when(win(iso(10)), at(20))
      .thenEmits([DealWon.create({ amount: money(4_800_000, 'EUR'), closedAt: iso(10) })]).status,
    'won',
  );
  // Closing earlier on the day of registration is fine.
  deal
    .given(approvedDeal)
    .when(win('2026-03-15T00:00:00.000Z'), at(1))
    .thenEmits([DealWon.create({ amount: money(4_800_000, 'EUR'), closedAt: '2026-03-15T00:00:00.000Z' })]);
});

test('win refusals: closing in the future, before registration, zero amount, not protected', () => {
  assert.equal(
    deal
      .given(approvedDeal)
      .when(win(iso(11)), at(10))
      .thenFails('validation_failed').errors?.[0].path,
    'closedAt',
  );
  assert.equal(
    deal.given(approvedDeal).when(win('2026-03-14T23:59:59.000Z'), at(10)).thenFails('validation_failed').errors?.[0]
      .path,
    'closedAt',
  );
  assert.equal(
    deal
      .given(approvedDeal)
      .when(win(iso(1), 0), at(10))
      .thenFails('validation_failed').errors?.[0].path,
    'amount.amountMinor',
  );
  deal.given(submittedDeal).when(win()).thenFails('invalid_state', 'submitted');
  deal
    .given(approvedDeal)
    .when(win(iso(1)), at(90))
    .thenFails('invalid_state', 'lapsed');
});

test('a protected deal is lost with a reason; lapsed or decided deals are not', () => {
  assert.is(
    deal
      .given(approvedDeal)
      .when({ type: 'LoseDeal', data: { reason: 'budget cut' } }, at(5))
      .thenEmits([DealLost.create({ reason: 'budget cut' })]).status,
    'lost',
  );
  deal
    .given(submittedDeal)
    .when({ type: 'LoseDeal', data: { reason: 'x' } })
    .thenFails('invalid_state');
  deal
    .given(approvedDeal)
    .when({ type: 'LoseDeal', data: { reason: 'x' } }, at(91))
    .thenFails('invalid_state', 'lapsed');
  deal
    .given([...approvedDeal, DealWon.create({ amount: money(1, 'EUR'), closedAt: iso(1) })])
    .when({ type: 'LoseDeal', data: { reason: 'x' } })
    .thenFails('invalid_state', 'won');
});

// Expiry

test('a deal expires once protection has lapsed, recording the end that lapsed', () => {
  const state = deal
    .given(approvedDeal)
    .when({ type: 'ExpireDeal', data: {} }, at(90))
    .thenEmits([DealExpired.create({ protectedUntil: iso(90) })]);
  assert.is(state.status, 'expired');
  const extended = [...approvedDeal, DealProtectionExtended.create({ protectedUntil: iso(120), reason: 'x' })];
  deal.given(extended).when({ type: 'ExpireDeal', data: {} }, at(100)).thenFails('invalid_state', 'runs until');
  deal
    .given(extended)
    .when({ type: 'ExpireDeal', data: {} }, at(121))
    .thenEmits([DealExpired.create({ protectedUntil: iso(120) })]);
});

test('expiry refusals: still protected, never approved, already expired, won or lost', () => {
  deal.given(approvedDeal).when({ type: 'ExpireDeal', data: {} }, at(89)).thenFails('invalid_state', 'runs until');
  deal.given(submittedDeal).when({ type: 'ExpireDeal', data: {} }, at(200)).thenFails('invalid_state', 'submitted');
  deal
    .given([...approvedDeal, DealExpired.create({ protectedUntil: iso(90) })])
    .when({ type: 'ExpireDeal', data: {} }, at(200))
    .thenFails('invalid_state', 'expired');
  deal
    .given([...approvedDeal, DealWon.create({ amount: money(1, 'EUR'), closedAt: iso(1) })])
    .when({ type: 'ExpireDeal', data: {} }, at(200))
    .thenFails('invalid_state', 'won');
  deal
    .given([...approvedDeal, DealLost.create({ reason: 'x' })])
    .when({ type: 'ExpireDeal', data: {} }, at(200))
    .thenFails('invalid_state', 'lost');
});

test('an expired deal takes no further command', () => {
  const expired = [...approvedDeal, DealExpired.create({ protectedUntil: iso(90) })];
  deal.given(expired).when(extend(150), at(95)).thenFails('invalid_state');
  deal
    .given(expired)
    .when(win(iso(91)), at(95))
    .thenFails('invalid_state');
  deal
    .given(expired)
    .when({ type: 'LoseDeal', data: { reason: 'x' } }, at(95))
    .thenFails('invalid_state');
  deal
    .given(expired)
    .when({ type: 'ApproveDeal', data: { protectionDays: 90 } }, at(95))
    .thenFails('invalid_state');
});

test.run();
