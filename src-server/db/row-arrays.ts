import { ColumnNode, IdentifierNode, type RootOperationNode } from 'kysely';

/**
 * What marks a query whose rows the driver hands back as arrays, each value at its column's place
 * in the select list, instead of one object per row (`statement-cache.ts` on SQLite,
 * `named-statements.ts` on PostgreSQL). A comment, so the stores ignore it, and part of the text,
 * so the statement prepared for it is its own. On a 200-row page with a score of columns, the
 * objects were a third of SQLite's read and most of what it left for the collector.
 */
export const ROWS_AS_ARRAYS = '/* rows as arrays */ ';

export function asksForArrays(text: string): boolean {
  return text.startsWith(ROWS_AS_ARRAYS);
}

/** The rows of a query read as arrays, with the place of each of its columns. */
export class RowArrays<R> {
  constructor(
    readonly rows: readonly (readonly unknown[])[],
    private readonly at: Readonly<Record<keyof R, number>>,
  ) {}

  /** The value of column `key` in `row`, as the query's type says it is. */
  read<K extends keyof R>(row: readonly unknown[], key: K): R[K] {
    return row[this.at[key]] as R[K];
  }
}

/** Each selected column's name, in select-list order: the places of a row read as an array. */
export function selectedColumns(query: RootOperationNode): string[] {
  if (query.kind !== 'SelectQueryNode') throw new Error('Only a select has rows to read as arrays.');
  return (query.selections ?? []).map(({ selection }) => {
    if (selection.kind === 'AliasNode' && IdentifierNode.is(selection.alias)) return selection.alias.name;
    if (selection.kind === 'ReferenceNode' && ColumnNode.is(selection.column)) return selection.column.column.name;
    throw new Error('A query read as arrays names each of its columns (no select *).');
  });
}
