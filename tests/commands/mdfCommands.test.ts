/**
 * MDF commands called without HTTP: one fund per partner and period (the reservation stream is
 * appended with the allocation, so even concurrent allocations cannot both succeed), and the routes'
 * 404 (a fund of a partner the caller cannot see) and 403 (seen, not allowed).
 */
import * as E from 'fp-ts/lib/Either.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { withPlannedIds } from '../../commands/pipeline/index.js';
import { fundReservationStream, fundStream } from '../../domain/mdf/index.js';
import { must } from '../support/must.js';
import { accepted, openCommandLayer, refused, type CommandLayerFixture } from './commandLayerFixture.js';

const test = suite<{ f: CommandLayerFixture }>('mdf commands');
test.before.each(async (ctx) => {
  ctx.f = await openCommandLayer();
});
test.after.each(async ({ f }) => f.dispose());

const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const fundFor = (partnerId: string) => ({
  partnerId,
  period: '2026-Q3',
  amount: eur(1_000_000),
  expiresAt: '2026-12-31T00:00:00.000Z',
});

test('the channel manager allocates a fund; the partner admin requests against it, recorded as the submitter', async ({
  f,
}) => {
  const partnerId = await f.activePartner('emea');
  const cm = await f.channelManager(['emea']);
  const admin = await f.employee(partnerId, 'admin');
  const { id: fundId } = await accepted(f.commands.mdf.allocate(f.ctx(), cm.principal, fundFor(partnerId)));
  assert.equal(
    (await f.eventsOf(fundReservationStream(partnerId, '2026-Q3'))).map((e) => e.data),
    [{ fundId, partnerId, period: '2026-Q3' }],
  );
  const request = await accepted(
    f.commands.mdf.submitRequest(f.ctx(), admin.principal, {
      fundId,
      activity: 'event',
      description: 'Roadshow',
      amount: eur(100_000),
    }),
  );
  assert.match(request.id, /^req_/);
  const submitted = (await f.eventsOf(fundStream(fundId))).at(-1);
  assert.equal(submitted?.data, {
    requestId: request.id,
    activity: 'event',
    description: 'Roadshow',
    amount: eur(100_000),
    activityDate: '2026-06-01',
    submittedBy: admin.personId,
  });
});

test('a second fund for the same partner and period is refused, and nothing is appended', async ({ f }) => {
  const partnerId = await f.activePartner();
  const { id: first } = await accepted(f.commands.mdf.allocate(f.ctx(), f.system, fundFor(partnerId)));
  const head = await f.head();
  const error = await refused(
    f.commands.mdf.allocate(f.ctx(), f.system, { ...fundFor(partnerId), amount: eur(5) }),
    'duplicate',
    `the partner already has fund ${first} for 2026-Q3`,
  );
  assert.equal(error?.details, { fundId: first });
  assert.is(await f.head(), head);
  await accepted(f.commands.mdf.allocate(f.ctx(), f.system, { ...fundFor(partnerId), period: '2026-Q4' }));
});

test('concurrent allocations for one partner and period: exactly one fund', async ({ f }) => {
  const partnerId = await f.activePartner();
  const outcomes = await Promise.all(
    [1, 2, 3].map(() => f.commands.mdf.allocate(f.ctx(), f.system, fundFor(partnerId))),
  );
  assert.is(outcomes.filter(E.isRight).length, 1);
  assert.equal(
    outcomes.filter(E.isLeft).map((o) => o.left.code),
    ['duplicate', 'duplicate'],
  );
});

test('a fund of a partner the caller cannot see is not found; seen but not theirs to act on is forbidden', async ({
  f,
}) => {
  const partnerId = await f.activePartner('emea');
  const { id: fundId } = await accepted(f.commands.mdf.allocate(f.ctx(), f.system, fundFor(partnerId)));
  const outsider = await f.employee(await f.activePartner('amer'), 'admin');
  const seller = await f.employee(partnerId, 'sales');
  const admin = await f.employee(partnerId, 'admin');
  const request = { fundId, activity: 'training', description: 'Bootcamp', amount: eur(50_000) } as const;
  await refused(f.commands.mdf.submitRequest(f.ctx(), outsider.principal, request), 'not_found', 'fund not found');
  await refused(
    f.commands.mdf.submitRequest(f.ctx(), seller.principal, request),
    'forbidden',
    'not allowed to submit a request against the fund',
  );
  await refused(
    f.commands.mdf.allocate(f.ctx(), admin.principal, { ...fundFor(partnerId), period: '2026-Q4' }),
    'forbidden',
    'not allowed to allocate funds to this partner',
  );
  const { id: requestId } = await accepted(f.commands.mdf.submitRequest(f.ctx(), admin.principal, request));
  await refused(
    f.commands.mdf.approveRequest(f.ctx(), admin.principal, { fundId, requestId, approvedAmount: eur(50_000) }),
    'forbidden',
    'not allowed to approve a request, fully or partially',
  );
  await accepted(f.commands.mdf.approveRequest(f.ctx(), f.system, { fundId, requestId, approvedAmount: eur(50_000) }));
});

test('requests and claims get their planned ids inside withPlannedIds; the admin key submits as `admin`', async ({
  f,
}) => {
  const partnerId = await f.activePartner();
  const { id: fundId } = await accepted(f.commands.mdf.allocate(f.ctx(), f.system, fundFor(partnerId)));
  const { id: requestId } = await accepted(
    withPlannedIds({ request: 'req_plannedRequest1' }, () =>
      f.commands.mdf.submitRequest(f.ctx(), f.admin, {
        fundId,
        activity: 'event',
        description: 'Expo',
        amount: eur(10_000),
        activityDate: '2026-05-28',
      }),
    ),
  );
  assert.is(requestId, 'req_plannedRequest1');
  await accepted(f.commands.mdf.approveRequest(f.ctx(), f.system, { fundId, requestId, approvedAmount: eur(10_000) }));
  const { id: claimId } = await accepted(
    withPlannedIds({ claim: 'clm_plannedClaim01' }, () =>
      f.commands.mdf.submitClaim(f.ctx(), f.admin, {
        fundId,
        requestId,
        amount: eur(9_000),
        proof: [{ name: 'invoice', uri: 'https://p.example/i.pdf' }],
      }),
    ),
  );
  assert.is(claimId, 'clm_plannedClaim01');
  const last = must((await f.eventsOf(fundStream(fundId))).at(-1), 'the last event of the fund');
  assert.is((last.data as { submittedBy: string }).submittedBy, 'admin');
});

test.run();
