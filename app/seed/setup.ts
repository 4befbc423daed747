import { withPlannedIds } from '../../commands/pipeline/index.js';
import { defaultProductLines } from '../../domain/shared/index.js';
import { model, tierCriteriaMoney } from './model.js';
import { streams } from './streams.js';
import { regions, firstNames, lastNames } from './vocabulary.js';
import { person, type Program, type World } from './world.js';

const adminKey = { kind: 'admin-key' as const, id: 'admin' };

/** Registers a member of the vendor's staff with one role; answers their person id. */
const staff = (w: World, role: 'vendor_admin' | 'channel_manager' | 'analyst' | 'auditor', regionSlugs?: string[]) => {
  const id = w.rng.id('per');
  const first = w.rng.pick(firstNames);
  const last = w.rng.pick(lastNames);
  const email = `${first}.${last}.${w.uniqueNumber()}@vendor.example.com`.toLowerCase();
  const actor = w.vendorAdmin ? person(w.vendorAdmin) : adminKey;
  w.command([], [streams.person(id), streams.email(email)], () =>
    withPlannedIds({ person: id }, () =>
      w.cmd.person.register(w.ctx(actor), w.system, { name: `${first} ${last}`, email }),
    ),
  );
  w.command([], [streams.person(id)], () =>
    w.cmd.person.grantVendorRole(w.ctx(actor), w.system, {
      personId: id,
      role,
      ...(regionSlugs ? { regions: regionSlugs } : {}),
    }),
  );
  return id;
};

/**
 * Day 0: the channel's settings (desired partner count, quota threshold, tier criteria), the vendor's
 * staff (an admin, an analyst, an auditor, channel managers per region) and two certification
 * programs per product line.
 */
export const planSetup = (w: World) => {
  w.command([], [streams.channel], () =>
    w.cmd.channel.changeSettings(w.ctx(adminKey), w.system, {
      desiredPartnerCount: Math.round(w.partnerCount * model.desiredPartners),
      quotaAttainmentThresholdPct: 50,
      tierCriteria: tierCriteriaMoney,
    }),
  );
  w.vendorAdmin = staff(w, 'vendor_admin');
  staff(w, 'analyst');
  staff(w, 'auditor');
  for (const region of regions) {
    const count = Math.max(1, Math.ceil((w.partnerCount * region.weight) / 80));
    w.channelManagers.set(
      region.slug,
      Array.from({ length: count }, () => staff(w, 'channel_manager', [region.slug])),
    );
  }
  for (const line of defaultProductLines) {
    const title = line[0].toUpperCase() + line.slice(1);
    for (const [level, validForDays, points] of [
      ['associate', 365, 100],
      ['professional', 730, 250],
    ] as const) {
      const program: Program = {
        id: w.rng.id('prg'),
        name: `${title} ${level === 'associate' ? 'Associate' : 'Professional'}`,
        line,
        level,
        validForDays,
        points,
      };
      w.programs.push(program);
      w.command([streams.channel], [streams.program(program.id)], () =>
        withPlannedIds({ program: program.id }, () =>
          w.cmd.program.define(w.ctx(person(w.vendorAdmin)), w.system, {
            name: program.name,
            productLine: line,
            validForDays,
            points,
          }),
        ),
      );
    }
  }
};
