/**
 * @module A Kysely dialect for PGlite (PostgreSQL compiled to WebAssembly, one embedded backend).
 *
 * PGlite is a single session: a transaction opened by one caller would swallow the statements of
 * every other caller. So the driver hands out its one connection to one caller at a time (a FIFO
 * mutex): a plain query holds it for that query, a transaction from BEGIN to COMMIT/ROLLBACK.
 * Code inside a transaction must use the transaction object, never the outer Kysely instance —
 * that would wait for itself. Everything else is PostgreSQL: same SQL, adapter and compiler as
 * Kysely's PostgresDialect.
 */
import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  createQueryId,
  IdentifierNode,
  type QueryId,
  RawNode,
  type RootOperationNode,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * Counts the statements that may have changed data: every statement through this dialect that is not
 * a plain SELECT (raw SQL, BEGIN and COMMIT included), counted when it has run. PGlite's data
 * directory is open in one process only, so a value read of the data taken while the count was n is
 * still current while the count is n — an exact test that costs no query (the read path's caches).
 */
export class WriteCount {
  value = 0;
}

export class PGliteDialect implements Dialect {
  readonly writes = new WriteCount();

  constructor(private readonly pglite: PGlite) {}

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return new PGliteDriver(this.pglite, this.writes);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}

class Mutex {
  private queue: Array<() => void> = [];
  private locked = false;

  async lock(): Promise<void> {
    if (!this.locked) {
      this.locked = true;
      return;
    }
    await new Promise<void>((resolve) => this.queue.push(resolve));
  }

  unlock(): void {
    const next = this.queue.shift();
    // Hand over on the next turn of the event loop, not as a microtask: PGlite runs on this thread,
    // and a queue of waiters handed over by microtasks would drain without ever letting the server
    // read its sockets, so requests would wait in batches (seconds at 100 connections).
    if (next) setImmediate(next);
    else this.locked = false;
  }
}

class PGliteConnection implements DatabaseConnection {
  constructor(
    private readonly pglite: PGlite,
    private readonly writes: WriteCount,
  ) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    let res;
    try {
      res = await this.pglite.query<R>(compiled.sql, [...compiled.parameters]);
    } finally {
      if (compiled.query.kind !== 'SelectQueryNode') this.writes.value++;
    }
    const command = res.command?.toUpperCase();
    const affected = command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE';
    return {
      rows: res.rows,
      ...(affected && res.affectedRows !== undefined ? { numAffectedRows: BigInt(res.affectedRows) } : {}),
    };
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    // PGlite returns whole result sets; a stream is one chunk.
    yield await this.executeQuery<R>(compiled);
  }
}

class PGliteDriver implements Driver {
  private readonly mutex = new Mutex();
  private readonly connection: PGliteConnection;

  constructor(
    private readonly pglite: PGlite,
    writes: WriteCount,
  ) {
    this.connection = new PGliteConnection(pglite, writes);
  }

  async init(): Promise<void> {
    await this.pglite.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.mutex.lock();
    return this.connection;
  }

  async releaseConnection(): Promise<void> {
    this.mutex.unlock();
  }

  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const parts = ['begin'];
    if (settings.isolationLevel) parts.push(`isolation level ${settings.isolationLevel}`);
    if (settings.accessMode) parts.push(settings.accessMode);
    await conn.executeQuery(CompiledQuery.raw(parts.join(' ')));
  }

  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(conn: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await conn.executeQuery(compile(savepointNode('savepoint', name), queryId()));
  }

  async rollbackToSavepoint(
    conn: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await conn.executeQuery(compile(savepointNode('rollback to', name), queryId()));
  }

  async releaseSavepoint(
    conn: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await conn.executeQuery(compile(savepointNode('release', name), queryId()));
  }

  async destroy(): Promise<void> {
    // The PGlite instance belongs to whoever created it (see openDatabase), which closes it.
  }
}

// Kysely's own savepoint helper is internal; the same raw node (the identifier is sanitised).
function savepointNode(command: string, name: string): RootOperationNode {
  return RawNode.createWithChildren([RawNode.createWithSql(`${command} `), IdentifierNode.create(name)]);
}

function queryId(): QueryId {
  return createQueryId();
}
