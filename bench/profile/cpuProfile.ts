import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/**
 * Records a V8 CPU profile of `work` alone (not module loading or set-up) into `file`, to open in
 * Chrome DevTools or summarise. Function names survive tsx's transform.
 */
export const cpuProfile = async <T>(file: string, work: () => Promise<T>): Promise<T> => {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
};
