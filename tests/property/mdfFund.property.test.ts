/**
 * MDF invariants (DESIGN §4) under random command sequences and a moving clock, through decide + evolve,
 * checked against the event log itself (not only the decider's running totals):
 * - money still promised (approved requests not settled) plus money paid never exceeds the allocation,
 *   so the fund never commits or pays more than allocated, and available is never negative;
 * - a claim is paid at most once, a request has at most one paid claim, a paid amount never exceeds
 *   what was approved for the claim nor for its request;
 * - every amount is in the fund's currency;
 * - after the fund expires nothing is recorded but payments of approved claims (and closing); after it
 *   closes, only payments;
 * - the running balances equal a recomputation from requests and claims, and replay equals the fold.
 */
import fc from 'fast-check';
import { isRight } from 'fp-ts/lib/Either.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { available, fundDecider, type FundState, type MdfCommand, type MdfEvent } from '../../domain/mdf/index.js';
import { money, replay, type Money } from '../../domain/shared/index.js';
import { assertValidEvents } from '../support/deciderSpec.js';
import { deepFreeze } from './deepFreeze.js';

const START = Date.parse('2026-03-01T00:00:00.000Z');
const EXPIRES = '2026-06-01T00:00:00.000Z';
const proof = [{ name: 'photos', uri: 'https://files.example.com/p.zip' }];

/**
 * A step names an operation and how to fill it in against the state at that moment: which request or
 * claim (`pick`, also unknown ones), which share of the relevant amount (up to 130%: over the limits too),
 * and now and then a malformed amount (zero, another currency, the largest safe integer).
 */
interface Step {
  readonly op:
    | 'allocate'
    | 'submit'
    | 'approve'
    | 'reject'
    | 'claim'
    | 'approveClaim'
    | 'rejectClaim'
    | 'pay'
    | 'close';
  readonly pick: number;
  readonly sharePct: number;
  readonly odd: 'none' | 'zero' | 'usd' | 'huge';
  readonly advanceMs: number;
  readonly claimDays: number;
  readonly activityDate: string;
  readonly partnerStatus: string;
}
const step: fc.Arbitrary<Step> = fc.record({
  op: fc.oneof(
    { arbitrary: fc.constant('allocate' as const), weight: 1 },
    { arbitrary: fc.constant('submit' as const), weight: 4 },
    { arbitrary: fc.constant('approve' as const), weight: 4 },
    { arbitrary: fc.constant('reject' as const), weight: 1 },
    { arbitrary: fc.constant('claim' as const), weight: 4 },
    { arbitrary: fc.constant('approveClaim' as const), weight: 3 },
    { arbitrary: fc.constant('rejectClaim' as const), weight: 1 },
    { arbitrary: fc.constant('pay' as const), weight: 3 },
    { arbitrary: fc.constant('close' as const), weight: 1 },
  ),
  pick: fc.nat(20),
  sharePct: fc.oneof(fc.constantFrom(25, 50, 100), fc.integer({ min: 0, max: 130 })),
  odd: fc.oneof(
    { arbitrary: fc.constant('none' as const), weight: 12 },
    { arbitrary: fc.constantFrom('zero' as const, 'usd' as const, 'huge' as const), weight: 1 },
  ),
  advanceMs: fc.integer({ min: 0, max: 4 * 86_400_000 }),
  claimDays: fc.constantFrom(5, 30, 60),
  activityDate: fc.constantFrom('2026-03-01', '2026-03-05', '2026-03-20', '2026-04-15', '2026-05-30', '2026-06-10'),
  partnerStatus: fc.constantFrom('active', 'active', 'approved', 'suspended'),
});
const steps = fc.array(step, { minLength: 5, maxLength: 80, size: 'max' });

/** Turns a step into a command against the current state (ids beyond the known ones are unknown ones). */
const commandFor = (x: Step, s: FundState, counter: number): MdfCommand => {
  const share = (of: number) => Math.floor((of * x.sharePct) / 100);
  const amount = (of: number): Money =>
    x.odd === 'zero'
      ? money(0, 'EUR')
      : x.odd === 'usd'
        ? money(share(of) + 1, 'USD')
        : x.odd === 'huge'
          ? money(Number.MAX_SAFE_INTEGER, 'EUR')
          : money(share(of), 'EUR');
  const requests = Object.values(s.requests);
  const claims = Object.values(s.claims);
  const request = requests[x.pick % (requests.length + 1)];
  const claim = claims[x.pick % (claims.length + 1)];
  const requestId = request?.requestId ?? 'req_unknown0001';
  const claimId = claim?.claimId ?? 'clm_unknown0001';
  switch (x.op) {
    case 'allocate':
      return {
        type: 'AllocateFund',
        data: {
          fundId: 'mdf_fund000001',
          partnerId: 'ptr_acme00001',
          period: '2026-Q2',
          amount: amount(2_000_000),
          expiresAt: EXPIRES,
          partnerStatus: x.partnerStatus,
        },
      };
    case 'submit':
      // Now and then a request id already used.
      return {
        type: 'SubmitRequest',
        data: {
          requestId: x.pick === 0 && request ? requestId : `req_r${String(counter).padStart(8, '0')}`,
          activity: 'event',
          description: 'x',
          amount: amount(s.allocated),
          activityDate: x.activityDate,
          submittedBy: 'per_ann000001',
        },
      };
    case 'approve':
      return {
        type: 'ApproveRequest',
        data: { requestId, approvedAmount: amount(request?.amountMinor ?? 1000), claimDays: x.claimDays },
      };
    case 'reject':
      return { type: 'RejectRequest', data: { requestId, reason: 'no' } };
    case 'claim':
      return {
        type: 'SubmitClaim',
        data: {
          claimId: x.pick === 0 && claim ? claimId : `clm_c${String(counter).padStart(8, '0')}`,
          requestId,
          amount: amount(request?.approvedMinor ?? request?.amountMinor ?? 1000),
          proof,
          submittedBy: 'per_ann000001',
        },
      };
    case 'approveClaim':
      return { type: 'ApproveClaim', data: { claimId, approvedAmount: amount(claim?.amountMinor ?? 1000) } };
    case 'rejectClaim':
      return { type: 'RejectClaim', data: { claimId, reason: 'no' } };
    case 'pay':
      return { type: 'PayClaim', data: { claimId, paymentReference: 'P' } };
    case 'close':
      return { type: 'CloseFund', data: {} };
  }
};

const seenEvents = new Set<string>();

/** Invariants computed from the log alone. */
const checkLog = (log: readonly { event: MdfEvent; at: number }[]) => {
  const allocatedEvent = log.find((l) => l.event.type === 'MdfFundAllocated')?.event;
  if (allocatedEvent?.type !== 'MdfFundAllocated') return assert.is(log.length, 0, 'events before the allocation');
  const { currency, amountMinor: allocated } = allocatedEvent.data.amount;
  const approvedByRequest = new Map<string, number>();
  const requestOfClaim = new Map<string, string>();
  const approvedByClaim = new Map<string, number>();
  const paidClaims = new Set<string>();
  const settledRequests = new Set<string>();
  let paid = 0;
  let closedAt: number | undefined;
  for (const { event, at } of log) {
    seenEvents.add(event.type);
    const data = event.data as Record<string, unknown>;
    for (const key of ['amount', 'approvedAmount'])
      if (key in data) assert.is((data[key] as Money).currency, currency, `${event.type} in another currency`);
    if (at >= Date.parse(EXPIRES))
      assert.ok(['MdfClaimPaid', 'MdfFundClosed'].includes(event.type), `${event.type} after the fund expired`);
    if (closedAt !== undefined) assert.is(event.type, 'MdfClaimPaid', `${event.type} after the fund closed`);
    switch (event.type) {
      case 'MdfRequestApproved':
        approvedByRequest.set(event.data.requestId, event.data.approvedAmount.amountMinor);
        break;
      case 'MdfClaimSubmitted':
        requestOfClaim.set(event.data.claimId, event.data.requestId);
        break;
      case 'MdfClaimApproved':
        approvedByClaim.set(event.data.claimId, event.data.approvedAmount.amountMinor);
        break;
      case 'MdfFundClosed':
        closedAt = at;
        break;
      case 'MdfClaimPaid': {
        const { claimId: id } = event.data;
        const request = requestOfClaim.get(id) ?? '';
        assert.not.ok(paidClaims.has(id), `claim ${id} paid twice`);
        assert.not.ok(settledRequests.has(request), `request ${request} paid twice`);
        const amountPaid = approvedByClaim.get(id) ?? Number.NaN;
        assert.ok(amountPaid <= (approvedByRequest.get(request) ?? -1), 'paid more than the request was approved for');
        paidClaims.add(id);
        settledRequests.add(request);
        paid += amountPaid;
        break;
      }
      default:
        break;
    }
    const promised = [...approvedByRequest].filter(([r]) => !settledRequests.has(r)).reduce((n, [, a]) => n + a, 0);
    assert.ok(promised + paid <= allocated, `promised ${promised} + paid ${paid} exceed the allocation ${allocated}`);
  }
};

/** Running totals against a recomputation from the requests and claims. */
const checkState = (s: FundState) => {
  const requests = Object.values(s.requests);
  const claims = Object.values(s.claims);
  const settled = (r: (typeof requests)[number]) => r.claimId !== undefined && s.claims[r.claimId]?.status === 'paid';
  const committed = requests
    .filter((r) => r.status === 'approved' && !settled(r))
    .reduce((n, r) => n + (r.approvedMinor ?? 0), 0);
  const paid = claims.filter((c) => c.status === 'paid').reduce((n, c) => n + (c.approvedMinor ?? 0), 0);
  const claimed = claims.filter((c) => c.status !== 'rejected').reduce((n, c) => n + c.amountMinor, 0);
  assert.equal([s.committed, s.paid, s.claimed], [committed, paid, claimed], 'running balances');
  assert.ok(
    available(s) >= 0 && s.committed >= 0 && s.paid >= 0,
    `negative balance: ${JSON.stringify([available(s), s.committed, s.paid])}`,
  );
  for (const c of claims)
    if (c.status === 'paid') assert.ok((c.approvedMinor ?? 0) <= c.amountMinor, 'paid more than claimed');
};

const run = (input: readonly Step[]) => {
  let state = fundDecider.initialState;
  let clock = START;
  const log: { event: MdfEvent; at: number }[] = [];
  for (const [i, x] of input.entries()) {
    clock += x.advanceMs;
    const c = commandFor(x, state, i);
    const decision = fundDecider.decide(c, deepFreeze(state), new Date(clock));
    if (!isRight(decision)) continue;
    assertValidEvents(decision.right);
    for (const event of decision.right) {
      state = fundDecider.evolve(deepFreeze(state), event);
      log.push({ event, at: clock });
    }
    checkState(state);
  }
  checkLog(log);
  return { state, log };
};

const test = suite('MDF fund properties');

test('any sequence of MDF commands never commits or pays more than allocated, nor pays a claim twice', () => {
  fc.assert(
    fc.property(steps, (input) => void run(input)),
    { numRuns: 1500 },
  );
  assert.is(seenEvents.size, 9, `the sequences produce every MDF event: ${[...seenEvents].join(', ')}`);
});

test('replaying the log (also through JSON, as from the store) gives the state of the fold', () => {
  fc.assert(
    fc.property(steps, (input) => {
      const { state, log } = run(input);
      const events = log.map((l) => l.event);
      assert.equal(replay(fundDecider, events), state);
      assert.equal(replay(fundDecider, JSON.parse(JSON.stringify(events)) as MdfEvent[]), state);
    }),
    { numRuns: 300 },
  );
});

test.run();
