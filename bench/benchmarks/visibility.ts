/**
 * Who-sees-what at scale (issue 5): a channel of `people` partner people and `contents` content items
 * appended through the store (events from the real deciders), then the access projection caught up and
 * rebuilt alone, then p50/p99 of `GET /content` for random people and of
 * `GET /content/:id/audience-members` for random items, through fastify.inject, one at a time.
 * Half of the items are published before the people join, half after, so both the person-side and the
 * item-side evaluation of the projection run. Registered as the `visibility` benchmark.
 */
import { join } from 'node:path';
import { timeOrderedIds } from '../../app/timeOrderedIds.js';
import { createPlatform } from '../../app/platform.js';
import { createRandom } from '../../app/seed/random.js';
import { systemClock } from '../../domain/shared/clock.js';
import { benchApp } from '../fixtures/benchApp.js';
import { contentChannel } from '../fixtures/contentChannel.js';
import { injectLatencies } from '../fixtures/injectLatencies.js';
import type { Benchmark, BenchResult, Figure } from '../harness/benchmark.js';
import { latencyFigures } from '../harness/latencyFigures.js';
import { round, since } from '../harness/stats.js';

export interface VisibilityBenchOptions {
  readonly people: number;
  readonly contents: number;
  /** A smoke run: a tenth of the people and items, few samples. */
  readonly quick: boolean;
  /** Where the SQLite file goes (a real disk). */
  readonly dir: string;
  readonly log: (message: string) => void;
}

export const runVisibilityBench = async (options: VisibilityBenchOptions): Promise<BenchResult> => {
  const { log } = options;
  const people = options.quick ? Math.ceil(options.people / 10) : options.people;
  const contents = options.quick ? Math.ceil(options.contents / 10) : options.contents;
  const samples = options.quick ? 100 : 2000;
  const file = join(options.dir, 'prm.db');

  let start = performance.now();
  const { events, contentIds } = await contentChannel(file, people, contents);
  log(
    `visibility: ${events} events (${people} people, ${contents} items) ` +
      `generated in ${(since(start) / 1000).toFixed(1)} s`,
  );
  start = performance.now();
  // Policies stay off: they would turn the generated certifications into points commands, not visibility work.
  const platform = await createPlatform({
    databaseFile: file,
    clock: systemClock,
    ids: timeOrderedIds(),
    startProjections: true,
    startPolicies: false,
  });
  const catchUpSeconds = since(start) / 1000;
  start = performance.now();
  await platform.runner.rebuild(['access']);
  const rebuildSeconds = since(start) / 1000;
  const rows = Number(
    (await platform.reader.get<{ n: number }>('SELECT COUNT(*) AS n FROM access_visible_content'))?.n ?? 0,
  );
  log(
    `visibility: all projections caught up in ${catchUpSeconds.toFixed(1)} s, access rebuilt in ` +
      `${rebuildSeconds.toFixed(1)} s, ${rows} visibility rows`,
  );

  const { app, adminKey, tokenFor } = await benchApp(platform);
  try {
    const r = createRandom(11);
    const partnerPeople = (
      await platform.reader.all<{ person_id: string }>(
        'SELECT person_id FROM access_principals WHERE partner_id IS NOT NULL',
      )
    ).map((p) => p.person_id);
    const asPerson = () => ({ url: '/content?limit=50', token: tokenFor(r.pick(partnerPeople)) });
    const members = () => ({ url: `/content/${r.pick(contentIds)}/audience-members?limit=50`, token: adminKey });
    await injectLatencies(
      app,
      Array.from({ length: Math.ceil(samples / 10) }, () => asPerson()),
    );
    await injectLatencies(
      app,
      Array.from({ length: Math.ceil(samples / 10) }, () => members()),
    );
    const list = await injectLatencies(app, Array.from({ length: samples }, asPerson));
    const audience = await injectLatencies(app, Array.from({ length: samples }, members));
    const figures: Figure[] = [
      ...latencyFigures('contentList', 'GET /content (a partner person)', list),
      ...latencyFigures('audienceMembers', 'GET /content/:id/audience-members', audience),
      {
        key: 'accessRebuildSeconds',
        label: 'access projection rebuilt alone',
        value: round(rebuildSeconds, 1),
        unit: 's',
      },
    ];
    log(`visibility: GET /content p99 ${figures[1].value} ms, audience members p99 ${figures[3].value} ms`);
    return {
      figures,
      details: { people, contents, events, visibilityRows: rows, samples, catchUpSeconds: round(catchUpSeconds, 1) },
    };
  } finally {
    await app.close();
    await platform.close();
  }
};

/** Issue 5's sizes: 10,000 partner people and 2,000 content items (a tenth with --quick). */
export const visibilityBenchmark: Benchmark = {
  name: 'visibility',
  title: 'Who sees what',
  description:
    'GET /content as random partner people and GET /content/:id/audience-members ' +
    'via fastify.inject, 10,000 people and 2,000 content items',
  run: (ctx) =>
    runVisibilityBench({
      people: 10_000,
      contents: 2_000,
      quick: ctx.options.quick,
      dir: ctx.tempDir('visibility'),
      log: ctx.log,
    }),
};
