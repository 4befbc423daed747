import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startTestApp, type TestApp } from '../support/testApp.js';

const test = suite<{ t: TestApp }>('README journey: a partner becomes ready to sell');
test.before(async (ctx) => {
  ctx.t = await startTestApp();
});
test.after(async (ctx) => ctx.t?.dispose());

test('apply, approve, sign, register two people, join, certify: ready for storage', async ({ t }) => {
  const partner = await t.post('/partners', {
    name: 'Acme Storage',
    website: 'https://acme.example',
    country: 'DE',
    region: 'emea',
    type: 'reseller',
  });
  assert.is(partner.status, 201, JSON.stringify(partner.body));
  const id = partner.body.id as string;
  assert.match(id, /^ptr_/);
  assert.is((await t.post(`/partners/${id}/approve`, { tier: 'silver' })).status, 200);
  const signed = await t.post(`/partners/${id}/agreements`, { agreementVersion: '2026.1', signedBy: 'Jane Doe' });
  assert.is(signed.status, 200, JSON.stringify(signed.body));
  const ann = await t.post('/people', { name: 'Ann Admin', email: 'ann@acme.example' });
  const bob = await t.post('/people', { name: 'Bob Sales', email: 'bob@acme.example' });
  assert.is(ann.status, 201);
  assert.is((await t.post(`/partners/${id}/employees`, { personId: ann.body.id, role: 'admin' })).status, 200);
  assert.is((await t.post(`/partners/${id}/employees`, { personId: bob.body.id, role: 'sales' })).status, 200);
  const program = await t.post('/programs', {
    name: 'Storage Associate',
    productLine: 'storage',
    validForDays: 365,
    points: 100,
  });
  assert.is(program.status, 201, JSON.stringify(program.body));
  const cert = await t.post(`/people/${bob.body.id}/certifications`, { programId: program.body.id });
  assert.is(cert.status, 200, JSON.stringify(cert.body));

  const view = await t.get(`/partners/${id}`);
  assert.is(view.status, 200);
  assert.is(view.body.status, 'active');
  assert.is(view.body.employeeCount, 2);
  assert.is(view.body.certifiedPeople, 1);
  assert.equal(view.body.readyProductLines, ['storage']);
  assert.is(view.headers.etag, `"${view.body.version}"`);

  // The partner's admin sees their own partner, through their own token.
  const asAnn = await t.get(`/partners/${id}`, t.tokenFor(ann.body.id));
  assert.is(asAnn.status, 200);
  const me = await t.get('/me', t.tokenFor(bob.body.id));
  assert.is(me.body.profile.certifications[0].valid, true);
});

test.run();
