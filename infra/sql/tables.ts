/**
 * Tables declared once, at runtime, so that row types derive from the same declaration a test holds
 * against the migrated database (tests/projections/readModelSchema.test.ts) and the typed statements
 * (tableStatements.ts) take their primary keys from. The migrations stay the history of how the
 * tables came to be; a declaration says what they are now.
 */

/**
 * Declared column types, as the migrations spell them (SQLite keeps the spelling). `json` is JSON text:
 * `text` on SQLite, `jsonb` on PostgreSQL, read and written as its text on both (sqlTypeOn).
 */
export type SqlType = 'text' | 'json' | 'integer' | 'bigint' | 'real';
type ValueOf<S extends SqlType> = S extends 'text' | 'json' ? string : number;

export interface Column<S extends SqlType = SqlType, N extends boolean = boolean, D extends boolean = boolean> {
  readonly type: S;
  readonly nullable: N;
  /** The migration gives it a default: inserts may leave it out. */
  readonly hasDefault: D;
}

export interface ColumnBuilder<S extends SqlType, N extends boolean, D extends boolean> extends Column<S, N, D> {
  readonly orNull: () => ColumnBuilder<S, true, D>;
  readonly withDefault: () => ColumnBuilder<S, N, true>;
}

const column = <S extends SqlType, N extends boolean, D extends boolean>(
  type: S,
  nullable: N,
  hasDefault: D,
): ColumnBuilder<S, N, D> => ({
  type,
  nullable,
  hasDefault,
  orNull: () => column(type, true, hasDefault),
  withDefault: () => column(type, nullable, true),
});

export const text = () => column('text', false, false);
/** JSON text (an array or object the projection stringifies): `jsonb` on PostgreSQL, for analysts' operators. */
export const json = () => column('json', false, false);
export const integer = () => column('integer', false, false);
export const bigint = () => column('bigint', false, false);
export const real = () => column('real', false, false);

export type Columns = Record<string, Column>;

export interface Table<Name extends string = string, C extends Columns = Columns, K extends string = string> {
  readonly name: Name;
  readonly columns: C;
  /** Primary key columns in key order: the conflict target of upserts. */
  readonly primaryKey: readonly K[];
}

export const table = <const Name extends string, C extends Columns, K extends keyof C & string>(
  name: Name,
  columns: C,
  primaryKey: readonly K[],
): Table<Name, C, K> => ({
  name,
  columns,
  primaryKey,
});

/** A registry of tables, keyed by table name. */
export type Tables = { readonly [name: string]: Table };

type ColumnsOf<T extends Table> = T['columns'];
type ValueOfColumn<C> = C extends Column<infer S, infer N> ? (N extends true ? ValueOf<S> | null : ValueOf<S>) : never;

/** A row as stored: every column, null only where the column is nullable. */
export type RowOf<T extends Table> = { [K in keyof ColumnsOf<T>]: ValueOfColumn<ColumnsOf<T>[K]> };

type Optional<C> =
  C extends Column<SqlType, infer N, infer D> ? (N extends true ? true : D extends true ? true : false) : false;
type RequiredKeys<T extends Table> = {
  [K in keyof ColumnsOf<T>]: Optional<ColumnsOf<T>[K]> extends true ? never : K;
}[keyof ColumnsOf<T>];

/** What an insert must give: every column without a default that may not be null; the others may be left out. */
export type InsertOf<T extends Table> = Pick<RowOf<T>, RequiredKeys<T>> & Partial<RowOf<T>>;

/** table name -> row type: the shape kysely's `Kysely<DB>` and the typed statements take. */
export type DatabaseOf<Ts extends Tables> = { [K in keyof Ts]: RowOf<Ts[K]> };

/** The column names of a table whose values are numbers (the ones a statement may add to). */
export type NumericColumn<T extends Table> = {
  [K in keyof ColumnsOf<T>]: ColumnsOf<T>[K] extends Column<'integer' | 'bigint' | 'real'> ? K : never;
}[keyof ColumnsOf<T>] &
  string;

/** Table and column names for SQL text: `t.deals.$` is the table, `t.deals.status` a column; a typo fails tsc. */
export type NamesOf<Ts extends Tables> = {
  readonly [K in keyof Ts]: { readonly $: K } & { readonly [C in keyof ColumnsOf<Ts[K]>]: C };
};

export const namesOf = <Ts extends Tables>(tables: Ts): NamesOf<Ts> =>
  Object.fromEntries(
    Object.entries(tables).map(([name, t]) => [
      name,
      { $: name, ...Object.fromEntries(Object.keys(t.columns).map((c) => [c, c])) },
    ]),
  ) as NamesOf<Ts>;

/** A registry from a list of tables, keyed by their names (each name written once, in its declaration). */
export const tablesOf = <const L extends readonly Table[]>(...list: L): { readonly [T in L[number] as T['name']]: T } =>
  Object.fromEntries(list.map((t) => [t.name, t])) as { readonly [T in L[number] as T['name']]: T };

/**
 * The column type each dialect creates: SQLite keeps the migrations' spelling (`json` is text there);
 * PostgreSQL widens integers to 64 bits and reals to doubles as SQLite stores them, keeps JSON as
 * `jsonb`, and compares text byte by byte (collation "C") so that ordering and ranges match SQLite's.
 */
export const sqlTypeOn = (dialect: 'sqlite' | 'postgres', type: SqlType): string => {
  if (dialect === 'sqlite') return type === 'json' ? 'text' : type;
  return { text: 'text collate "C"', json: 'jsonb', integer: 'bigint', bigint: 'bigint', real: 'double precision' }[
    type
  ];
};
