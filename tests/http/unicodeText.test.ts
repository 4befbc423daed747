/**
 * "Views and events never differ" for text (README Reliability): a lone surrogate anywhere in a body
 * is a 400 at its field, before any schema, and appends nothing; control characters are refused in
 * names; reasons keep their line breaks. Property: whatever name is accepted reads back the same from
 * the people view and from the log.
 */
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { str } from '../support/json.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { applyPartner, expectProblem, expectStatus, refused } from './fixtures.js';

const test = suite<{ t: TestApp }>('HTTP: text is well-formed Unicode');
test.before(async (ctx) => {
  ctx.t = await startTestApp();
});
test.after(async (ctx) => ctx.t?.dispose());

let emails = 0;
const email = () => `unicode${++emails}@acme.example`;

test('the reported name with a lone surrogate: 400 at name, nothing appended', async ({ t }) => {
  const r = await refused(t, () => t.post('/people', { name: 'lone high \ud800 surrogate', email: email() }));
  expectProblem(r, 400, 'validation_failed', ['name']);
  // Raw JSON escapes, as a client would send them.
  const raw = await refused(t, () => t.post('/people', `{"name":"low \\udc00 alone","email":"${email()}"}`));
  expectProblem(raw, 400, 'validation_failed', ['name']);
  // Anywhere in a body, nested or in a field's name, and in fields no schema would read.
  const nested = await refused(t, () =>
    t.post('/partners', {
      name: 'Acme',
      website: 'https://acme.example',
      country: 'DE',
      region: 'emea',
      type: 'reseller',
      extra: [{ deep: '\udfff' }],
    }),
  );
  expectProblem(nested, 400, 'validation_failed', ['extra[0].deep']);
});

test('control characters in a name are refused; a reason keeps its line breaks', async ({ t }) => {
  for (const name of ['bell\u0007', 'two\nlines', 'nul\u0000byte'])
    expectProblem(await refused(t, () => t.post('/people', { name, email: email() })), 400, 'validation_failed', [
      'name',
    ]);
  const partner = await applyPartner(t);
  const reason = 'Not a fit:\n- no storage practice\n- region full';
  const r = expectStatus(await t.post(`/partners/${partner}/reject`, { reason }), 200);
  const [event] = await t.platform.storedLog.streamEvents(str(r.body, 'streamId'), 1, 1);
  assert.is((JSON.parse(event.data) as { reason: string }).reason, reason);
});

const risky = fc.string({
  unit: fc.oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
    fc.integer({ min: 0, max: 0x9f }).map((c) => String.fromCharCode(c)),
  ),
  minLength: 1,
  maxLength: 16,
});

test('property: an accepted name reads back identical from the view and the log', async ({ t }) => {
  let accepted = 0;
  await fc.assert(
    fc.asyncProperty(risky, async (name) => {
      const before = await t.eventCount();
      const r = await t.post('/people', { name, email: email() });
      if (r.status !== 201) {
        expectProblem(r, 400, 'validation_failed', ['name']);
        assert.is(await t.eventCount(), before);
        return;
      }
      accepted += 1;
      const view = expectStatus(await t.get(`/people/${str(r.body, 'id')}`), 200).body as { name: string };
      const events = [];
      for await (const e of t.platform.store.readStream(str(r.body, 'streamId'))) events.push(e);
      const logged = (events[0].data as { name: string }).name;
      assert.is(view.name, name.trim());
      assert.is(logged, view.name);
    }),
    { numRuns: 150, seed: 11 },
  );
  assert.ok(accepted > 20, `only ${accepted} names accepted`);
});

test.run();
