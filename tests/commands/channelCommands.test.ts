/**
 * The channel settings called without HTTP: one stream for the whole channel, changed by vendor
 * admins and the system only. The channel is visible to everyone, so there is no 404 path.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CHANNEL_STREAM } from '../../domain/channel/index.js';
import { accepted, openCommandLayer, refused, type CommandLayerFixture } from './commandLayerFixture.js';

const test = suite<{ f: CommandLayerFixture }>('channel commands');
test.before.each(async (ctx) => {
  ctx.f = await openCommandLayer();
});
test.after.each(async ({ f }) => f.dispose());

test('the system changes a setting; the result names the channel stream', async ({ f }) => {
  const result = await accepted(f.commands.channel.changeSettings(f.ctx(), f.system, { dealProtectionDays: 60 }));
  assert.equal([result.id, result.streamId, result.version], ['channel-settings', CHANNEL_STREAM, 1]);
  assert.equal((await f.eventsOf(CHANNEL_STREAM))[0]?.data, { dealProtectionDays: 60 });
});

test('a channel manager or a partner admin may not change the settings', async ({ f }) => {
  const cm = await f.channelManager(['emea']);
  const admin = await f.employee(await f.activePartner(), 'admin');
  const head = await f.head();
  for (const principal of [cm.principal, admin.principal])
    await refused(
      f.commands.channel.changeSettings(f.ctx(), principal, { dealProtectionDays: 60 }),
      'forbidden',
      'only vendor admins change channel settings',
    );
  assert.is(await f.head(), head);
});

test.run();
