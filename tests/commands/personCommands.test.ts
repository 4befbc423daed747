/**
 * People commands called without HTTP: registration with its email reservation (one person per
 * email, case-insensitively, even when two register at once), vendor roles, certifications and
 * employment, each with the routes' 404 (not visible) and 403 (visible, not allowed).
 */
import * as E from 'fp-ts/lib/Either.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { must } from '../support/must.js';
import { accepted, openCommandLayer, refused, type CommandLayerFixture } from './commandLayerFixture.js';

const test = suite<{ f: CommandLayerFixture }>('people commands');
test.before.each(async (ctx) => {
  ctx.f = await openCommandLayer();
});
test.after.each(async ({ f }) => f.dispose());

test('a partner admin registers a person; the email is reserved in the same append', async ({ f }) => {
  const partnerId = await f.activePartner();
  const admin = await f.employee(partnerId, 'admin');
  const { id, position } = await accepted(
    f.commands.person.register(f.ctx(), admin.principal, { name: 'Ada Lovelace', email: 'Ada@Example.com' }),
  );
  const [registered] = await f.eventsOf(`person-${id}`);
  const [reserved] = await f.eventsOf('email-ada@example.com');
  assert.equal(registered.data, { personId: id, name: 'Ada Lovelace', email: 'ada@example.com' });
  assert.is((reserved.data as { personId: string }).personId, id);
  assert.is(Math.max(registered.position, reserved.position), position);
});

test('a second person with the same email (any case) is a duplicate, and nothing is appended', async ({ f }) => {
  await accepted(f.commands.person.register(f.ctx(), f.system, { name: 'Grace Hopper', email: 'grace@example.com' }));
  const head = await f.head();
  const error = await refused(
    f.commands.person.register(f.ctx(), f.system, { name: 'Other Grace', email: 'GRACE@example.com' }),
    'duplicate',
  );
  assert.equal(error?.errors, [{ path: 'email', message: 'already registered' }]);
  assert.is(await f.head(), head);
});

test('two registrations of one email at once: exactly one person', async ({ f }) => {
  const outcomes = await Promise.all(
    [1, 2, 3, 4].map((n) =>
      f.commands.person.register(f.ctx(), f.system, { name: `Racer ${n}`, email: 'race@example.com' }),
    ),
  );
  assert.is(outcomes.filter(E.isRight).length, 1);
  assert.equal(
    outcomes.filter(E.isLeft).map((o) => o.left.code),
    ['duplicate', 'duplicate', 'duplicate'],
  );
});

test('a sales person may not register people', async ({ f }) => {
  const seller = await f.employee(await f.activePartner(), 'sales');
  await refused(
    f.commands.person.register(f.ctx(), seller.principal, { name: 'Nope', email: 'nope@example.com' }),
    'forbidden',
    'not allowed to register people',
  );
});

test(
  'vendor roles: a person the caller cannot see is not found; ' + 'one they see is forbidden to all but vendor admins',
  async ({ f }) => {
    const partnerId = await f.activePartner();
    const admin = await f.employee(partnerId, 'admin');
    const colleague = await f.employee(partnerId, 'sales');
    const outsider = await f.employee(await f.activePartner('amer'), 'admin');
    await refused(
      f.commands.person.grantVendorRole(f.ctx(), outsider.principal, { personId: colleague.personId, role: 'analyst' }),
      'not_found',
      'person not found',
    );
    await refused(
      f.commands.person.grantVendorRole(f.ctx(), admin.principal, { personId: colleague.personId, role: 'analyst' }),
      'forbidden',
      'not allowed to grant a vendor role',
    );
    // Vendor staff are nobody's employees: the admin key grants the role to someone unemployed.
    const staff = await f.registered();
    await accepted(
      f.commands.person.grantVendorRole(f.ctx(), f.admin, {
        personId: staff,
        role: 'channel_manager',
        regions: ['emea'],
      }),
    );
    assert.equal((await f.eventsOf(`person-${staff}`)).at(-1)?.data, { role: 'channel_manager', regions: ['emea'] });
    await refused(
      f.commands.person.revokeVendorRole(f.ctx(), admin.principal, { personId: staff, role: 'channel_manager' }),
      'not_found',
      'person not found',
    );
    await accepted(f.commands.person.revokeVendorRole(f.ctx(), f.system, { personId: staff, role: 'channel_manager' }));
  },
);

test("certifications: the partner's channel manager records one; an unknown program is not found on renewal", async ({
  f,
}) => {
  const { id: programId } = await accepted(
    f.commands.program.define(f.ctx(), f.system, {
      name: 'Storage Associate',
      productLine: 'storage',
      validForDays: 365,
      points: 100,
    }),
  );
  const partnerId = await f.activePartner('emea');
  const tech = await f.employee(partnerId, 'technical');
  const cm = await f.channelManager(['emea']);
  const cmElsewhere = await f.channelManager(['amer']);
  await refused(
    f.commands.person.earnCertification(f.ctx(), cmElsewhere.principal, { personId: tech.personId, programId }),
    'not_found',
    'person not found',
  );
  await refused(
    f.commands.person.earnCertification(f.ctx(), tech.principal, { personId: tech.personId, programId }),
    'forbidden',
    'not allowed to record an earned certification',
  );
  await accepted(f.commands.person.earnCertification(f.ctx(), cm.principal, { personId: tech.personId, programId }));
  const earned = must((await f.eventsOf(`person-${tech.personId}`)).at(-1), 'the last event of the person');
  assert.equal(
    [earned.type, (earned.data as { earnedAt: string }).earnedAt],
    ['CertificationEarned', f.clock.now().toISOString()],
  );
  await refused(
    f.commands.person.renewCertification(f.ctx(), cm.principal, {
      personId: tech.personId,
      programId: 'prg_doesnotexist01',
    }),
    'not_found',
    'program not found',
  );
});

test(
  'employment: adding to a partner one cannot see is not found, ' +
    "one can see but not manage is forbidden; leaving is one's own",
  async ({ f }) => {
    const partnerId = await f.activePartner();
    const seller = await f.employee(partnerId, 'sales');
    const newcomer = await f.registered();
    const outsider = await f.employee(await f.activePartner('amer'), 'admin');
    await refused(
      f.commands.person.join(f.ctx(), outsider.principal, { partnerId, personId: newcomer, role: 'sales' }),
      'not_found',
      'partner not found',
    );
    await refused(
      f.commands.person.join(f.ctx(), seller.principal, { partnerId, personId: newcomer, role: 'sales' }),
      'forbidden',
      'not allowed to add employees of this partner',
    );
    await refused(
      f.commands.person.changeRole(f.ctx(), seller.principal, { partnerId, personId: seller.personId, role: 'admin' }),
      'forbidden',
      'not allowed to role employees of this partner',
    );
    await refused(
      f.commands.person.leave(f.ctx(), f.system, { partnerId, personId: newcomer }),
      'not_found',
      'employee not found',
    );
    await accepted(
      f.commands.person.leave(f.ctx(), seller.principal, { partnerId, personId: seller.personId, reason: 'new job' }),
    );
    assert.equal((await f.eventsOf(`person-${seller.personId}`)).at(-1)?.data, { partnerId, reason: 'new job' });
  },
);

test.run();
