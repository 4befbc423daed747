import { createHash } from 'node:crypto';
import { canonicalJson } from '../eventstore/hashChain.js';
import type { TransactionalSqlDb } from '../infra/sql/sqlDb.js';

export interface StoredResponse {
  readonly requestHash: string;
  readonly statusCode: number;
  readonly body: string;
}

/** Responses of commands sent with an `Idempotency-Key`, kept to replay retries. */
export interface IdempotencyStore {
  readonly find: (scopeKey: string) => Promise<StoredResponse | undefined>;
  readonly save: (scopeKey: string, response: StoredResponse, at: Date) => Promise<void>;
}

export const requestHash = (method: string, url: string, body: unknown) =>
  createHash('sha256')
    .update(`${method} ${url}\n${canonicalJson(body ?? null)}`)
    .digest('hex');

export const sqlIdempotencyStore = (db: TransactionalSqlDb): IdempotencyStore => ({
  find: async (scopeKey) => {
    const row = await db.get<{ request_hash: string; status_code: number; body: string }>(
      'SELECT request_hash, status_code, body FROM idempotency_keys WHERE scope_key = ?',
      [scopeKey],
    );
    return row && { requestHash: row.request_hash, statusCode: row.status_code, body: row.body };
  },
  save: async (scopeKey, response, at) => {
    await db.transaction((tx) =>
      tx.run(
        `INSERT INTO idempotency_keys (scope_key, request_hash, status_code, body, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (scope_key) DO NOTHING`,
        [scopeKey, response.requestHash, response.statusCode, response.body, at.toISOString()],
      ),
    );
  },
});
