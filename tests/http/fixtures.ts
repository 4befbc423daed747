import * as assert from 'uvu/assert';
import { at, str } from '../support/json.js';
import type { Response, TestApp } from '../support/testApp.js';

/** Shared setup for the HTTP specs: partners, people and tokens built through the public API. */

export const partnerBody = (over: Record<string, unknown> = {}) => ({
  name: 'Acme Storage GmbH',
  website: 'https://acme.example',
  country: 'DE',
  region: 'emea',
  type: 'reseller',
  ...over,
});

/** Asserts the status, showing the body when it differs. */
export const expectStatus = (r: Response, status: number): Response => {
  assert.is(r.status, status, `expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
  return r;
};

/** Asserts an RFC 9457 problem with our code and, when given, an error at each field path. */
export const expectProblem = (r: Response, status: number, code: string, paths: readonly string[] = []) => {
  expectStatus(r, status);
  assert.match(String(r.headers['content-type']), /^application\/problem\+json/);
  assert.is(at(r.body, 'status'), status);
  assert.is(at(r.body, 'code'), code, JSON.stringify(r.body));
  assert.type(at(r.body, 'title'), 'string');
  assert.type(at(r.body, 'detail'), 'string');
  const seen = ((at(r.body, 'errors') ?? []) as { path: string }[]).map((e) => e.path);
  for (const path of paths)
    assert.ok(seen.includes(path), `expected an error at '${path}', got ${JSON.stringify(seen)}`);
};

/**
 * Waits until policies (which react to events after the command has answered, e.g. points for a
 * certification) have appended whatever they will, and the read models include it; returns the head.
 */
export const quiescent = async (t: TestApp): Promise<number> => {
  for (;;) {
    const head = await t.eventCount();
    await t.platform.policies.waitFor(head);
    await t.platform.runner.waitFor(head);
    if ((await t.eventCount()) === head) return head;
  }
};

/** Runs a request that must be refused and asserts that the log did not grow. */
export const refused = async (t: TestApp, request: () => Promise<Response>): Promise<Response> => {
  const before = await quiescent(t);
  const r = await request();
  assert.is(await t.eventCount(), before, `a refused request appended events: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
};

/** What the partner fixtures need of an app: a single-process test app or a cluster node. */
type Poster = Pick<TestApp, 'post'>;

export const applyPartner = async (t: Poster, over: Record<string, unknown> = {}): Promise<string> =>
  str(expectStatus(await t.post('/partners', partnerBody(over)), 201).body, 'id');

export const approvedPartner = async (t: Poster, over: Record<string, unknown> = {}, tier = 'silver') => {
  const id = await applyPartner(t, over);
  expectStatus(await t.post(`/partners/${id}/approve`, { tier }), 200);
  return id;
};

export const activePartner = async (t: Poster, over: Record<string, unknown> = {}, tier = 'silver') => {
  const id = await approvedPartner(t, over, tier);
  expectStatus(await t.post(`/partners/${id}/agreements`, { agreementVersion: '2026.1', signedBy: 'Jane Doe' }), 200);
  return id;
};

let people = 0;
export const registerPerson = async (t: TestApp, name = 'Pat Person'): Promise<string> => {
  people += 1;
  const r = await t.post('/people', { name, email: `person${people}.${Date.now()}@example.com` });
  return str(expectStatus(r, 201).body, 'id');
};

/** A person employed by the partner, with a token of their own. */
export const employee = async (t: TestApp, partnerId: string, role = 'sales') => {
  const id = await registerPerson(t, `Employee ${role}`);
  expectStatus(await t.post(`/partners/${partnerId}/employees`, { personId: id, role }), 200);
  return { id, token: t.tokenFor(id) };
};

/** A member of the vendor's staff, with a token of their own. */
export const vendorStaff = async (t: TestApp, role: string, regions?: readonly string[]) => {
  const id = await registerPerson(t, `Staff ${role}`);
  expectStatus(await t.post(`/people/${id}/vendor-roles`, { role, ...(regions ? { regions } : {}) }), 200);
  return { id, token: t.tokenFor(id) };
};

export const defineProgram = async (t: TestApp, productLine = 'storage', validForDays = 365) =>
  str(
    expectStatus(
      await t.post('/programs', { name: `${productLine} associate`, productLine, validForDays, points: 100 }),
      201,
    ).body,
    'id',
  );
