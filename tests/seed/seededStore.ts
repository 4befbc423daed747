import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { timeOrderedIds } from '../../app/timeOrderedIds.js';
import { createPlatform } from '../../app/platform.js';
import { seedChannel } from '../../app/seed/seedChannel.js';
import { manualClock } from '../../domain/shared/clock.js';

/** A fresh store seeded in bulk (as `prm seed` does), with its platform open for queries. */
export const seededStore = async (options: { partners: number; seed: number; until: string }) => {
  const dir = mkdtempSync(join(tmpdir(), 'prm-seed-'));
  const clock = manualClock(`${options.until}T00:00:00.000Z`);
  const platform = await createPlatform({
    databaseFile: join(dir, 'prm.db'),
    clock,
    ids: timeOrderedIds(),
    startProjections: false,
    startPolicies: false,
  });
  const report = await seedChannel(platform, clock, { ...options, bulk: true });
  const head = await platform.reader.get<{ position: number; hash: string }>(
    'SELECT position, hash FROM events ORDER BY position DESC LIMIT 1',
  );
  return {
    platform,
    report,
    head,
    dispose: async () => {
      await platform.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
