import type { Benchmark } from '../harness/benchmark.js';
import { CLI_NODE_FLAGS } from '../../app/cli/cliNodeFlags.js';
import { runChild } from '../harness/child.js';
import { megabytes, round } from '../harness/stats.js';
import { sharedFoundationStore } from '../fixtures/sharedFoundationStore.js';
import type { RebuildInput, RebuildOutput } from '../children/rebuild.js';

export const projectionRebuild: Benchmark = {
  name: 'rebuild',
  title: 'Projection rebuild',
  description:
    'runner.rebuild() of every read model over the generated store (--events), ' +
    "in a child process run with prm's Node flags, sampling its RSS every 50 ms",
  run: async (ctx) => {
    const store = await sharedFoundationStore(ctx);
    // With `prm rebuild`'s flags: that is where rebuilds run.
    const out = await runChild<RebuildInput, RebuildOutput>(
      new URL('../children/rebuild.ts', import.meta.url),
      { file: store.file },
      { execArgv: CLI_NODE_FLAGS },
    );
    if (out.projectionPosition !== out.events)
      throw new Error(`rebuild stopped at ${out.projectionPosition} of ${out.events} events`);
    ctx.log(
      `rebuild: ${Math.round(out.events / out.seconds)} events/s, ` +
        `peak RSS ${megabytes(out.peakRssBytes)} MB (${out.samples} samples)`,
    );
    return {
      figures: [
        {
          key: 'eventsPerSec',
          label: `rebuild of ${out.events.toLocaleString('en-US')} events`,
          value: round(out.events / out.seconds, 0),
          unit: 'events/s',
          target: { op: '>=', value: 50_000 },
        },
        {
          key: 'peakRssMb',
          label: 'peak RSS during rebuild (50 ms samples)',
          value: megabytes(out.peakRssBytes),
          unit: 'MB',
          target: { op: '<', value: 300 },
        },
        { key: 'maxRssMb', label: 'process high-water RSS (kernel)', value: megabytes(out.maxRssBytes), unit: 'MB' },
        { key: 'seconds', label: 'rebuild time', value: round(out.seconds, 2), unit: 's' },
      ],
      details: {
        events: out.events,
        partners: store.partners,
        people: store.people,
        generationSeconds: round(store.seconds, 1),
        rssBeforeMb: megabytes(out.rssBeforeBytes),
        rssSamples: out.samples,
      },
    };
  },
};
