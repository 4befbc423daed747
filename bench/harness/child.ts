import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Runs a bench script in its own Node process (its own event loop, its own RSS) and returns what
 * it answers. The script calls `answerParent` with a handler of its input.
 */
export const runChild = <I, O>(scriptUrl: URL, input: I, options: { execArgv?: readonly string[] } = {}): Promise<O> =>
  new Promise<O>((resolve, reject) => {
    const child = fork(fileURLToPath(scriptUrl), [], {
      execArgv: ['--import', import.meta.resolve('tsx'), ...(options.execArgv ?? [])],
      // The child's stdout goes to our stderr: stdout carries only the report.
      stdio: ['ignore', 2, 2, 'ipc'],
    });
    let answered = false;
    child.on('message', (message: { ok: true; output: O } | { ok: false; error: string }) => {
      answered = true;
      if (message.ok) resolve(message.output);
      else reject(new Error(`${scriptUrl.pathname}: ${message.error}`));
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (!answered) reject(new Error(`${scriptUrl.pathname} exited (${signal ?? code}) without an answer`));
    });
    child.send(input as object);
  });

/** The child's side: handles the one input the parent sends, answers, and exits. */
export const answerParent = <I, O>(handler: (input: I) => Promise<O>) => {
  process.once('message', async (input: I) => {
    try {
      const output = await handler(input);
      process.send?.({ ok: true, output }, () => process.exit(0));
    } catch (error) {
      process.send?.(
        { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) },
        () => process.exit(1),
      );
    }
  });
};
