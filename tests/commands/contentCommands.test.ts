/**
 * Content commands called without HTTP: channel staff publish and manage items; a partner person
 * gets 404 for an item outside their audience (its existence is not revealed) and 403 for one in it,
 * judged on the write model (their employer's tier here).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { accepted, openCommandLayer, refused, type CommandLayerFixture } from './commandLayerFixture.js';

const test = suite<{ f: CommandLayerFixture }>('content commands');
test.before.each(async (ctx) => {
  ctx.f = await openCommandLayer();
});
test.after.each(async ({ f }) => f.dispose());

const goldPlaybook = {
  title: 'Gold playbook',
  kind: 'playbook',
  uri: 'https://vendor.example/gold.pdf',
  audience: { tiers: ['gold'] },
} as const;

test('a channel manager publishes an item and changes its audience', async ({ f }) => {
  const cm = await f.channelManager(['emea']);
  const { id, streamId } = await accepted(
    f.commands.content.publish(f.ctx(), cm.principal, {
      ...goldPlaybook,
      audience: { tiers: [...goldPlaybook.audience.tiers] },
    }),
  );
  assert.match(id, /^cnt_/);
  await accepted(
    f.commands.content.changeAudience(f.ctx(), cm.principal, {
      contentId: id,
      audience: { tiers: ['gold', 'platinum'] },
    }),
  );
  assert.equal(
    (await f.eventsOf(streamId)).map((e) => e.type),
    ['ContentPublished', 'ContentAudienceChanged'],
  );
});

test('partner people may not publish', async ({ f }) => {
  const admin = await f.employee(await f.activePartner('emea', 'gold'), 'admin');
  await refused(
    f.commands.content.publish(f.ctx(), admin.principal, { ...goldPlaybook, audience: { tiers: ['gold'] } }),
    'forbidden',
    'only vendor admins and channel managers publish content',
  );
});

test('outside the audience an item is not found; inside it, changing it is forbidden', async ({ f }) => {
  const { id } = await accepted(
    f.commands.content.publish(f.ctx(), f.system, { ...goldPlaybook, audience: { tiers: ['gold'] } }),
  );
  const silver = await f.employee(await f.activePartner('emea', 'silver'), 'admin');
  const gold = await f.employee(await f.activePartner('emea', 'gold'), 'admin');
  const head = await f.head();
  await refused(
    f.commands.content.retire(f.ctx(), silver.principal, { contentId: id }),
    'not_found',
    'content not found',
  );
  await refused(
    f.commands.content.retire(f.ctx(), gold.principal, { contentId: id }),
    'forbidden',
    'only vendor admins and channel managers retire content',
  );
  await refused(
    f.commands.content.changeAudience(f.ctx(), gold.principal, { contentId: id, audience: { tiers: ['silver'] } }),
    'forbidden',
    'only vendor admins and channel managers change the audience of content',
  );
  assert.is(await f.head(), head);
  await accepted(f.commands.content.retire(f.ctx(), f.system, { contentId: id }));
});

test.run();
