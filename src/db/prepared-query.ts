import { type Compilable, type CompiledQuery, NoResultError, type QueryNode, type QueryResult } from 'kysely';
import type { Db } from './connection.js';

const PARAMETER = Symbol('prepared query parameter');

interface Placeholder {
  readonly [PARAMETER]: string;
}

function isPlaceholder(value: unknown): value is Placeholder {
  return typeof value === 'object' && value !== null && PARAMETER in value;
}

/** Where each compiled parameter comes from: a named parameter, or a constant of the query itself. */
type Slot = { name: string } | { value: unknown };

interface Compiled {
  query: CompiledQuery;
  slots: Slot[];
}

export interface PreparedQuery<Params, Row> {
  execute(db: Db, params: Params): Promise<Row[]>;
  executeTakeFirst(db: Db, params: Params): Promise<Row | undefined>;
  executeTakeFirstOrThrow(db: Db, params: Params): Promise<Row>;
  /** Rows an insert, update or delete changed. */
  run(db: Db, params: Params): Promise<QueryResult<Row>>;
}

/**
 * A query built and compiled once per dialect, then run with new parameters: for the statements
 * every `/check` and autocomplete keystroke runs. Kysely builds an immutable tree and compiles it
 * to SQL on each call, which cost about as much CPU as SQLite spent executing these statements.
 *
 * `build` receives stand-ins for the parameters and must use them only as values (no branching
 * on them, no `in` lists of them): the SQL is fixed at the first call. No published package does
 * this for Kysely 0.28 (kysely-params stopped at 0.24).
 */
export function preparedQuery<Params extends Record<string, unknown>, Row>(
  build: (db: Db, params: Params) => Compilable<Row>,
): PreparedQuery<Params, Row> {
  // Per dialect, by its adapter's class: SQLite and PostgreSQL compile to different SQL.
  const byDialect = new Map<unknown, Compiled>();

  function compiledFor(db: Db): Compiled {
    const dialect = db.getExecutor().adapter.constructor;
    let compiled = byDialect.get(dialect);
    if (!compiled) {
      const used = new Set<string>();
      const standIns = new Proxy({} as Params, {
        get: (_target, name) => {
          used.add(String(name));
          return { [PARAMETER]: String(name) } satisfies Placeholder;
        },
      });
      const query = build(db, standIns).compile();
      const slots = query.parameters.map(
        (value): Slot => (isPlaceholder(value) ? { name: value[PARAMETER] } : { value }),
      );
      // A parameter Kysely wrote into the SQL (`sql.lit`, an identifier) would run as the stand-in.
      for (const name of used) {
        if (!slots.some((slot) => 'name' in slot && slot.name === name)) {
          throw new Error(`preparedQuery: "${name}" must be a bound parameter of the query`);
        }
      }
      compiled = { query, slots };
      byDialect.set(dialect, compiled);
    }
    return compiled;
  }

  async function run(db: Db, params: Params): Promise<QueryResult<Row>> {
    const { query, slots } = compiledFor(db);
    // An optional parameter left out is bound as null: the statement's columns are fixed.
    const parameters = slots.map((slot) => ('name' in slot ? (params[slot.name] ?? null) : slot.value));
    return db.executeQuery<Row>({ ...query, parameters });
  }

  return {
    run,
    async execute(db, params) {
      return (await run(db, params)).rows;
    },
    async executeTakeFirst(db, params) {
      return (await run(db, params)).rows[0];
    },
    async executeTakeFirstOrThrow(db, params) {
      const [row] = (await run(db, params)).rows;
      if (row === undefined) throw new NoResultError(compiledFor(db).query.query as QueryNode);
      return row;
    },
  };
}
