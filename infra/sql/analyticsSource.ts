/**
 * Read-only SQL over the read models, for analysts (`prm sql`, `GET /analytics/<view>.csv`): one
 * statement, whatever database holds the read models, rows from one snapshot a batch at a time, and
 * nothing that writes. Adapters: sqliteAnalyticsSource.ts, postgresAnalyticsSource.ts.
 */
export interface AnalyticsRows {
  readonly columns: readonly string[];
  /** Rows as arrays in `columns` order; iterate to the end or call `close`. */
  readonly batches: AsyncIterable<readonly (readonly unknown[])[]>;
  readonly close: () => Promise<void>;
}

export interface AnalyticsSource {
  readonly dialect: 'sqlite' | 'postgres';
  /** Throws `AnalyticsQueryRefused` for a statement that writes, is not a query, or does not parse. */
  readonly query: (sql: string, params?: readonly unknown[], batchSize?: number) => Promise<AnalyticsRows>;
}

export type RefusalReason = 'writes' | 'not_a_query' | 'invalid' | 'unavailable';

/** Why a statement was not run, in words an analyst can act on. */
export class AnalyticsQueryRefused extends Error {
  override readonly name = 'AnalyticsQueryRefused';
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
  }
}

export const isAnalyticsQueryRefused = (e: unknown): e is AnalyticsQueryRefused => e instanceof AnalyticsQueryRefused;

export const WRITES_REFUSED =
  'read-only: this statement would change the database; analysts query the read models, commands change them';
