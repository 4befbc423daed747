/**
 * A load generator for requests that need no bookkeeping between them (the floors, reads,
 * POST /people): `requests` sent in turn, round and round, from `connections` callers on kept-alive
 * sockets; `{n}` in a path or body becomes a number unique to the run (new emails, new names). A
 * warm-up by count first (every socket accepted and answered), then `seconds` measured.
 */
import { answerParent } from '../harness/child.js';
import { createLoad, type LoadPhase, type LoadRequest } from './keepAliveLoad.js';

export interface CycleLoadInput {
  readonly url: string;
  readonly connections: number;
  readonly seconds: number;
  readonly warmupRequests: number;
  readonly requests: readonly LoadRequest[];
}

export interface CycleLoadOutput extends LoadPhase {
  readonly warmSockets: number;
  readonly warmup: LoadPhase;
}

answerParent<CycleLoadInput, CycleLoadOutput>(async (input) => {
  const load = createLoad(input.url, input.connections);
  let n = 0;
  const next = () => n++;
  const toRequest = (i: number): LoadRequest => {
    const r = input.requests[i % input.requests.length];
    const unique = String(i);
    return {
      ...r,
      path: r.path.replaceAll('{n}', unique),
      ...(r.body === undefined ? {} : { body: r.body.replaceAll('{n}', unique) }),
    };
  };
  try {
    const warmup = await load.send(() => (n < input.warmupRequests ? next() : undefined), toRequest);
    const warmSockets = load.sockets();
    const measured = await load.during(input.seconds, next, toRequest);
    return { ...measured, warmSockets, warmup };
  } finally {
    load.close();
  }
});
