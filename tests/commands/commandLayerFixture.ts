import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import * as assert from 'uvu/assert';
import { timeOrderedIds } from '../../app/timeOrderedIds.js';
import { createPlatform } from '../../app/platform.js';
import { commandLayer } from '../../commands/commandLayer.js';
import {
  plannedIds,
  type CommandContext,
  type CommandOutcome,
  type CommandResult,
} from '../../commands/pipeline/index.js';
import { ADMIN_KEY_PRINCIPAL, systemPrincipal, type Principal } from '../../domain/access/index.js';
import { manualClock } from '../../domain/shared/clock.js';
import type { DomainErrorCode, EmployeeRole, Tier } from '../../domain/shared/index.js';
import type { Actor, StoredEvent } from '../../eventstore/port.js';

/**
 * The command layer on a real SQLite file, called without HTTP: principals are made by hand, as the
 * access read model would make them (the commands judge them against the write model).
 */
export const openCommandLayer = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'prm-commands-'));
  const clock = manualClock('2026-06-01T09:00:00.000Z');
  const platform = await createPlatform({
    databaseFile: join(dir, 'prm.db'),
    clock,
    ids: timeOrderedIds(),
    startProjections: false,
    startPolicies: false,
  });
  const commands = commandLayer({ pipeline: platform.pipeline, ids: plannedIds(platform.ids) });
  const system = systemPrincipal('test');
  const admin = ADMIN_KEY_PRINCIPAL;

  const ctx = (actor: Actor = { kind: 'admin-key', id: 'admin' }): CommandContext => {
    const commandId = platform.ids.next('command');
    return { actor, commandId, correlationId: commandId };
  };
  /** Set-up steps must succeed. */
  const must = async (outcome: CommandOutcome): Promise<CommandResult> => {
    const r = await outcome;
    if (E.isLeft(r)) throw new Error(`set-up refused (${r.left.code}): ${r.left.message}`);
    return r.right;
  };

  let partners = 0;
  const activePartner = async (region = 'emea', tier: Tier = 'silver') => {
    const n = ++partners;
    const { id } = await must(
      commands.partner.apply(ctx(), system, {
        name: `Partner ${n}`,
        website: `https://www.partner-${n}.example`,
        country: 'DE',
        region,
        type: 'reseller',
      }),
    );
    await must(commands.partner.approve(ctx(), system, { partnerId: id, tier }));
    await must(
      commands.partner.signAgreement(ctx(), system, {
        partnerId: id,
        agreementVersion: '2026.1',
        signedBy: 'Jane Doe',
      }),
    );
    return id;
  };
  let people = 0;
  const registered = async () =>
    (
      await must(
        commands.person.register(ctx(), system, { name: `Person ${++people}`, email: `person-${people}@test.example` }),
      )
    ).id;
  /** A person employed by the partner, and the principal the access read model gives them. */
  const employee = async (partnerId: string, role: EmployeeRole = 'sales') => {
    const personId = await registered();
    await must(commands.person.join(ctx(), system, { partnerId, personId, role }));
    const principal: Principal = {
      kind: 'person',
      personId,
      vendorRoles: [],
      employer: { partnerId, role, status: 'active' },
    };
    return { personId, principal };
  };
  /** A channel manager for `regions`. */
  const channelManager = async (regions: string[]) => {
    const personId = await registered();
    await must(commands.person.grantVendorRole(ctx(), system, { personId, role: 'channel_manager', regions }));
    const principal: Principal = { kind: 'person', personId, vendorRoles: [{ role: 'channel_manager', regions }] };
    return { personId, principal };
  };
  const eventsOf = async (streamId: string) => {
    const out: StoredEvent[] = [];
    for await (const e of platform.store.readStream(streamId)) out.push(e);
    return out;
  };

  return {
    platform,
    clock,
    commands,
    system,
    admin,
    ctx,
    must,
    activePartner,
    registered,
    employee,
    channelManager,
    eventsOf,
    head: () => platform.store.headPosition(),
    dispose: async () => {
      await platform.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
export type CommandLayerFixture = Awaited<ReturnType<typeof openCommandLayer>>;

/** Asserts a refusal with `code` (and `message`, when given), answering it. */
export const refused = async (outcome: CommandOutcome, code: DomainErrorCode, message?: string) => {
  const r = await outcome;
  if (E.isRight(r)) assert.unreachable(`expected ${code}, got ${JSON.stringify(r.right)}`);
  else {
    assert.is(r.left.code, code, r.left.message);
    if (message !== undefined) assert.is(r.left.message, message);
    return r.left;
  }
};

/** Asserts success, answering the result. */
export const accepted = async <R extends CommandResult>(outcome: CommandOutcome<R>): Promise<R> => {
  const r = await outcome;
  if (E.isLeft(r)) throw new Error(`expected success, refused (${r.left.code}): ${r.left.message}`);
  return r.right;
};
