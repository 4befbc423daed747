/** Runs tasks one at a time in arrival order: the single writer of one database connection. */
export interface Mutex {
  readonly run: <T>(task: () => T | Promise<T>) => Promise<T>;
}

export const createMutex = (): Mutex => {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run: (task) => {
      const result = tail.then(task);
      tail = result.then(
        () => undefined,
        () => undefined,
      );
      return result;
    },
  };
};
