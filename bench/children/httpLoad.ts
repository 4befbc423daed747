/**
 * The HTTP load generator, in its own process so that it does not share the server's event loop:
 * autocannon sends the command mix to the listening server and answers the figures.
 */
import autocannon, { type RequestDefinition } from 'autocannon';
import { answerParent } from '../harness/child.js';
import { commandMix, type MixCommand } from '../fixtures/commandMix.js';
import { loadSummary, type LoadSummary } from './loadSummary.js';

export interface HttpLoadInput {
  readonly url: string;
  readonly adminKey: string;
  readonly partnerIds: readonly string[];
  readonly connections: number;
  readonly seconds: number;
  readonly warmupRequests: number;
}

export interface HttpLoadOutput extends LoadSummary {
  readonly seconds: number;
}

answerParent<HttpLoadInput, HttpLoadOutput>(async (input) => {
  const mix = commandMix(input.partnerIds);
  const headers = { authorization: `Bearer ${input.adminKey}`, 'content-type': 'application/json' };
  const request: RequestDefinition = {
    method: 'POST',
    setupRequest: (req, context) => {
      const command = mix.next();
      context.command = command;
      return { ...req, method: 'POST', path: command.url, headers, body: JSON.stringify(command.body) };
    },
    onResponse: (_status, _body, context) => mix.done(context.command as MixCommand),
  };
  const options = { url: input.url, connections: input.connections, headers, requests: [request], timeout: 30 };
  // Warm-up by count, so that it ends with every request answered (no command left half-known).
  if (input.warmupRequests > 0) await autocannon({ ...options, amount: input.warmupRequests });
  const result = await autocannon({ ...options, duration: input.seconds });
  return { seconds: result.duration, ...loadSummary(result) };
});
