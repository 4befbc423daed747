/**
 * SQL text that the analytics views and the KPI definitions are written in: portable where SQLite and
 * PostgreSQL agree, one rendering per dialect where they do not (the clock, instants, rounding, day
 * arithmetic). Read models keep instants as ISO-8601 UTC text on both, so period arithmetic on that text
 * (`substr`) is portable; on PostgreSQL a comparison with the clock casts the text to `timestamptz`.
 */

export const dialects = ['sqlite', 'postgres'] as const;
export type Dialect = (typeof dialects)[number];

/** SQL the same on both dialects, or one text per dialect. */
export type Expr = string | { readonly sqlite: string; readonly postgres: string };

export const render = (e: Expr, d: Dialect): string => (typeof e === 'string' ? e : e[d]);

/** One text per dialect. */
export const per = (sqlite: string, postgres: string): Expr => ({ sqlite, postgres });

/** Composes expressions: `sql\`ROUND(${x})\`` renders each part in the dialect asked for. */
export const sql = (strings: TemplateStringsArray, ...parts: readonly Expr[]): Expr => {
  const text = (d: Dialect) =>
    strings.reduce((out, s, i) => out + s + (i < parts.length ? render(parts[i], d) : ''), '');
  return parts.every((p) => typeof p === 'string') ? text('sqlite') : per(text('sqlite'), text('postgres'));
};

/** The reader's clock as ISO-8601 UTC text with milliseconds, like every instant the read models store. */
export const nowText = per(
  `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
  `to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
);

/** A stored instant (ISO text) in a comparison with the clock. */
export const instant = (column: string): Expr => per(column, `CAST(${column} AS timestamptz)`);

/**
 * The clock, comparable with `instant(column)`: one instant for the whole query (SQLite evaluates an
 * uncorrelated subquery once; PostgreSQL's now() is the transaction's), not one per row.
 */
export const now = per(`(SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`, 'now()');

/** 1 when the condition holds, else 0: flags are integers on both dialects, so SUM(flag) counts. */
export const flag = (condition: Expr): Expr => sql`CASE WHEN ${condition} THEN 1 ELSE 0 END`;

/** A floating-point division operand. */
export const real = (x: Expr): Expr =>
  per(`CAST(${render(x, 'sqlite')} AS REAL)`, `CAST(${render(x, 'postgres')} AS numeric)`);

/** Rounds to a whole number, halves away from zero (PostgreSQL's round of a double rounds halves to even). */
export const roundWhole = (x: Expr): Expr => per(`ROUND(${render(x, 'sqlite')})`, `ROUND(${render(x, 'postgres')})`);

/** The larger of two values. */
export const greatest = (a: Expr, b: Expr): Expr =>
  per(
    `MAX(${render(a, 'sqlite')}, ${render(b, 'sqlite')})`,
    `GREATEST(${render(a, 'postgres')}, ${render(b, 'postgres')})`,
  );

/** Whole milliseconds from one stored instant to another. */
export const millisBetween = (from: string, to: string): Expr =>
  per(
    `ROUND((julianday(${to}) - julianday(${from})) * 86400000)`,
    `ROUND(EXTRACT(EPOCH FROM (CAST(${to} AS timestamptz) - CAST(${from} AS timestamptz))) * 1000)`,
  );

/** Days (one decimal) from now until a stored instant: negative once it passed, null when it is. */
export const daysFromNow = (column: string): Expr =>
  per(
    `ROUND(julianday(${column}) - (SELECT julianday('now')), 1)`,
    `ROUND(CAST(EXTRACT(EPOCH FROM (CAST(${column} AS timestamptz) - now())) / 86400 AS numeric), 1)`,
  );

/** The period `YYYY-Qn` of an ISO instant or date held as text. */
export const periodOfText = (text: Expr): Expr =>
  sql`substr(${text}, 1, 4) || '-Q' || CAST((CAST(substr(${text}, 6, 2) AS INTEGER) + 2) / 3 AS TEXT)`;

const year = (period: Expr): Expr => sql`CAST(substr(${period}, 1, 4) AS INTEGER)`;

/** The period before `YYYY-Qn`. */
export const previousPeriodOf = (period: Expr): Expr =>
  sql`CASE WHEN substr(${period}, 7, 1) = '1' THEN CAST(${year(period)} - 1 AS TEXT) || '-Q4'
    ELSE substr(${period}, 1, 6) || CAST(CAST(substr(${period}, 7, 1) AS INTEGER) - 1 AS TEXT) END`;

/** The same quarter a year earlier. */
export const yearAgoPeriodOf = (period: Expr): Expr =>
  sql`CAST(${year(period)} - 1 AS TEXT) || substr(${period}, 5, 3)`;

/** The first instant of a period, as ISO text. */
export const periodStartOf = (period: Expr): Expr =>
  sql`substr(${period}, 1, 4)
    || CASE substr(${period}, 7, 1) WHEN '1' THEN '-01' WHEN '2' THEN '-04' WHEN '3' THEN '-07'
    ELSE '-10' END || '-01T00:00:00.000Z'`;

/** The first instant after a period, as ISO text. */
export const periodEndOf = (period: Expr): Expr =>
  sql`CASE substr(${period}, 7, 1) WHEN '1' THEN substr(${period}, 1, 4) || '-04-01T00:00:00.000Z'
    WHEN '2' THEN substr(${period}, 1, 4) || '-07-01T00:00:00.000Z'
    WHEN '3' THEN substr(${period}, 1, 4) || '-10-01T00:00:00.000Z'
    ELSE CAST(${year(period)} + 1 AS TEXT) || '-01-01T00:00:00.000Z' END`;

/** A channel setting's value (JSON text of a number) or its default when never changed. */
export const channelSetting = (key: string, fallback: number): Expr =>
  per(
    `COALESCE((SELECT CAST(s.value AS REAL) FROM channel_settings s WHERE s.key = '${key}'), ${fallback})`,
    `COALESCE((SELECT CAST(CAST(s.value AS text) AS numeric) FROM channel_settings s
      WHERE s.key = '${key}'), ${fallback})`,
  );
