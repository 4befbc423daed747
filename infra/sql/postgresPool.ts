import pg from 'pg';

/** PostgreSQL type ids whose text node-postgres would otherwise hand over as strings or parsed objects. */
const INT8 = 20;
const NUMERIC = 1700;
const JSON_TYPE = 114;
const JSONB = 3802;

/**
 * Values as the SQLite driver gives them, so that the same projection and query code reads both:
 * 64-bit integers and sums (numeric) as numbers (positions and amounts stay far below 2^53), JSON
 * columns as their text (code parses it where SQLite's text columns needed parsing too).
 */
const types = {
  getTypeParser: ((id: number, format?: 'text' | 'binary') => {
    if (id === INT8 || id === NUMERIC) return (value: string) => Number(value);
    if (id === JSON_TYPE || id === JSONB) return (value: string) => value;
    return pg.types.getTypeParser(id, format);
  }) as typeof pg.types.getTypeParser,
};

export interface PostgresPoolOptions {
  /** Connections in the pool (default 10). */
  readonly max?: number;
  /** Shown in pg_stat_activity: which node a backend serves. */
  readonly applicationName?: string;
  /** Failures of idle connections (a restarted server): reported, never fatal to the process. */
  readonly onError?: (error: Error) => void;
}

/** A pool of connections to one database, typed as above; one per process is enough. */
export const openPostgresPool = (url: string, options: PostgresPoolOptions = {}): pg.Pool => {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    types,
    application_name: options.applicationName ?? 'prm',
    // A dead server answers nothing: give up on a connection attempt after 5 s rather than hang a request.
    connectionTimeoutMillis: 5000,
    keepAlive: true,
  });
  const onError = options.onError ?? (() => undefined);
  // Without a listener, an idle client's error (the server restarted) would crash the process.
  pool.on('error', onError);
  // The pool listens to idle clients only: one checked out (inside a transaction, between two of its
  // statements) whose connection dies would crash the process too. Its next statement fails instead.
  pool.on('connect', (client) => client.on('error', onError));
  return pool;
};

export const postgresTypes = types;
