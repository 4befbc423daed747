/**
 * Rebuilds every read model of an existing store, in its own process so that the RSS measured is the
 * rebuild's alone (not the generator's): RSS sampled every 50 ms from a worker thread, peak reported.
 */
import { answerParent } from '../harness/child.js';
import { benchPlatform } from '../fixtures/benchPlatform.js';
import { startRssSampler } from '../harness/rssSampler.js';

export interface RebuildInput {
  readonly file: string;
}

export interface RebuildOutput {
  readonly events: number;
  readonly seconds: number;
  readonly rssBeforeBytes: number;
  /** Highest of the 50 ms samples of process.memoryUsage().rss. */
  readonly peakRssBytes: number;
  readonly samples: number;
  /** The kernel's high-water mark for the whole process (process.resourceUsage().maxRSS). */
  readonly maxRssBytes: number;
  readonly projectionPosition: number;
}

answerParent<RebuildInput, RebuildOutput>(async ({ file }) => {
  const platform = await benchPlatform('', { file, startProjections: false });
  try {
    const events = await platform.store.headPosition();
    const rssBeforeBytes = process.memoryUsage.rss();
    const sampler = startRssSampler(50);
    const start = performance.now();
    await platform.runner.rebuild();
    const seconds = (performance.now() - start) / 1000;
    const { peakBytes: peakRssBytes, samples } = await sampler.stop();
    return {
      events,
      seconds,
      rssBeforeBytes,
      peakRssBytes,
      samples,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      projectionPosition: platform.runner.position(),
    };
  } finally {
    await platform.close();
  }
});
