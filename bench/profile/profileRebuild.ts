/**
 * `tsx bench/profile/profileRebuild.ts <out.cpuprofile> [events]`: runner.rebuild() of every read
 * model over a generated store, under the profiler; prints the rate. Where a rebuild's time goes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchPlatform } from '../fixtures/benchPlatform.js';
import { generateFoundationStore } from '../fixtures/foundationStore.js';
import { cpuProfile } from './cpuProfile.js';

const [out = 'rebuild.cpuprofile', events = '50000'] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'prm-profile-'));
const store = await generateFoundationStore(join(dir, 'prm.db'), Number(events));
const platform = await benchPlatform('', { file: store.file, startProjections: false });
try {
  const start = performance.now();
  await cpuProfile(out, () => platform.runner.rebuild());
  console.log(`${Math.round(store.events / ((performance.now() - start) / 1000))} events/s`);
} finally {
  await platform.close();
  rmSync(dir, { recursive: true, force: true });
}
