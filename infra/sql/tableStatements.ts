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
/**
 * On a primary-key conflict: columns taken from the new row (`set`), numeric columns adding the new
 * row's value (`add`); neither: the old row stays.
 */
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
  readonly upsert: <T extends keyof Ts & string>(
    table: T,
    row: InsertOf<Ts[T]>,
    onConflict?: OnConflict<Ts[T]>,
  ) => Promise<void>;
  /** Answers the number of rows changed. */
  readonly update: <T extends keyof Ts & string>(
    table: T,
    where: Where<Ts[T]>,
    change: Change<Ts[T]>,
  ) => Promise<number>;
  /** An update answering the given columns of the (first) row it changed, in one statement. */
  readonly updateReturning: <T extends keyof Ts & string, C extends Col<Ts[T]>>(
    table: T,
    where: Where<Ts[T]>,
    change: Change<Ts[T]>,
    returning: readonly C[],
  ) => Promise<Pick<RowOf<Ts[T]>, C> | undefined>;
  readonly delete: <T extends keyof Ts & string>(table: T, where: Where<Ts[T]>) => Promise<number>;
  readonly select: <T extends keyof Ts & string, C extends Col<Ts[T]>>(
    table: T,
    columns: readonly C[],
    where: Where<Ts[T]>,
    options?: SelectOptions<Ts[T]>,
  ) => Promise<Pick<RowOf<Ts[T]>, C>[]>;
  readonly selectOne: <T extends keyof Ts & string, C extends Col<Ts[T]>>(
    table: T,
    columns: readonly C[],
    where: Where<Ts[T]>,
  ) => Promise<Pick<RowOf<Ts[T]>, C> | undefined>;
  /** SQL text too complex for the above (arithmetic across columns, joins, aggregates). */
  readonly execute: (statement: SqlText<unknown>, params: readonly Param[]) => Promise<number>;
  readonly query: <R>(statement: SqlText<R>, params: readonly Param[]) => Promise<R[]>;
  readonly queryOne: <R>(statement: SqlText<R>, params: readonly Param[]) => Promise<R | undefined>;
}

type Values = Readonly<Record<string, unknown>>;

/**
 * Statements are found in a trie walked by the column names a call gives, in the order it gives them:
 * property names are interned strings whose hashes V8 keeps, so finding a statement costs a few map
 * probes and builds no string (a key string built per call cost more than the rest of the layer).
 */
interface Node {
  readonly next: Map<string, Node>;
  stmt?: PreparedSql;
}
const node = (): Node => ({ next: new Map() });
const step = (from: Node, token: string): Node => {
  let to = from.next.get(token);
  if (!to) {
    to = node();
    from.next.set(token, to);
  }
  return to;
};
const NULL = ' IS NULL';
const END = '|';

/** Walks the given (defined) values' columns, pushing their values. */
const walk = (from: Node, values: Values | undefined, params: unknown[]): Node => {
  let at = from;
  for (const column in values) {
    const value = values[column];
    if (value === undefined) continue;
    at = step(at, column);
    params.push(value);
  }
  return step(at, END);
};

/** Like walk, but null is `IS NULL` (no parameter); a missing value would widen the statement, so it throws. */
const walkWhere = (from: Node, where: Values, params: unknown[]): Node => {
  let at = from;
  for (const column in where) {
    const value = where[column];
    if (value === undefined) throw new Error(`where ${column} is undefined`);
    at = step(at, column);
    if (value === null) at = step(at, NULL);
    else params.push(value);
  }
  return step(at, END);
};
const walkList = (from: Node, list: readonly string[] | undefined): Node => {
  let at = from;
  if (list) for (const item of list) at = step(at, item);
  return step(at, END);
};

const defined = (values: Values | undefined) => Object.keys(values ?? {}).filter((c) => values?.[c] !== undefined);
const whereSql = (table: string, where: Values) => {
  const tests = Object.keys(where).map((c) => (where[c] === null ? `${c} IS NULL` : `${c} = ?`));
  if (tests.length === 0) throw new Error(`a statement on every row of ${table} needs SQL text`);
  return ` WHERE ${tests.join(' AND ')}`;
};
const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

export const tableStatements = <Ts extends Tables>(db: SqlDb, tables: Ts): TableStatements<Ts> => {
  const roots = {
    insert: node(),
    upsert: node(),
    update: node(),
    updateReturning: node(),
    delete: node(),
    select: node(),
    selectOne: node(),
  };
  const texts = new Map<SqlText<unknown>, PreparedSql>();
  const text = (statement: SqlText<unknown>) => {
    let stmt = texts.get(statement);
    if (!stmt) {
      stmt = db.prepare(statement.text);
      texts.set(statement, stmt);
    }
    return stmt;
  };

  const insertSql = (table: string, row: Values) => {
    const columns = defined(row);
    return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders(columns.length)})`;
  };
  const upsertSql = (table: string, row: Values, onConflict: { set?: readonly string[]; add?: readonly string[] }) => {
    const changes = [
      ...(onConflict.set ?? []).map((c) => `${c} = excluded.${c}`),
      ...(onConflict.add ?? []).map((c) => `${c} = ${table}.${c} + excluded.${c}`),
    ];
    const action = changes.length ? `DO UPDATE SET ${changes.join(', ')}` : 'DO NOTHING';
    return `${insertSql(table, row)} ON CONFLICT (${tables[table].primaryKey.join(', ')}) ${action}`;
  };
  const updateSql = (table: string, where: Values, set: Values | undefined, add: Values | undefined) => {
    const assignments = [...defined(set).map((c) => `${c} = ?`), ...defined(add).map((c) => `${c} = ${c} + ?`)];
    if (assignments.length === 0) throw new Error(`an update of ${table} that changes nothing`);
    return `UPDATE ${table} SET ${assignments.join(', ')}${whereSql(table, where)}`;
  };
  /** The prepared UPDATE (… RETURNING the columns given, if any) for this shape, its parameters pushed. */
  const updateStatement = (
    from: Node,
    table: string,
    where: Values,
    change: { set?: unknown; add?: unknown },
    params: unknown[],
    returning: readonly string[],
  ) => {
    const set = change.set as Values | undefined;
    const add = change.add as Values | undefined;
    const leaf = walkWhere(walk(walk(from, set, params), add, params), where, params);
    leaf.stmt ??= db.prepare(
      `${updateSql(table, where, set, add)}${returning.length ? ` RETURNING ${returning.join(', ')}` : ''}`,
    );
    return leaf.stmt;
  };
  const selectSql = (table: string, columns: readonly string[], where: Values, options: SelectOptions<Table>) => {
    const tests = Object.keys(where).map((c) => (where[c] === null ? `${c} IS NULL` : `${c} = ?`));
    return (
      `SELECT ${columns.join(', ')} FROM ${table}${tests.length ? ` WHERE ${tests.join(' AND ')}` : ''}` +
      `${options.orderBy?.length ? ` ORDER BY ${options.orderBy.join(', ')}` : ''}` +
      `${options.limit !== undefined ? ' LIMIT ?' : ''}${options.offset !== undefined ? ' OFFSET ?' : ''}`
    );
  };

  return {
    insert: async (table, row) => {
      const params: unknown[] = [];
      const leaf = walk(step(roots.insert, table), row as Values, params);
      leaf.stmt ??= db.prepare(insertSql(table, row as Values));
      await leaf.stmt.run(params);
    },
    upsert: async (table, row, onConflict = {}) => {
      const params: unknown[] = [];
      const leaf = walkList(
        walkList(walk(step(roots.upsert, table), row as Values, params), onConflict.set),
        onConflict.add,
      );
      leaf.stmt ??= db.prepare(upsertSql(table, row as Values, onConflict));
      await leaf.stmt.run(params);
    },
    update: (table, where, change) => {
      const params: unknown[] = [];
      return updateStatement(step(roots.update, table), table, where as Values, change, params, []).run(params);
    },
    updateReturning: (table, where, change, returning) => {
      const params: unknown[] = [];
      const start = walkList(step(roots.updateReturning, table), returning);
      return updateStatement(start, table, where as Values, change, params, returning).get(params);
    },
    delete: (table, where) => {
      const params: unknown[] = [];
      const leaf = walkWhere(step(roots.delete, table), where as Values, params);
      leaf.stmt ??= db.prepare(`DELETE FROM ${table}${whereSql(table, where as Values)}`);
      return leaf.stmt.run(params);
    },
    select: (table, columns, where, options = {}) => {
      const params: unknown[] = [];
      let leaf = walkList(
        walkWhere(walkList(step(roots.select, table), columns), where as Values, params),
        options.orderBy,
      );
      if (options.limit !== undefined) {
        leaf = step(leaf, 'LIMIT');
        params.push(options.limit);
      }
      if (options.offset !== undefined) {
        leaf = step(leaf, 'OFFSET');
        params.push(options.offset);
      }
      leaf.stmt ??= db.prepare(selectSql(table, columns, where as Values, options as SelectOptions<Table>));
      return leaf.stmt.all(params);
    },
    selectOne: (table, columns, where) => {
      const params: unknown[] = [];
      const leaf = walkWhere(walkList(step(roots.selectOne, table), columns), where as Values, params);
      leaf.stmt ??= db.prepare(selectSql(table, columns, where as Values, {}));
      return leaf.stmt.get(params);
    },
    execute: (statement, params) => text(statement).run(params),
    query: (statement, params) => text(statement).all(params),
    queryOne: (statement, params) => text(statement).get(params),
  };
};
