/**
 * Partner commands called without HTTP: the same authorisation as the routes (404 for a partner the
 * caller cannot see, 403 for one they see but may not change), the system principal acting with a
 * vendor admin's powers, and the seed's planned ids.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { withPlannedIds } from '../../commands/pipeline/index.js';
import { accepted, openCommandLayer, refused, type CommandLayerFixture } from './commandLayerFixture.js';

const test = suite<{ f: CommandLayerFixture }>('partner commands');
test.before.each(async (ctx) => {
  ctx.f = await openCommandLayer();
});
test.after.each(async ({ f }) => f.dispose());

test('a channel manager approves an applicant of their region; the event lands on the partner stream', async ({
  f,
}) => {
  const cm = await f.channelManager(['emea']);
  const { id } = await accepted(
    f.commands.partner.apply(f.ctx(), f.system, {
      name: 'Acme',
      website: 'https://www.acme.example',
      country: 'DE',
      region: 'emea',
      type: 'reseller',
    }),
  );
  const result = await accepted(
    f.commands.partner.approve(f.ctx({ kind: 'person', id: cm.personId }), cm.principal, {
      partnerId: id,
      tier: 'gold',
    }),
  );
  assert.is(result.streamId, `partner-${id}`);
  const approved = (await f.eventsOf(`partner-${id}`)).at(-1);
  assert.equal(
    [approved?.type, approved?.data, approved?.metadata.actor],
    ['PartnerApproved', { tier: 'gold' }, { kind: 'person', id: cm.personId }],
  );
});

test('a partner the caller cannot see is not found, and nothing is appended', async ({ f }) => {
  const partnerId = await f.activePartner('emea');
  const other = await f.activePartner('amer');
  const outsider = await f.employee(other, 'admin');
  const cmElsewhere = await f.channelManager(['apac']);
  const head = await f.head();
  await refused(
    f.commands.partner.changeTier(f.ctx(), outsider.principal, { partnerId, tier: 'gold', reason: 'growth' }),
    'not_found',
    'partner not found',
  );
  await refused(
    f.commands.partner.suspend(f.ctx(), cmElsewhere.principal, { partnerId, reason: 'overdue' }),
    'not_found',
    'partner not found',
  );
  await refused(
    f.commands.partner.approve(f.ctx(), f.system, { partnerId: 'ptr_doesnotexist01', tier: 'gold' }),
    'not_found',
    'partner not found',
  );
  assert.is(await f.head(), head);
});

test('a partner the caller sees but may not change is forbidden, naming the action as its URL does', async ({ f }) => {
  const partnerId = await f.activePartner('emea');
  const seller = await f.employee(partnerId, 'sales');
  const cm = await f.channelManager(['emea']);
  await refused(
    f.commands.partner.setQuota(f.ctx(), seller.principal, {
      partnerId,
      period: '2026-Q3',
      amount: { amountMinor: 100, currency: 'EUR' },
    }),
    'forbidden',
    'not allowed to quotas this partner',
  );
  await refused(
    f.commands.partner.terminate(f.ctx(), cm.principal, { partnerId, reason: 'done' }),
    'forbidden',
    'not allowed to terminate this partner',
  );
  await refused(
    f.commands.partner.apply(f.ctx(), cm.principal, {
      name: 'Far Away',
      website: 'https://far.example',
      country: 'US',
      region: 'amer',
      type: 'msp',
    }),
    'forbidden',
    'not allowed to onboard partners in region amer',
  );
});

test(
  'the partner admin signs their own agreement; ' + 'assigning an unknown person as channel manager is not found',
  async ({ f }) => {
    const { id: partnerId } = await accepted(
      f.commands.partner.apply(f.ctx(), f.system, {
        name: 'Beta',
        website: 'https://beta.example',
        country: 'FR',
        region: 'emea',
        type: 'msp',
      }),
    );
    await accepted(f.commands.partner.approve(f.ctx(), f.system, { partnerId, tier: 'silver' }));
    const admin = await f.employee(partnerId, 'admin');
    await accepted(
      f.commands.partner.signAgreement(f.ctx(), admin.principal, {
        partnerId,
        agreementVersion: '2026.1',
        signedBy: 'The Boss',
      }),
    );
    assert.equal((await f.eventsOf(`partner-${partnerId}`)).map((e) => e.type).slice(-2), [
      'PartnerAgreementSigned',
      'PartnerActivated',
    ]);
    await refused(
      f.commands.partner.assignChannelManager(f.ctx(), f.system, { partnerId, personId: 'per_doesnotexist01' }),
      'not_found',
      'person not found',
    );
  },
);

test("the system principal has a vendor admin's powers; the log records the context's actor", async ({ f }) => {
  const partnerId = await f.activePartner('apac');
  await accepted(
    f.commands.partner.terminate(f.ctx({ kind: 'system', id: 'test' }), f.system, { partnerId, reason: 'ended' }),
  );
  const last = (await f.eventsOf(`partner-${partnerId}`)).at(-1);
  assert.equal([last?.type, last?.metadata.actor], ['PartnerTerminated', { kind: 'system', id: 'test' }]);
});

test('inside withPlannedIds a new partner gets the planned id, retried or not; outside, a fresh one', async ({ f }) => {
  const planned = 'ptr_plannedPartner01';
  const body = {
    name: 'Planned',
    website: 'https://planned.example',
    country: 'DE',
    region: 'emea',
    type: 'reseller',
  } as const;
  const { id } = await accepted(
    withPlannedIds({ partner: planned }, () => f.commands.partner.apply(f.ctx(), f.system, body)),
  );
  assert.is(id, planned);
  assert.is((await f.eventsOf(`partner-${planned}`))[0]?.type, 'PartnerApplied');
  // The same planned id again is the same partner: the decider refuses a second application.
  await refused(
    withPlannedIds({ partner: planned }, () => f.commands.partner.apply(f.ctx(), f.system, body)),
    'duplicate',
  );
  const fresh = await accepted(f.commands.partner.apply(f.ctx(), f.system, body));
  assert.is.not(fresh.id, planned);
  assert.match(fresh.id, /^ptr_/);
});

test.run();
