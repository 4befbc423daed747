/**
 * The HTTP load generator of the deal benchmark, in its own process (it must not share the server's
 * event loop): every given deal registered (POST /deals, each with its registrant's JWT), then each
 * registered one approved (POST /deals/:id/approve, admin key), by count so that each registration is
 * sent once and each registered deal approved once. The same kept-alive sockets carry the warm-up
 * (registrations and approvals of other customers) and both measured phases.
 */
import { answerParent } from '../harness/child.js';
import { createLoad, type LoadPhase } from './keepAliveLoad.js';

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

export type HttpPhase = LoadPhase;

export interface HttpDealLoadOutput {
  readonly registration: HttpPhase;
  readonly approval: HttpPhase;
  readonly warmup?: { readonly registration: HttpPhase; readonly approval: HttpPhase };
  /** Sockets that carried an answer during the warm-up (all of them: the measured phases open none). */
  readonly warmSockets: number;
}

const json = { 'content-type': 'application/json' };

answerParent<HttpDealLoadInput, HttpDealLoadOutput>(async (input) => {
  const admin = { ...json, authorization: `Bearer ${input.adminKey}` };
  const bearer = input.tokens.map((t) => ({ ...json, authorization: `Bearer ${t}` }));
  const load = createLoad(input.url, input.connections);
  const registerThenApprove = async (registrations: readonly HttpDealRegistration[]) => {
    const dealIds: (string | undefined)[] = new Array(registrations.length);
    const registration = await load.count(
      registrations.length,
      (i) => ({ method: 'POST', path: '/deals', headers: bearer[registrations[i].token], body: registrations[i].body }),
      (i, status, body) => {
        if (status === 201) dealIds[i] = (JSON.parse(body) as { id: string }).id;
      },
    );
    const ids = dealIds.filter((id): id is string => id !== undefined);
    if (ids.length === 0) throw new Error(`no deal was registered: ${JSON.stringify(registration.statusCodes)}`);
    const approval = await load.count(ids.length, (i) => ({
      method: 'POST',
      path: `/deals/${ids[i]}/approve`,
      headers: admin,
      body: '{}',
    }));
    return { registration, approval };
  };
  try {
    const warmup = input.warmup.length > 0 ? await registerThenApprove(input.warmup) : undefined;
    const warmSockets = load.sockets();
    return { ...(await registerThenApprove(input.registrations)), warmup, warmSockets };
  } finally {
    load.close();
  }
});
