import * as E from 'fp-ts/lib/Either.js';
import { dealCommands as createDealCommands } from '../../commands/deal/dealCommands.js';
import { RegisterDealBody } from '../../commands/deal/dealSchemas.js';
import type { CommandResult } from '../../commands/pipeline/index.js';
import { ADMIN_KEY_PRINCIPAL } from '../../domain/access/index.js';
import type { DomainError } from '../../domain/shared/index.js';
import type { Platform } from '../../app/platform.js';
import type { Benchmark } from '../harness/benchmark.js';
import { drive } from '../harness/drive.js';
import { percentile, round } from '../harness/stats.js';
import { benchPlatform, projectionsCaughtUp } from '../fixtures/benchPlatform.js';
import { plannedRegistrations, seedRegistrants, type Registrant } from '../fixtures/dealWork.js';
import { contextFor, seedPartners } from '../fixtures/partnerWork.js';

const CALLERS = 64;
/** Every 20th registration names the previous one's customer (another partner's): ~5% collisions. */
const COLLIDE_EVERY = 20;

type Outcome = E.Either<DomainError, CommandResult>;

/** Runs `count` commands from `CALLERS` concurrent loops; latency of each; refusals by code. */
const driveCommands = async (count: number, command: (i: number) => Promise<Outcome>) => {
  const run = await drive(CALLERS, count, command);
  const refused = (code?: string) =>
    run.results.filter((r) => E.isLeft(r) && (code === undefined || r.left.code === code)).length;
  const conflicts = refused('channel_conflict');
  return { ...run, conflicts, failed: refused() - conflicts, perSec: count / (run.ms / 1000) };
};

/** Phase 1 registers every planned deal; phase 2 approves each registered one as the admin key. */
const registerThenApprove = async (
  platform: Platform,
  registrants: readonly Registrant[],
  count: number,
  first: number,
) => {
  const deals = createDealCommands({ pipeline: platform.pipeline, ids: platform.ids });
  // Bodies as the route hands them over (parsed, domain normalised): parsing is not the command's work.
  const planned = plannedRegistrations(registrants, count, { first, collideEvery: COLLIDE_EVERY }).map((p) => ({
    ...p,
    body: RegisterDealBody.parse(p.body),
  }));
  const registration = await driveCommands(count, (i) => {
    const { principal, personId } = registrants[planned[i].registrant];
    return deals.register(contextFor(platform.ids, { kind: 'person', id: personId }), principal, planned[i].body);
  });
  const dealIds = registration.results.flatMap((r) => (E.isRight(r) ? [r.right.id] : []));
  const approval = await driveCommands(dealIds.length, (i) =>
    deals.approve(contextFor(platform.ids), ADMIN_KEY_PRINCIPAL, dealIds[i], {}),
  );
  return { registration, approval, colliding: planned.filter((p) => p.colliding).length };
};

export const dealCommands: Benchmark = {
  name: 'dealCommands',
  title: 'Deal registration in-process',
  description:
    "deal registrations by partners' sales people (~5% colliding with another partner's customer), " +
    'then approvals of each by the admin key, through dealCommands on the platform, ' +
    `${CALLERS} concurrent callers, projections and policies running`,
  run: async (ctx) => {
    const { quick } = ctx.options;
    const sizes = quick ? { partners: 64, warmup: 200, deals: 1000 } : { partners: 1024, warmup: 4000, deals: 40_000 };
    const platform = await benchPlatform(ctx.tempDir('deal-commands'));
    try {
      const registrants = await seedRegistrants(platform, await seedPartners(platform, sizes.partners));
      // Warm-up on customers of their own (numbered after the measured ones), then a quiet start.
      await registerThenApprove(platform, registrants, sizes.warmup, sizes.deals);
      await projectionsCaughtUp(platform);
      const headBefore = await platform.store.headPosition();
      const run = await registerThenApprove(platform, registrants, sizes.deals, 0);
      const caughtUp = await projectionsCaughtUp(platform);
      const events = (await platform.store.headPosition()) - headBefore;
      const { registration: reg, approval: app } = run;
      ctx.log(
        `deals: ${Math.round(reg.perSec)} registrations/s, ${Math.round(app.perSec)} approvals/s, ` +
          `${reg.failed + app.failed} failed, ${app.conflicts} conflicts`,
      );
      const target = { op: '>=' as const, value: 20_000 };
      return {
        figures: [
          {
            key: 'registrationsPerSec',
            label: `registrations, ${CALLERS} callers (projections live)`,
            value: round(reg.perSec, 0),
            unit: 'commands/s',
            target,
          },
          {
            key: 'registrationP50Ms',
            label: 'registration latency p50',
            value: round(percentile(reg.latencies, 50), 2),
            unit: 'ms',
          },
          {
            key: 'registrationP99Ms',
            label: 'registration latency p99',
            value: round(percentile(reg.latencies, 99), 2),
            unit: 'ms',
          },
          {
            key: 'approvalsPerSec',
            label: `approvals by the admin key, ${CALLERS} callers`,
            value: round(app.perSec, 0),
            unit: 'commands/s',
            target,
          },
          {
            key: 'approvalP50Ms',
            label: 'approval latency p50',
            value: round(percentile(app.latencies, 50), 2),
            unit: 'ms',
          },
          {
            key: 'approvalP99Ms',
            label: 'approval latency p99',
            value: round(percentile(app.latencies, 99), 2),
            unit: 'ms',
          },
          {
            key: 'failed',
            label: 'registrations and approvals refused or failed (collisions aside)',
            value: reg.failed + app.failed,
            unit: 'commands',
          },
          {
            key: 'conflicts',
            label: 'approvals refused with channel_conflict (the deliberate collisions)',
            value: app.conflicts + reg.conflicts,
            unit: 'commands',
          },
        ],
        details: {
          callers: CALLERS,
          registrants: registrants.length,
          registrations: sizes.deals,
          approvals: app.results.length,
          warmupDeals: sizes.warmup,
          collidingRegistrations: run.colliding,
          collideEvery: COLLIDE_EVERY,
          eventsAppended: events,
          registrationSeconds: round(reg.ms / 1000, 2),
          approvalSeconds: round(app.ms / 1000, 2),
          projectionLagAfter: caughtUp.lag,
          projectionCatchUpMs: round(caughtUp.ms, 1),
          projectionsRunning: true,
          policiesRunning: true,
        },
      };
    } finally {
      await platform.close();
    }
  },
};
