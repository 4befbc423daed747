import type { SqlDb } from '../../infra/sql/sqlDb.js';

export type IdentityEvent = 'sign_in' | 'sign_in_refused' | 'link_issued' | 'token_issued' | 'sign_out';

export interface IdentityRecord {
  readonly event: IdentityEvent;
  /** `person` with the person id when known; `email` with the address given when nobody matched. */
  readonly actor: { readonly kind: string; readonly id: string };
  readonly method: string;
  readonly route: string;
  readonly url: string;
  readonly status: number;
  readonly clientId?: string;
  readonly address: string;
}

/**
 * Every sign-in, refusal, link issued and token issued goes to the audit access log (DESIGN §14), with
 * the person, the OAuth client and the caller's address. The URL is kept without its query: it may hold a
 * one-time secret or an authorization code.
 */
export const recordIdentity = (db: SqlDb, record: IdentityRecord, at: Date) =>
  db.run(
    'INSERT INTO audit_access_log (at, actor_kind, actor_id, method, route, url, status, event, client_id, address) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [
      at.toISOString(),
      record.actor.kind,
      record.actor.id.slice(0, 320),
      record.method,
      record.route,
      record.url.split('?')[0].slice(0, 2000),
      record.status,
      record.event,
      record.clientId ?? null,
      record.address,
    ],
  );
