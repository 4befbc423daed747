/** Followers of the log that a command's answer waits for. */
export interface Follower {
  readonly waitFor: (position: number) => Promise<void>;
}

/**
 * Read-your-writes (DESIGN §6): a command answers once the read models include its events. It also
 * includes what policies do in reaction (a won deal's points): they act first, then the read models
 * catch up with the log up to its head, past the command's events and the policies'. A failing
 * policy never fails the command that triggered it.
 */
export const readYourWrites =
  (deps: { policies: Follower; projections: Follower; headPosition: () => Promise<number> }) =>
  async (position: number): Promise<void> => {
    await deps.policies.waitFor(position).catch(() => undefined);
    // The command is committed: a head that cannot be read (the database just went away) is no
    // reason to answer an error; its own position is then what the answer waits for.
    const head = await deps.headPosition().catch(() => position);
    await deps.projections.waitFor(Math.max(head, position));
  };
