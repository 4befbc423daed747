import {
  type ColumnDefinitionNode,
  DataTypeNode,
  GeneratedNode,
  type KyselyPlugin,
  type OperationNode,
  type OrderByItemNode,
  RawNode,
  type RootOperationNode,
} from 'kysely';
import { sqlTypeOn, type SqlType, type Tables } from './tables.js';

type AnyNode = OperationNode & Record<string, unknown>;
const isNode = (value: unknown): value is AnyNode =>
  typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string';

/** Rebuilds a node tree bottom-up, letting `visit` replace any node (kysely's nodes are frozen). */
const mapTree = (node: OperationNode, visit: (node: AnyNode) => AnyNode): OperationNode => {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return Object.freeze(value.map(walk));
    if (!isNode(value)) return value;
    const copy: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) copy[key] = walk(child);
    return visit(Object.freeze(copy) as AnyNode);
  };
  return walk(node) as OperationNode;
};

const passResult: KyselyPlugin['transformResult'] = async (args) => args.result;

/**
 * The read API's kysely queries mean on PostgreSQL what they mean on SQLite, where they were written:
 * `like` ignores ASCII case, and NULLs sort first ascending and last descending.
 */
export const sqliteSemantics: KyselyPlugin = {
  transformQuery: ({ node }) =>
    mapTree(node, (n) => {
      if (n.kind === 'OperatorNode' && (n.operator === 'like' || n.operator === 'not like'))
        return Object.freeze({ ...n, operator: n.operator === 'like' ? 'ilike' : 'not ilike' });
      if (n.kind === 'OrderByItemNode') {
        const item = n as unknown as OrderByItemNode;
        if (item.nulls) return n;
        const direction = item.direction && RawNode.is(item.direction) ? item.direction.sqlFragments.join('') : 'asc';
        return Object.freeze({ ...n, nulls: direction.trim().toLowerCase() === 'desc' ? 'last' : 'first' });
      }
      return n;
    }) as RootOperationNode,
  transformResult: passResult,
};

/**
 * Migrations are written once, with SQLite's type names; on PostgreSQL each column becomes the type
 * its declaration maps to (sqlTypeOn: bigint for integers, jsonb for declared JSON, text compared
 * byte-wise), and an autoincrement key an identity column. Tables nobody declared keep the
 * migration's types mapped the same way.
 */
export const postgresColumnTypes = (tables: Tables): KyselyPlugin => {
  const columnType = (table: string | undefined, node: ColumnDefinitionNode): OperationNode => {
    const declared = table ? tables[table]?.columns[node.column.column.name]?.type : undefined;
    const written = DataTypeNode.is(node.dataType) ? node.dataType.dataType : undefined;
    const type = declared ?? (['text', 'integer', 'bigint', 'real'].includes(written ?? '') ? written : undefined);
    return type ? RawNode.createWithSql(sqlTypeOn('postgres', type as SqlType)) : node.dataType;
  };
  const fix = (table: string | undefined, node: ColumnDefinitionNode) =>
    Object.freeze({
      ...node,
      dataType: columnType(table, node),
      ...(node.autoIncrement
        ? { autoIncrement: false, generated: GeneratedNode.create({ identity: true, byDefault: true }) }
        : {}),
    });
  const tableName = (n: AnyNode) => (n.table as { table?: { identifier?: { name?: string } } }).table?.identifier?.name;
  return {
    transformQuery: ({ node }) => {
      if (node.kind === 'CreateTableNode') {
        const table = tableName(node as unknown as AnyNode);
        return Object.freeze({ ...node, columns: Object.freeze(node.columns.map((c) => fix(table, c))) });
      }
      if (node.kind === 'AlterTableNode' && node.columnAlterations) {
        const table = tableName(node as unknown as AnyNode);
        return Object.freeze({
          ...node,
          columnAlterations: Object.freeze(
            node.columnAlterations.map((a) =>
              a.kind === 'AddColumnNode' ? Object.freeze({ ...a, column: fix(table, a.column) }) : a,
            ),
          ),
        });
      }
      return node;
    },
    transformResult: passResult,
  };
};
