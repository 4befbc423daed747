import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ifMatchTarget } from '../../http/ifMatchTarget.js';
import { at } from '../support/json.js';
import { activePartner, expectProblem, expectStatus, refused } from './fixtures.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

/**
 * A stale If-Match answers 412 before anything is decided: the client learns its view is stale, not a refusal
 * based on it.
 */
const test = suite<{ t: TestApp }>('If-Match is judged before the command');
test.before.each(async (ctx) => {
  ctx.t = await startTestApp();
});
test.after.each(async (ctx) => ctx.t?.dispose());

test('a stale If-Match on a command the state would refuse is 412, not 409', async ({ t }) => {
  const partner = await activePartner(t);
  const etag = expectStatus(await t.get(`/partners/${partner}`), 200).headers.etag as string;
  expectStatus(await t.post(`/partners/${partner}/tier`, { tier: 'gold', reason: 'growth' }), 200);
  // Approving an active partner is refused (409) — but the caller's version is stale first.
  expectProblem(
    await refused(t, () => t.post(`/partners/${partner}/approve`, { tier: 'silver' }, undefined, { 'if-match': etag })),
    412,
    'version_mismatch',
  );
  const current = expectStatus(await t.get(`/partners/${partner}`), 200).headers.etag as string;
  expectProblem(
    await refused(t, () =>
      t.post(`/partners/${partner}/approve`, { tier: 'silver' }, undefined, { 'if-match': current }),
    ),
    409,
    'invalid_state',
  );
});

test('a current If-Match lets the command through and a stale one on settings is 412', async ({ t }) => {
  const settings = await t.put('/channel/settings', { desiredPartnerCount: 10 });
  expectStatus(settings, 200);
  expectStatus(
    await t.put('/channel/settings', { desiredPartnerCount: 11 }, undefined, {
      'if-match': `"${at(settings.body, 'version')}"`,
    }),
    200,
  );
  expectProblem(
    await refused(t, () =>
      t.put('/channel/settings', { desiredPartnerCount: 12 }, undefined, {
        'if-match': `"${at(settings.body, 'version')}"`,
      }),
    ),
    412,
    'version_mismatch',
  );
});

test('the stream a route refers to', () => {
  assert.is(ifMatchTarget('/partners/:id/approve', { id: 'ptr_x' }), 'partner-ptr_x');
  assert.is(
    ifMatchTarget('/people/:id/certifications/:programId/renew', { id: 'per_x', programId: 'prg_y' }),
    'person-per_x',
  );
  assert.is(ifMatchTarget('/mdf/funds/:id/claims/:claimId/pay', { id: 'mdf_x', claimId: 'clm_y' }), 'mdf-mdf_x');
  assert.is(ifMatchTarget('/channel/settings', {}), 'channel-settings');
  // A partner's employees and points live in other streams: checked once decided, not up front.
  assert.is(ifMatchTarget('/partners/:id/employees', { id: 'ptr_x' }), undefined);
  assert.is(ifMatchTarget('/partners/:id/points/redemptions', { id: 'ptr_x' }), undefined);
});

test.run();
