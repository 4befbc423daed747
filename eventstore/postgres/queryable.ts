import type { QueryResult, QueryResultRow } from 'pg';

/** What the SQL helpers need: a pool for reads outside a transaction, a checked-out client inside one. */
export interface Queryable {
  query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
}
