/**
 * One command of the seed: the streams it reads and writes, and how to run it. Planned in order;
 * run concurrently where that order cannot matter.
 */
export interface SeedTask {
  readonly reads: readonly string[];
  readonly writes: readonly string[];
  readonly run: () => Promise<unknown>;
}

/**
 * Splits a day's tasks, in plan order, into rounds that can each run concurrently: a task reads after
 * the last earlier write of what it reads, and writes after every earlier read and write of what it
 * writes. Within a round no two tasks write one stream (so no version conflict, no retry), and every
 * load happens before the round's single group commit, so the outcome is the plan order's outcome,
 * deterministic whatever the interleaving.
 */
export const rounds = (tasks: readonly SeedTask[]): SeedTask[][] => {
  const lastWrite = new Map<string, number>();
  const lastRead = new Map<string, number>();
  const out: SeedTask[][] = [];
  for (const task of tasks) {
    let round = 0;
    for (const key of task.reads) round = Math.max(round, (lastWrite.get(key) ?? -1) + 1);
    for (const key of task.writes) round = Math.max(round, (lastWrite.get(key) ?? -1) + 1, lastRead.get(key) ?? 0);
    for (const key of task.reads) lastRead.set(key, Math.max(lastRead.get(key) ?? 0, round));
    for (const key of task.writes) lastWrite.set(key, round);
    out[round] ??= [];
    out[round].push(task);
  }
  return out;
};
