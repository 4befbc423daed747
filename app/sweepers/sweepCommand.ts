import type { Command } from 'commander';
import type { AppPlatform } from '../platform.js';
import { openRuntime } from '../runtime.js';
import type { Sweeper } from './sweeper.js';

/**
 * A CLI command that runs one sweeper once and prints what it did, e.g. `prm expire-deals`. It runs
 * no projections (a server may be projecting the same database): sweepers find what the read model
 * has not reached in the log itself, and their commands are safe next to a running server.
 */
export const addSweepCommand = (
  program: Command,
  command: string,
  description: string,
  create: (platform: AppPlatform) => Sweeper,
) =>
  program
    .command(command)
    .description(description)
    .action(async () => {
      const { platform } = await openRuntime({ startProjections: false });
      try {
        const sweeper = create(platform);
        const report = await sweeper.sweep(platform.clock.now());
        const failed = report.failed ?? 0;
        console.log(
          `${sweeper.name}: ${report.changed} changed, ${report.skipped} skipped, ` +
            `${failed} failed (of ${report.examined} examined)`,
        );
        if (failed > 0) process.exitCode = 1;
      } finally {
        await platform.close();
      }
    });
