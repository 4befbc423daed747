import { commandLayer } from '../../commands/commandLayer.js';
import { createAggregateCache, createCommandPipeline, plannedIds } from '../../commands/pipeline/index.js';
import { allPolicies } from '../../commands/policies/index.js';
import { writePolicyCheckpoint } from '../../commands/policies/policyCheckpoints.js';
import { periodBounds, periodOf, previousPeriod } from '../../domain/shared/index.js';
import type { AppPlatform } from '../platform.js';
import { BULK_REBUILD, rebuildWith } from '../rebuildWith.js';
import { planPartners } from './onboarding.js';
import { DAY } from './model.js';
import { relaxLogDurability } from './bulkLog.js';
import { planAwards, sourceEvents } from './points.js';
import { planQuarter } from './quarter.js';
import { createRandom } from './random.js';
import { rounds } from './schedule.js';
import { planSetup } from './setup.js';
import { planMoves } from './workforce.js';
import { planRegistrations } from './dealflow.js';
import { createLeadFlow } from './leadflow.js';
import { planBusinessPlans, planLocations } from './plans.js';
import { createWorld, type World } from './world.js';

export interface SeedOptions {
  readonly partners: number;
  readonly seed: number;
  /**
   * Last simulated day, `YYYY-MM-DD`; the simulation covers the eight quarters before its quarter and
   * the quarter up to it.
   */
  readonly until: string;
  /**
   * Bulk load (the CLI, benchmarks): projections and policies are not running; the seed runs the
   * policies' handlers itself, moves their checkpoints to the head and rebuilds the read models at the
   * end. Otherwise (a running app) live projections and policies follow as usual.
   */
  readonly bulk: boolean;
}

export interface SeedProgress {
  readonly phase: 'commands' | 'projections';
  readonly done: number;
  readonly total: number;
}

/** A clock the seed can move: the platform's own (tests' manual clock, or one made for the seed). */
export interface SettableClock {
  readonly set: (to: Date | string) => void;
}

const ROUND_MS = 120_000;
const CACHE_STREAMS = 2_000_000;

/**
 * `prm seed`: a realistic synthetic channel built through the command layer (the command functions the
 * HTTP routes call), deterministic for a seed and an end date: the same options give the same log,
 * byte for byte, hash chain included. Each simulated day is planned first, then run in rounds of
 * concurrent commands (see schedule.ts), so that group commit batches them.
 */
export const seedChannel = async (
  platform: AppPlatform,
  clock: SettableClock,
  options: SeedOptions,
  onProgress?: (p: SeedProgress) => void,
) => {
  if ((await platform.store.headPosition()) > 0)
    throw new Error('the event store is not empty: seed a fresh data directory');
  const until = Date.parse(`${options.until}T00:00:00.000Z`);
  if (Number.isNaN(until)) throw new Error(`--until must be a date YYYY-MM-DD, not ${options.until}`);
  let firstPeriod = periodOf(new Date(until));
  for (let i = 0; i < 8; i++) firstPeriod = previousPeriod(firstPeriod);
  const start = periodBounds(firstPeriod).start.getTime();
  const days = Math.round((until - start) / DAY) + 1;
  const rng = createRandom(options.seed);
  // A bulk seed's own command pipeline, with an aggregate cache large enough for the whole seeded channel
  // (the default one, 100,000 streams, would evict and reload deals and claims still in play) that it
  // trusts without asking the log: nothing else writes to a store the seed found empty.
  const pipeline = options.bulk
    ? createCommandPipeline({
        store: platform.store,
        clock: platform.clock,
        schemaVersionOf: platform.registry.currentVersion,
        cache: createAggregateCache(CACHE_STREAMS, { soleWriter: true }),
      })
    : platform.pipeline;
  // Every id the seed's commands create is planned (withPlannedIds): a random one would make runs differ.
  const ids = plannedIds({
    next: (kind) => {
      throw new Error(`seed: a command drew a ${kind} id the seed did not plan`);
    },
  });
  // Lead routing asks the simulation who is eligible (the seed runs no projections to ask).
  let world: World | undefined;
  const leads = createLeadFlow(() => {
    if (!world) throw new Error('seed: the world is not made yet');
    return world;
  }, pipeline);
  const w = createWorld(
    rng,
    commandLayer({ pipeline, ids, leadCandidates: leads.candidates }),
    start,
    days,
    options.partners,
  );
  world = w;
  const located = new Set<string>();
  const deps = { store: platform.store, pipeline };
  const started = performance.now();
  let sourcesAfter = 0;
  let lastPeriod = '';
  let quarterIndex = -1;

  const runDay = async () => {
    for (const [r, round] of rounds(w.takeTasks()).entries()) {
      clock.set(new Date(w.now() + r * ROUND_MS));
      await Promise.all(round.map((task) => task.run()));
    }
  };
  const awards = async () => {
    const sources = await sourceEvents(platform.store, sourcesAfter);
    sourcesAfter = sources.length ? sources[sources.length - 1].position : sourcesAfter;
    planAwards(w, deps, sources);
  };

  const durable = options.bulk ? relaxLogDurability(platform) : async () => {};
  try {
    for (let day = 0; day < days; day++) {
      w.setDay(day);
      if (day === 0) {
        planSetup(w);
        planPartners(w);
      }
      await awards();
      if (w.period() !== lastPeriod) {
        lastPeriod = w.period();
        quarterIndex += 1;
        planQuarter(w, quarterIndex);
        planBusinessPlans(w);
        planLocations(w, located);
      }
      for (const action of w.dueToday()) action();
      planMoves(w);
      planRegistrations(w);
      leads.planDay();
      await runDay();
      onProgress?.({ phase: 'commands', done: day + 1, total: days });
    }
    // Yesterday's awards of the last day, at the end of it.
    await awards();
    await runDay();
  } finally {
    await durable();
  }
  const commandsSeconds = (performance.now() - started) / 1000;
  const head = await platform.store.headPosition();

  let projectionsSeconds = 0;
  if (options.bulk) {
    // Every source event up to the head was handled above by the policies' own handlers.
    const at = new Date(w.now()).toISOString();
    await platform.writeDb.transaction(async (tx) => {
      for (const policy of allPolicies) await writePolicyCheckpoint(tx, policy.name, head, at);
    });
    const projecting = performance.now();
    // Larger transactions and page cache than a server's: a seed's memory is given back when it ends.
    await rebuildWith(platform, BULK_REBUILD, (done, total) => onProgress?.({ phase: 'projections', done, total }));
    projectionsSeconds = (performance.now() - projecting) / 1000;
  } else {
    await platform.runner.waitFor(head);
  }
  const deals = [...w.deals.values()];
  return {
    events: head,
    partners: w.partners.length,
    people: w.people.size,
    deals: deals.length,
    conflicts: deals.filter((d) => d.conflict).length,
    leads: leads.registered(),
    from: new Date(start).toISOString().slice(0, 10),
    until: options.until,
    days,
    vendorAdminId: w.vendorAdmin,
    channelManagers: Object.fromEntries(w.channelManagers),
    seconds: { commands: Math.round(commandsSeconds * 10) / 10, projections: Math.round(projectionsSeconds * 10) / 10 },
  };
};
export type SeedReport = Awaited<ReturnType<typeof seedChannel>>;
