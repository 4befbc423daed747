/**
 * Registering a partner app with the PRM's identity provider, without HTTP: vendor admins only, the
 * registration is an event on the app's stream (who registered it is in its metadata), and a refused
 * registration appends nothing.
 */
import * as E from 'fp-ts/lib/Either.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { plannedIds } from '../../commands/pipeline/index.js';
import { oidcClientCommands } from '../../commands/oidcClient/oidcClientCommands.js';
import { openCommandLayer, refused, type CommandLayerFixture } from './commandLayerFixture.js';

const test = suite<{ f: CommandLayerFixture; apps: ReturnType<typeof oidcClientCommands> }>('OIDC client commands');
test.before.each(async (ctx) => {
  ctx.f = await openCommandLayer();
  ctx.apps = oidcClientCommands({ pipeline: ctx.f.platform.pipeline, ids: plannedIds(ctx.f.platform.ids) });
});
test.after.each(async (ctx) => ctx.f?.dispose());

const lms = {
  name: 'Partner LMS',
  redirectUris: ['https://lms.example/cb'],
  scopes: ['openid' as const, 'prm' as const],
};

test('a vendor admin registers an app: OidcClientRegistered, actor in the metadata', async ({ f, apps }) => {
  const r = await apps.register(f.ctx(), f.admin, lms);
  if (E.isLeft(r)) return assert.unreachable(r.left.message);
  assert.match(r.right.id, /^app_/);
  const [event] = await f.eventsOf(r.right.streamId);
  assert.is(event.type, 'OidcClientRegistered');
  assert.equal(event.data, { clientId: r.right.id, ...lms });
  assert.equal(event.metadata.actor, { kind: 'admin-key', id: 'admin' });
});

test('anyone else is refused, and nothing is appended', async ({ f, apps }) => {
  const partner = await f.activePartner();
  const { principal } = await f.employee(partner, 'admin');
  const before = await f.head();
  await refused(apps.register(f.ctx(), principal, lms), 'forbidden');
  await refused(
    apps.register(f.ctx(), f.admin, { ...lms, redirectUris: ['http://lms.example/cb'] }),
    'validation_failed',
  );
  assert.is(await f.head(), before);
});

test.run();
