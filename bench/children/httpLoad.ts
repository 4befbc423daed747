/**
 * The HTTP load generator of the command benchmark, in its own process so that it does not share the
 * server's event loop: the command mix from `connections` callers on kept-alive sockets, a warm-up by
 * count (every socket accepted and answered, every warm-up command answered), then `seconds` measured.
 */
import { answerParent } from '../harness/child.js';
import { commandMix, type MixCommand } from '../fixtures/commandMix.js';
import { createLoad, type LoadPhase } from './keepAliveLoad.js';

export interface HttpLoadInput {
  readonly url: string;
  readonly adminKey: string;
  readonly partnerIds: readonly string[];
  readonly connections: number;
  readonly seconds: number;
  readonly warmupRequests: number;
}

export interface HttpLoadOutput extends LoadPhase {
  /** Sockets that carried an answer during the warm-up (all of them: the measured run opens none). */
  readonly warmSockets: number;
  readonly warmup: LoadPhase;
}

answerParent<HttpLoadInput, HttpLoadOutput>(async (input) => {
  const mix = commandMix(input.partnerIds);
  const headers = { authorization: `Bearer ${input.adminKey}`, 'content-type': 'application/json' };
  const load = createLoad(input.url, input.connections);
  try {
    const toRequest = (command: MixCommand) => ({
      method: 'POST' as const,
      path: command.url,
      headers,
      body: JSON.stringify(command.body),
    });
    let left = input.warmupRequests;
    const warmup = await load.send(
      () => (left-- > 0 ? mix.next() : undefined),
      toRequest,
      (command) => mix.done(command),
    );
    const warmSockets = load.sockets();
    const measured = await load.during(input.seconds, mix.next, toRequest, (command) => mix.done(command));
    return { ...measured, warmSockets, warmup };
  } finally {
    load.close();
  }
});
