import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { at, str } from '../support/json.js';
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
  const id = str(partner.body, 'id');
  assert.match(id, /^ptr_/);
  assert.is((await t.post(`/partners/${id}/approve`, { tier: 'silver' })).status, 200);
  const signed = await t.post(`/partners/${id}/agreements`, { agreementVersion: '2026.1', signedBy: 'Jane Doe' });
  assert.is(signed.status, 200, JSON.stringify(signed.body));
  const ann = await t.post('/people', { name: 'Ann Admin', email: 'ann@acme.example' });
  const bob = await t.post('/people', { name: 'Bob Sales', email: 'bob@acme.example' });
  assert.is(ann.status, 201);
  assert.is((await t.post(`/partners/${id}/employees`, { personId: at(ann.body, 'id'), role: 'admin' })).status, 200);
  assert.is((await t.post(`/partners/${id}/employees`, { personId: at(bob.body, 'id'), role: 'sales' })).status, 200);
  const program = await t.post('/programs', {
    name: 'Storage Associate',
    productLine: 'storage',
    validForDays: 365,
    points: 100,
  });
  assert.is(program.status, 201, JSON.stringify(program.body));
  const cert = await t.post(`/people/${at(bob.body, 'id')}/certifications`, { programId: at(program.body, 'id') });
  assert.is(cert.status, 200, JSON.stringify(cert.body));

  const view = await t.get(`/partners/${id}`);
  assert.is(view.status, 200);
  assert.is(at(view.body, 'status'), 'active');
  assert.is(at(view.body, 'employeeCount'), 2);
  assert.is(at(view.body, 'certifiedPeople'), 1);
  assert.equal(at(view.body, 'readyProductLines'), ['storage']);
  assert.is(view.headers.etag, `"${at(view.body, 'version')}"`);

  // The partner's admin sees their own partner, through their own token.
  const asAnn = await t.get(`/partners/${id}`, t.tokenFor(str(ann.body, 'id')));
  assert.is(asAnn.status, 200);
  const me = await t.get('/me', t.tokenFor(str(bob.body, 'id')));
  assert.is(at(me.body, 'profile', 'certifications', 0, 'valid'), true);
});

test.run();
