/**
 * Certification programs called without HTTP: vendor admins (and the system) define and retire them;
 * anyone else is forbidden. Programs are public, so there is no "not visible": retiring a program
 * that does not exist is the 404.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { accepted, openCommandLayer, refused, type CommandLayerFixture } from './commandLayerFixture.js';

const test = suite<{ f: CommandLayerFixture }>('program commands');
test.before.each(async (ctx) => {
  ctx.f = await openCommandLayer();
});
test.after.each(async ({ f }) => f.dispose());

const storage = { name: 'Storage Associate', productLine: 'storage', validForDays: 365, points: 100 };

test("a vendor admin defines a program (with the channel's product lines) and retires it", async ({ f }) => {
  const { id, streamId } = await accepted(f.commands.program.define(f.ctx(), f.admin, storage));
  assert.match(id, /^prg_/);
  const [defined] = await f.eventsOf(streamId);
  assert.equal([defined.type, (defined.data as { programId: string }).programId], ['ProgramDefined', id]);
  await accepted(f.commands.program.retire(f.ctx(), f.system, { programId: id }));
  assert.is((await f.eventsOf(streamId)).at(-1)?.type, 'ProgramRetired');
});

test('a channel manager may not define or retire programs', async ({ f }) => {
  const { id } = await accepted(f.commands.program.define(f.ctx(), f.system, storage));
  const cm = await f.channelManager(['emea']);
  const head = await f.head();
  await refused(
    f.commands.program.define(f.ctx(), cm.principal, storage),
    'forbidden',
    'only vendor admins define programs',
  );
  await refused(
    f.commands.program.retire(f.ctx(), cm.principal, { programId: id }),
    'forbidden',
    'only vendor admins retire programs',
  );
  assert.is(await f.head(), head);
});

test('retiring a program that does not exist is not found', async ({ f }) => {
  await refused(
    f.commands.program.retire(f.ctx(), f.admin, { programId: 'prg_doesnotexist01' }),
    'not_found',
    'program not found',
  );
});

test('a product line the channel does not sell is refused with its field', async ({ f }) => {
  const error = await refused(
    f.commands.program.define(f.ctx(), f.admin, { ...storage, productLine: 'toasters' }),
    'validation_failed',
  );
  assert.is(error?.errors?.[0]?.path, 'productLine');
});

test.run();
