/**
 * `tsx bench/profile/profileCommands.ts <out.cpuprofile> [commands]`: the in-process command
 * benchmark's work (the partner mix, 64 callers, projections and policies live) under the profiler,
 * after a warm-up; prints the rate. Where the time of a command goes (README "Where the time goes").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drive } from '../harness/drive.js';
import { benchPlatform, projectionsCaughtUp } from '../fixtures/benchPlatform.js';
import { commandMix } from '../fixtures/commandMix.js';
import { executeMixCommand, seedPartners } from '../fixtures/partnerWork.js';
import { cpuProfile } from './cpuProfile.js';

const [out = 'commands.cpuprofile', count = '20000'] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), 'prm-profile-'));
const platform = await benchPlatform(dir);
try {
  const mix = commandMix(await seedPartners(platform, 2048));
  const run = (n: number) =>
    drive(64, n, async () => {
      const command = mix.next();
      await executeMixCommand(platform, command);
      mix.done(command);
    });
  await run(4000);
  await projectionsCaughtUp(platform);
  const { ms } = await cpuProfile(out, async () => {
    const r = await run(Number(count));
    await projectionsCaughtUp(platform);
    return r;
  });
  console.log(`${Math.round(Number(count) / (ms / 1000))} commands/s (projections caught up after)`);
} finally {
  await platform.close();
  rmSync(dir, { recursive: true, force: true });
}
