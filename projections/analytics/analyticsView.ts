import { render, type Dialect, type Expr } from './analyticsSql.js';

/**
 * An analytics view, declared once: its name and version, what one row is, its columns in order (type,
 * meaning, SQL) and what it selects from. The SQL of both dialects, the README's column tables and the
 * CSV export derive from the declaration; tests hold the created views and the README to it.
 */

/** What analysts get, per dialect: money as integer minor units beside a currency column, flags as 0/1. */
export const analyticsTypes = {
  text: { sqlite: 'TEXT', postgres: 'text' },
  integer: { sqlite: 'INTEGER', postgres: 'bigint' },
  decimal: { sqlite: 'REAL', postgres: 'numeric' },
  /** ISO-8601 UTC text with milliseconds on SQLite; timestamptz on PostgreSQL. */
  instant: { sqlite: 'TEXT', postgres: 'timestamptz' },
  /** `YYYY-MM-DD` text on SQLite; date on PostgreSQL. */
  date: { sqlite: 'TEXT', postgres: 'date' },
  json: { sqlite: 'TEXT', postgres: 'jsonb' },
  /** 0 or 1 (an integer on both, so that SUM counts). */
  flag: { sqlite: 'INTEGER', postgres: 'integer' },
} as const;
export type AnalyticsType = keyof typeof analyticsTypes;

export interface ViewColumn {
  readonly type: AnalyticsType;
  readonly doc: string;
  readonly sql: Expr;
}

const column =
  (type: AnalyticsType) =>
  (sql: Expr, doc: string): ViewColumn => ({ type, doc, sql });
export const text = column('text');
export const integer = column('integer');
export const decimal = column('decimal');
export const instant = column('instant');
export const date = column('date');
export const json = column('json');
export const flag = column('flag');

export interface AnalyticsView {
  /** The stable name analysts use (`analytics_deals`); the versioned view is `<name>_v<version>`. */
  readonly name: string;
  readonly version: number;
  readonly rowPer: string;
  /** Columns that identify a row, in the order exports sort by. */
  readonly key: readonly string[];
  readonly columns: Readonly<Record<string, ViewColumn>>;
  /** Everything after the select list: `FROM deals d LEFT JOIN …`, or a dialect's own. */
  readonly from: Expr;
  /** Cast every column, bare references too: they come from derived tables, which carry no declared type. */
  readonly castEveryColumn?: boolean;
  /** Set when a later version replaced it: kept until `removeAfter` (two quarters; README "Versions"). */
  readonly deprecated?: { readonly since: string; readonly removeAfter: string };
}

export const defineView = <const V extends AnalyticsView>(view: V): V => view;

export const versionedName = (v: AnalyticsView) => `${v.name}_v${v.version}`;

/** A bare column reference keeps its table's declared type, so filters on it can use the table's indexes. */
const isBareColumn = (sql: string) => /^(\w+\.)?\w+$/.test(sql);

/** One column of the select list: cast to its analytics type unless a bare column reference on SQLite. */
const selectItem = (name: string, c: ViewColumn, d: Dialect, castEveryColumn: boolean) => {
  const sql = render(c.sql, d);
  const type = analyticsTypes[c.type][d];
  return d === 'sqlite' && !castEveryColumn && isBareColumn(sql)
    ? `${sql} AS ${name}`
    : `CAST(${sql} AS ${type}) AS ${name}`;
};

/** The SELECT a view is made of, in a dialect. */
export const selectOf = (v: AnalyticsView, d: Dialect): string =>
  `SELECT\n  ${Object.entries(v.columns)
    .map(([name, c]) => selectItem(name, c, d, v.castEveryColumn === true))
    .join(',\n  ')}\n${render(v.from, d)}`.trimEnd();
