/**
 * DESIGN §5: "an incrementally built read model must equal a rebuilt one", and replay is
 * deterministic. Random sequences of foundation commands run through the real HTTP API, pipeline
 * and SQLite; then every read-model table is compared with its state after a rebuild (of one
 * projection alone, and of all), and every stream's events fold to the same aggregate state each
 * time, after a JSON round trip, and as the command pipeline's cache holds it.
 */
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { channelDecider } from '../../domain/channel/index.js';
import { partnerDecider } from '../../domain/partner/index.js';
import { emailReservationDecider, personDecider } from '../../domain/person/index.js';
import { programDecider } from '../../domain/program/index.js';
import { replay, type DomainEvent } from '../../domain/shared/index.js';
import type { StoredEvent } from '../../eventstore/port.js';
import { allProjections } from '../../projections/index.js';
import { quiescent } from '../http/fixtures.js';
import { runScenario, scenario } from '../projections/foundationScenario.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const test = suite('Property: projections and replay');

/** Every table of every projection, rows as sorted JSON (order of insertion must not matter). */
const dump = async (t: TestApp) => {
  const tables = [...new Set(allProjections.flatMap((p) => p.tables))].sort();
  const out: Record<string, string[]> = {};
  for (const table of tables)
    out[table] = (await t.platform.writeDb.all(`SELECT * FROM ${table}`)).map((r) => JSON.stringify(r)).sort();
  return out;
};

type Fold = { initialState: unknown; evolve: (s: unknown, e: DomainEvent) => unknown };
const deciderOf = (streamId: string): Fold | undefined => {
  const byPrefix: [string, unknown][] = [
    ['partner-', partnerDecider],
    ['person-', personDecider],
    ['program-', programDecider],
    ['email-', emailReservationDecider],
    ['channel-settings', channelDecider],
  ];
  return byPrefix.find(([prefix]) => streamId.startsWith(prefix))?.[1] as Fold | undefined;
};

const streams = async (t: TestApp) => {
  const byStream = new Map<string, StoredEvent[]>();
  for await (const e of t.platform.store.readAll()) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
  return byStream;
};

const withApp = async <T>(work: (t: TestApp) => Promise<T>) => {
  const t = await startTestApp();
  try {
    return await work(t);
  } finally {
    await t.dispose();
  }
};

test('incrementally built read models equal a rebuild of each projection alone, and of all', async () => {
  let acceptedTotal = 0;
  await fc.assert(
    fc.asyncProperty(scenario, fc.constantFrom(...allProjections.map((p) => p.name)), async (steps, alone) =>
      withApp(async (t) => {
        acceptedTotal += await runScenario(t, steps);
        await quiescent(t);
        const incremental = await dump(t);
        await t.platform.runner.rebuild([alone]);
        assert.equal(await dump(t), incremental, `rebuild of ${alone} alone`);
        await t.platform.runner.rebuild();
        assert.equal(await dump(t), incremental, 'rebuild of all projections');
        assert.is(t.platform.runner.position(), await t.eventCount());
      }),
    ),
    { numRuns: 30 },
  );
  // The scenarios must do real work, not only collect refusals.
  assert.ok(acceptedTotal > 300, `only ${acceptedTotal} commands were accepted`);
});

test('replaying a stream is deterministic and equals the state the pipeline decided on', async () => {
  let checked = 0;
  await fc.assert(
    fc.asyncProperty(scenario, async (steps) =>
      withApp(async (t) => {
        await runScenario(t, steps);
        await quiescent(t);
        for (const [streamId, events] of await streams(t)) {
          const decider = deciderOf(streamId);
          // Policies of other capabilities append to their own streams (points): their suites fold those.
          if (!decider) continue;
          checked++;
          const domainEvents = events.map((e) => ({ type: e.type, data: e.data }));
          const once = replay(decider, domainEvents);
          assert.equal(replay(decider, domainEvents), once, `${streamId}: two replays agree`);
          assert.equal(
            replay(decider, JSON.parse(JSON.stringify(domainEvents)) as DomainEvent[]),
            once,
            `${streamId}: after a JSON round trip`,
          );
          const cached = t.platform.pipeline.cache.get(streamId);
          if (cached && cached.version === events.length)
            assert.equal(cached.state, once, `${streamId}: the pipeline's cached state`);
        }
      }),
    ),
    { numRuns: 20 },
  );
  assert.ok(checked > 80, `only ${checked} streams were replayed`);
});

test.run();
