import { ADMIN_KEY } from '../reliability/serverProcess.js';
import { list } from '../support/json.js';

/** One HTTP answer as the load sees it; `status` 0 when the request never got an answer (node gone). */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Headers | undefined;
}

export const call = async (
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> => {
  try {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${ADMIN_KEY}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(90_000),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  } catch {
    return { status: 0, body: undefined, headers: undefined };
  }
};

/** A registration sent during a load, and what came back. */
export interface Sent {
  readonly email: string;
  readonly node: number;
  readonly answer: Answer;
}

/**
 * Registers `count` people, `concurrency` at a time, spread over the nodes in turn (the ones
 * `alive` still lists); `during(done)` runs after each answer (to kill a node or stop the database
 * mid-load). Each registration has its own email, so its effect can be looked up afterwards.
 */
export const registerPeople = async (
  nodes: () => readonly string[],
  options: { count: number; concurrency: number; tag: string; during?: (done: number) => void | Promise<void> },
): Promise<Sent[]> => {
  const sent: Sent[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < options.count; i = next++) {
      const live = nodes();
      const node = i % live.length;
      const email = `${options.tag}${i}@load.example`;
      const answer = await call(live[node], 'POST', '/people', { name: `Load ${i}`, email });
      sent.push({ email, node, answer });
      await options.during?.(sent.length);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return sent;
};

/** Whether the person registered with `email` is in the log (its email reservation stream exists). */
export const registered = async (base: string, email: string): Promise<boolean> => {
  const r = await call(base, 'GET', `/audit/streams/${encodeURIComponent(`email-${email}`)}`);
  if (r.status !== 200 && r.status !== 404) throw new Error(`audit stream read: ${r.status} ${JSON.stringify(r.body)}`);
  return r.status === 200 && list(r.body, 'items').length > 0;
};

export const eventually = async (check: () => Promise<boolean>, ms: number, what: string) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};
