/**
 * The load generator of the cluster benchmark, in its own process: seeds active partners through the
 * nodes, then the HTTP command mix from `connections` callers spread over every node (caller i on node
 * i mod n), warmed up first, then `seconds` measured; then the cross-node visibility lag: a person
 * registered through one node, read through the next until it answers 200.
 */
import { answerParent } from '../harness/child.js';
import { commandMix, type MixCommand } from '../fixtures/commandMix.js';
import { percentile, round } from '../harness/stats.js';
import { createLoad, type LoadPhase } from './keepAliveLoad.js';

export interface ClusterHttpLoadInput {
  readonly urls: readonly string[];
  readonly adminKey: string;
  readonly partners: number;
  readonly connections: number;
  readonly seconds: number;
  readonly warmupRequests: number;
  readonly lagSamples: number;
}

export interface VisibilityLag {
  readonly samples: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Reads through the other node that answered 200 at the first try. */
  readonly seenAtOnce: number;
}

export interface ClusterHttpLoadOutput extends LoadPhase {
  readonly warmup: LoadPhase;
  readonly seeding: LoadPhase;
  readonly lag: VisibilityLag;
}

const idOf = (body: string): string => {
  const parsed: unknown = JSON.parse(body);
  const id = typeof parsed === 'object' && parsed !== null ? (parsed as { id?: unknown }).id : undefined;
  if (typeof id !== 'string') throw new Error(`no id in ${body}`);
  return id;
};

/** From the answer of a write on one node to the first 200 of a read of it on the next node. */
const measureLag = async (input: ClusterHttpLoadInput, headers: Record<string, string>): Promise<VisibilityLag> => {
  const lags: number[] = [];
  let seenAtOnce = 0;
  for (let i = 0; i < input.lagSamples; i++) {
    const writer = input.urls[i % input.urls.length];
    const reader = input.urls[(i + 1) % input.urls.length];
    const res = await fetch(`${writer}/people`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: `Lag ${i}`, email: `lag-${i}@visibility.example` }),
    });
    const text = await res.text();
    if (res.status !== 201) throw new Error(`POST /people answered ${res.status}: ${text}`);
    const answered = performance.now();
    const id = idOf(text);
    for (let tries = 1; ; tries++) {
      const read = await fetch(`${reader}/people/${id}`, { headers });
      await read.arrayBuffer();
      if (read.status === 200) {
        lags.push(performance.now() - answered);
        if (tries === 1) seenAtOnce += 1;
        break;
      }
      if (tries > 5000) throw new Error(`person ${id} never visible on ${reader}`);
    }
  }
  return {
    samples: lags.length,
    p50Ms: round(percentile(lags, 50)),
    p99Ms: round(percentile(lags, 99)),
    maxMs: round(Math.max(...lags)),
    seenAtOnce,
  };
};

answerParent<ClusterHttpLoadInput, ClusterHttpLoadOutput>(async (input) => {
  const headers = { authorization: `Bearer ${input.adminKey}`, 'content-type': 'application/json' };
  const load = createLoad(input.urls, input.connections);
  try {
    // Seeding: each partner applied, approved at silver and its agreement signed (the mix needs active partners).
    const partnerIds: string[] = [];
    const applied = await load.count(
      input.partners,
      (i) => ({ method: 'POST', path: '/partners', headers, body: JSON.stringify(partnerBody(i)) }),
      (_, status, body) => {
        if (status === 201) partnerIds.push(idOf(body));
      },
    );
    if (partnerIds.length !== input.partners) throw new Error(`seeding: ${JSON.stringify(applied.statusCodes)}`);
    await load.count(partnerIds.length, (i) => ({
      method: 'POST',
      path: `/partners/${partnerIds[i]}/approve`,
      headers,
      body: JSON.stringify({ tier: 'silver' }),
    }));
    const seeding = await load.count(partnerIds.length, (i) => ({
      method: 'POST',
      path: `/partners/${partnerIds[i]}/agreements`,
      headers,
      body: JSON.stringify({ agreementVersion: '2026.1', signedBy: 'Jane Doe' }),
    }));

    const mix = commandMix(partnerIds);
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
    const measured = await load.during(input.seconds, mix.next, toRequest, (command) => mix.done(command));
    const lag = await measureLag(input, headers);
    return { ...measured, warmup, seeding, lag };
  } finally {
    load.close();
  }
});

const partnerBody = (i: number) => ({
  name: `Cluster Seed ${i}`,
  website: `https://cluster-seed-${i}.example`,
  country: 'DE',
  region: ['emea', 'amer', 'apac'][i % 3],
  type: 'reseller',
});
