import type { PreparedSql, SqlDb } from './sqlDb.js';
import type { InsertOf, NumericColumn, RowOf, Table, Tables } from './tables.js';

type Col<T extends Table> = keyof T['columns'] & string;
/** Equality on every column given; null means IS NULL. */
export type Where<T extends Table> = Partial<RowOf<T>>;
export interface Change<T extends Table> {
  /** Columns set to these values. */
  readonly set?: Partial<RowOf<T>>;
  /** Numeric columns these amounts are added to (negative: subtracted). */
  readonly add?: Partial<Record<NumericColumn<T>, number>>;
}
/** On a primary-key conflict: columns taken from the new row, numeric columns adding the new row's value; neither: keep the old row. */
export interface OnConflict<T extends Table> {
  readonly set?: readonly Col<T>[];
  readonly add?: readonly NumericColumn<T>[];
}
export interface SelectOptions<T extends Table> {
  readonly orderBy?: readonly Col<T>[];
  readonly limit?: number;
  readonly offset?: number;
}

/** Portable SQL text written once; its table and column names come from `namesOf`, so a typo fails tsc. */
export interface SqlText<R> {
  readonly text: string;
  /** The row type a query answers (never read at runtime). */
  readonly row?: R;
}
export const sqlText = <R = never>(text: string): SqlText<R> => ({ text });

export type Param = string | number | null;

/**
 * Read-model statements typed by the table declarations: insert, upsert, update, delete and select
 * by table and column names that must exist, with values of the columns' types. Each statement's SQL
 * is built once per shape (table, columns given, null tests) and kept prepared; only `?` placeholders
 * and SQL both SQLite and PostgreSQL speak (ON CONFLICT … DO UPDATE, RETURNING).
 */
export interface TableStatements<Ts extends Tables> {
  readonly insert: <T extends keyof Ts & string>(table: T, row: InsertOf<Ts[T]>) => Promise<void>;
  readonly upsert: <T extends keyof Ts & string>(table: T, row: InsertOf<Ts[T]>, onConflict?: OnConflict<Ts[T]>) => Promise<void>;
  /** Answers the number of rows changed. */
  readonly update: <T extends keyof Ts & string>(table: T, where: Where<Ts[T]>, change: Change<Ts[T]>) => Promise<number>;
  readonly delete: <T extends keyof Ts & string>(table: T, where: Where<Ts[T]>) => Promise<number>;
  readonly select: <T extends keyof Ts & string, C extends Col<Ts[T]>>(
    table: T, columns: readonly C[], where: Where<Ts[T]>, options?: SelectOptions<Ts[T]>,
  ) => Promise<Pick<RowOf<Ts[T]>, C>[]>;
  readonly selectOne: <T extends keyof Ts & string, C extends Col<Ts[T]>>(
    table: T, columns: readonly C[], where: Where<Ts[T]>,
  ) => Promise<Pick<RowOf<Ts[T]>, C> | undefined>;
  /** SQL text too complex for the above (arithmetic across columns, joins, aggregates). */
  readonly execute: (statement: SqlText<unknown>, params: readonly Param[]) => Promise<number>;
  readonly query: <R>(statement: SqlText<R>, params: readonly Param[]) => Promise<R[]>;
  readonly queryOne: <R>(statement: SqlText<R>, params: readonly Param[]) => Promise<R | undefined>;
}

type Values = Readonly<Record<string, unknown>>;

/** Pushes the given values; answers their columns as a shape key (`a,b,`). */
const collect = (values: Values | undefined, params: unknown[]): string => {
  let key = '';
  for (const column in values) {
    const value = values[column];
    if (value === undefined) continue;
    key += `${column},`;
    params.push(value);
  }
  return key;
};

/** Like collect, but null is `IS NULL` (no parameter); a missing value would widen the statement, so it throws. */
const collectWhere = (where: Values, params: unknown[]): string => {
  let key = '';
  for (const column in where) {
    const value = where[column];
    if (value === undefined) throw new Error(`where ${column} is undefined`);
    if (value === null) key += `${column} IS NULL,`;
    else {
      key += `${column},`;
      params.push(value);
    }
  }
  return key;
};

const columnsOf = (key: string) => (key === '' ? [] : key.slice(0, -1).split(','));
const whereSql = (key: string) => {
  const tests = columnsOf(key).map((c) => (c.endsWith(' IS NULL') ? c : `${c} = ?`));
  return tests.length ? ` WHERE ${tests.join(' AND ')}` : '';
};
const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

export const tableStatements = <Ts extends Tables>(db: SqlDb, tables: Ts): TableStatements<Ts> => {
  const shapes = new Map<string, PreparedSql>();
  const texts = new Map<SqlText<unknown>, PreparedSql>();
  const shape = (key: string, build: () => string) => {
    let stmt = shapes.get(key);
    if (!stmt) shapes.set(key, (stmt = db.prepare(build())));
    return stmt;
  };
  const text = (statement: SqlText<unknown>) => {
    let stmt = texts.get(statement);
    if (!stmt) texts.set(statement, (stmt = db.prepare(statement.text)));
    return stmt;
  };
  const mustFilter = (table: string, where: string) => {
    if (where === '') throw new Error(`a statement on every row of ${table} needs SQL text`);
  };

  return {
    insert: async (table, row) => {
      const params: unknown[] = [];
      const columns = collect(row as Values, params);
      await shape(`i|${table}|${columns}`, () => `INSERT INTO ${table} (${columnsOf(columns).join(', ')}) VALUES (${placeholders(params.length)})`).run(params);
    },
    upsert: async (table, row, onConflict = {}) => {
      const params: unknown[] = [];
      const columns = collect(row as Values, params);
      const set = onConflict.set?.join(',') ?? '';
      const add = onConflict.add?.join(',') ?? '';
      await shape(`U|${table}|${columns}|${set}|${add}`, () => {
        const changes = [
          ...(onConflict.set ?? []).map((c) => `${c} = excluded.${c}`),
          ...(onConflict.add ?? []).map((c) => `${c} = ${table}.${c} + excluded.${c}`),
        ];
        const action = changes.length ? `DO UPDATE SET ${changes.join(', ')}` : 'DO NOTHING';
        return `INSERT INTO ${table} (${columnsOf(columns).join(', ')}) VALUES (${placeholders(params.length)})
          ON CONFLICT (${tables[table].primaryKey.join(', ')}) ${action}`;
      }).run(params);
    },
    update: (table, where, change) => {
      const params: unknown[] = [];
      const set = collect(change.set as Values | undefined, params);
      const add = collect(change.add as Values | undefined, params);
      const filter = collectWhere(where as Values, params);
      mustFilter(table, filter);
      return shape(`u|${table}|${set}|${add}|${filter}`, () => {
        const assignments = [...columnsOf(set).map((c) => `${c} = ?`), ...columnsOf(add).map((c) => `${c} = ${c} + ?`)];
        if (assignments.length === 0) throw new Error(`an update of ${table} that changes nothing`);
        return `UPDATE ${table} SET ${assignments.join(', ')}${whereSql(filter)}`;
      }).run(params);
    },
    delete: (table, where) => {
      const params: unknown[] = [];
      const filter = collectWhere(where as Values, params);
      mustFilter(table, filter);
      return shape(`d|${table}|${filter}`, () => `DELETE FROM ${table}${whereSql(filter)}`).run(params);
    },
    select: (table, columns, where, options = {}) => {
      const params: unknown[] = [];
      const filter = collectWhere(where as Values, params);
      const order = options.orderBy?.join(', ') ?? '';
      if (options.limit !== undefined) params.push(options.limit);
      if (options.offset !== undefined) params.push(options.offset);
      const paging = `${options.limit !== undefined ? ' LIMIT ?' : ''}${options.offset !== undefined ? ' OFFSET ?' : ''}`;
      const list = columns.join(', ');
      return shape(`s|${table}|${list}|${filter}|${order}|${paging}`, () =>
        `SELECT ${list} FROM ${table}${whereSql(filter)}${order ? ` ORDER BY ${order}` : ''}${paging}`).all(params);
    },
    selectOne: (table, columns, where) => {
      const params: unknown[] = [];
      const filter = collectWhere(where as Values, params);
      const list = columns.join(', ');
      return shape(`s|${table}|${list}|${filter}||`, () => `SELECT ${list} FROM ${table}${whereSql(filter)}`).get(params);
    },
    execute: (statement, params) => text(statement).run(params),
    query: (statement, params) => text(statement).all(params),
    queryOne: (statement, params) => text(statement).get(params),
  };
};
