import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import { ROWS_AS_ARRAYS, RowArrays, selectedColumns } from './row-arrays.js';
import type { Database } from './tables.js';

/**
 * A value a compiled query leaves open: where the builder was handed one, the compiled SQL has a
 * parameter, and each execution binds the caller's value there. It refuses to be read as a value,
 * so a builder that computes with one (a date sum, a branch on it) fails at once instead of
 * compiling a wrong constant into the query.
 */
class Slot {
  constructor(
    readonly name: string,
    readonly index: number | undefined,
  ) {}
  [Symbol.toPrimitive](): never {
    throw new Error(`The query slot "${this.name}" was used as a value while its query was built: compute it before, and pass the result as a value.`);
  }
}

/** The values of one execution; an array value gets one parameter per element (the query is compiled per length). */
type Values = Record<string, unknown>;

/** What the builder sees: the same names and types as the values, each standing for its parameter. */
export type Slots<V extends object> = { readonly [K in keyof V]: V[K] };

interface Compiled {
  sql: CompiledQuery;
  /** Per parameter: the slot it binds, or undefined for a constant the builder wrote itself. */
  slots: (Slot | undefined)[];
  /** For rows read as arrays: the place of each column. */
  at?: Record<string, number>;
}

/**
 * One query of the hot paths, built and compiled by kysely once per database (and shape), then
 * executed with bound values (docs/ARCHITECTURE.md §5 "Compiled queries"). Kysely otherwise builds
 * an immutable tree for each call and compiles it to the same SQL text again, which under load was
 * about a fifth of the server's CPU; the text handed to the driver is byte for byte the same, so
 * SQLite's statement cache and PostgreSQL's named statements find it as before.
 *
 * `build` gets the slots in place of the values; `shape` names a variant of the query's structure
 * (an optional condition present or not) and is part of the key, as are the lengths of array
 * values. The rows keep the builder's own type. A kysely plugin's `transformQuery` sees each
 * compiled query once, at its compilation (the server's store has none; its results still pass
 * every plugin's `transformResult`, by the query's id).
 */
export class CompiledStatement<V extends object, R, S extends string = ''> {
  /** Per database (its adapter: a transaction shares its database's), per shape key. */
  readonly #compiled = new WeakMap<object, Map<string, Compiled>>();

  constructor(
    readonly name: string,
    private readonly build: (db: Kysely<Database>, slots: Slots<V>, shape: S) => Compilable<R>,
  ) {}

  /** Every row the query answers. */
  async rows(db: Kysely<Database>, values: V, shape?: S): Promise<R[]> {
    return (await this.run(db, values, shape)).rows;
  }

  /** The first row, or undefined when there is none. */
  async first(db: Kysely<Database>, values: V, shape?: S): Promise<R | undefined> {
    return (await this.run(db, values, shape)).rows[0];
  }

  /**
   * Every row as an array of its values in select-list order (`db/row-arrays.ts`): a read of many
   * rows whose values are used once, where an object per row is most of what the driver builds.
   */
  async arrays(db: Kysely<Database>, values: V, shape: S = '' as S): Promise<RowArrays<R>> {
    const compiled = this.#compiledFor(db, values, shape, true);
    const { rows } = await this.#execute(db, compiled, values);
    return new RowArrays<R>(rows as unknown as unknown[][], compiled.at as Record<keyof R, number>);
  }

  /** The driver's whole result (affected rows of a write). */
  run(db: Kysely<Database>, values: V, shape: S = '' as S): Promise<QueryResult<R>> {
    return this.#execute(db, this.#compiledFor(db, values, shape, false), values);
  }

  #execute(db: Kysely<Database>, compiled: Compiled, values: V): Promise<QueryResult<R>> {
    const parameters = compiled.slots.map((slot, i) => (slot ? this.#bound(values, slot) : compiled.sql.parameters[i]));
    return db.executeQuery<R>({ query: compiled.sql.query, queryId: compiled.sql.queryId, sql: compiled.sql.sql, parameters });
  }

  #compiledFor(db: Kysely<Database>, values: V, shape: S, arrays: boolean): Compiled {
    const adapter = db.getExecutor().adapter;
    let byShape = this.#compiled.get(adapter);
    if (!byShape) this.#compiled.set(adapter, (byShape = new Map()));
    const key = `${shapeKey(values as Values, shape)}${arrays ? '|arrays' : ''}`;
    let compiled = byShape.get(key);
    if (!compiled) {
      const built = this.build(db, slotsFor(values as Values) as Slots<V>, shape).compile();
      const slots = built.parameters.map((p) => (p instanceof Slot ? p : undefined));
      compiled = arrays
        ? { sql: { ...built, sql: ROWS_AS_ARRAYS + built.sql }, slots, at: Object.fromEntries(selectedColumns(built.query).map((name, i) => [name, i])) }
        : { sql: built, slots };
      byShape.set(key, compiled);
    }
    return compiled;
  }

  #bound(values: V, slot: Slot): unknown {
    const named = (values as Values)[slot.name];
    const value = slot.index === undefined ? named : (named as unknown[])[slot.index];
    if (value === undefined) throw new Error(`The compiled query "${this.name}" was run without a value for "${slot.name}".`);
    return value;
  }
}

function slotsFor(values: Values): Values {
  const slots: Values = {};
  for (const [name, value] of Object.entries(values)) {
    slots[name] = Array.isArray(value) ? value.map((_, i) => new Slot(name, i)) : new Slot(name, undefined);
  }
  return slots;
}

function shapeKey(values: Values, shape: string): string {
  let key = shape;
  for (const name in values) {
    const value = values[name];
    if (Array.isArray(value)) key += `|${name}:${value.length}`;
  }
  return key;
}
