import { str } from '../support/json.js';
import type { TestApp } from '../support/testApp.js';
import { activePartner, expectStatus } from '../http/fixtures.js';

let n = 0;
/** A person with this address, employed by a fresh active partner (or by none). */
export const personWithEmail = async (t: TestApp, email: string, partnerId?: string, role = 'sales') => {
  n += 1;
  const id = str(expectStatus(await t.post('/people', { name: `Person ${n}`, email }), 201).body, 'id');
  const partner = partnerId ?? (await activePartner(t, { name: `Partner ${n} ${Date.now()}` }));
  expectStatus(await t.post(`/partners/${partner}/employees`, { personId: id, role }), 200);
  return { id, partnerId: partner };
};

/** The audit access log's identity rows, oldest first. */
export const identityLog = (t: TestApp) =>
  t.platform.reader.all<{
    event: string;
    actor_kind: string;
    actor_id: string;
    route: string;
    status: number;
    client_id: string | null;
    address: string | null;
    url: string;
  }>('SELECT * FROM audit_access_log WHERE event IS NOT NULL ORDER BY id');
