import cliProgress from 'cli-progress';

/** A progress bar on stderr for long CLI work; silent when stderr is not a terminal unless forced. */
export const progressBar = (label: string) => {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {rate}/s | eta {eta}s`,
      hideCursor: true,
      stream: process.stderr,
      noTTYOutput: true,
      notTTYSchedule: 2000,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let startedBar = false;
  return {
    update: (done: number, total: number) => {
      if (!startedBar) {
        bar.start(total, 0, { rate: 0 });
        startedBar = true;
      }
      bar.setTotal(total);
      bar.update(done, { rate: Math.round(done / Math.max(0.001, (Date.now() - started) / 1000)) });
    },
    stop: () => {
      if (startedBar) bar.stop();
    },
  };
};
