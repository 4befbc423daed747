/**
 * The HTTP load generator of the deal benchmark, in its own process (it must not share the server's
 * event loop): autocannon registers every given deal (POST /deals, each with its registrant's JWT),
 * then approves each registered one (POST /deals/:id/approve, admin key). Counts, not durations, so
 * that every registration is sent once and every registered deal approved once.
 */
import autocannon, { type Result } from 'autocannon';
import { answerParent } from '../harness/child.js';
import { loadSummary, type LoadSummary } from './loadSummary.js';

export interface HttpDealRegistration {
  /** Index into `tokens`: whose JWT registers it. */
  readonly token: number;
  /** The JSON body of POST /deals. */
  readonly body: string;
}

export interface HttpDealLoadInput {
  readonly url: string;
  readonly adminKey: string;
  readonly connections: number;
  readonly tokens: readonly string[];
  readonly warmup: readonly HttpDealRegistration[];
  readonly registrations: readonly HttpDealRegistration[];
}

export interface HttpPhase extends LoadSummary {
  readonly requests: number;
  readonly seconds: number;
}

export interface HttpDealLoadOutput {
  readonly registration: HttpPhase;
  readonly approval: HttpPhase;
}

const json = { 'content-type': 'application/json' };

/** Sends request `i` of `count` for i = 0, 1, ... over the connections; `answered` sees each response. */
const send = async (
  url: string, connections: number, count: number,
  request: (i: number) => { path: string; headers: Record<string, string>; body: string },
  answered: (i: number, status: number, body: string) => void = () => undefined,
): Promise<{ result: Result; requests: number; seconds: number }> => {
  let n = 0;
  // autocannon ends a counted run on its next 1 s sample tick and reports that as the duration;
  // the phase's time is from the start until the last answer.
  let lastAnswer = 0;
  const start = performance.now();
  const result = await autocannon({
    url,
    connections: Math.min(connections, count),
    amount: count,
    timeout: 30,
    requests: [{
      method: 'POST',
      setupRequest: (req, context) => {
        // autocannon asks exactly `amount` times; wrapping would only resend, visibly (4xx).
        const i = n++ % count;
        context.i = i;
        return { ...req, method: 'POST', ...request(i) };
      },
      onResponse: (status, body, context) => {
        lastAnswer = performance.now();
        answered(context.i as number, status, body);
      },
    }],
  });
  return { result, requests: n, seconds: (lastAnswer - start) / 1000 };
};

const phase = ({ result, requests, seconds }: { result: Result; requests: number; seconds: number }): HttpPhase => ({
  requests,
  seconds,
  ...loadSummary(result),
});

answerParent<HttpDealLoadInput, HttpDealLoadOutput>(async (input) => {
  const admin = { ...json, authorization: `Bearer ${input.adminKey}` };
  const bearer = input.tokens.map((t) => ({ ...json, authorization: `Bearer ${t}` }));
  const registerThenApprove = async (registrations: readonly HttpDealRegistration[]) => {
    const dealIds: (string | undefined)[] = new Array(registrations.length);
    const registered = await send(input.url, input.connections, registrations.length,
      (i) => ({ path: '/deals', headers: bearer[registrations[i].token], body: registrations[i].body }),
      (i, status, body) => {
        if (status === 201) dealIds[i] = (JSON.parse(body) as { id: string }).id;
      });
    const ids = dealIds.filter((id): id is string => id !== undefined);
    // autocannon without an amount would run for its default duration instead.
    if (ids.length === 0) throw new Error(`no deal was registered: ${JSON.stringify(phase(registered).statusCodes)}`);
    const approved = await send(input.url, input.connections, ids.length, (i) => ({ path: `/deals/${ids[i]}/approve`, headers: admin, body: '{}' }));
    return { registration: phase(registered), approval: phase(approved) };
  };
  if (input.warmup.length > 0) await registerThenApprove(input.warmup);
  return registerThenApprove(input.registrations);
});
