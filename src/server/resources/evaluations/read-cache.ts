/**
 * @module The read path's caches: an evaluation's stored document, score result and comments as JSON
 * text, keyed by the row's id and its PostgreSQL row version (`xmin`, new on every UPDATE by anyone,
 * in any process) — so a hit is never stale, and a read does no parsing, scoring or big transfer;
 * and on PGlite the head rows, valid until anything is written.
 */

export interface StoredContent {
  /** `xmin` of the evaluations row the texts were read from. */
  rev: string;
  document: string;
  /** `null` text when the row has no result. */
  result: string;
  comments: string;
}

/** Bounded by characters held (two bytes each at most): about 32 MB at the default. */
export class ContentCache {
  private readonly map = new Map<number, StoredContent>();
  private chars = 0;

  constructor(private readonly maxChars = 16_000_000) {}

  get(id: number, rev: string): StoredContent | undefined {
    const c = this.map.get(id);
    if (!c || c.rev !== rev) return undefined;
    // Least recently used goes first: re-insert on a hit.
    this.map.delete(id);
    this.map.set(id, c);
    return c;
  }

  set(id: number, c: StoredContent): void {
    this.drop(id);
    const size = c.document.length + c.result.length + c.comments.length;
    if (size > this.maxChars / 4) return;
    this.map.set(id, c);
    this.chars += size;
    for (const [k] of this.map) {
      if (this.chars <= this.maxChars) break;
      this.drop(k);
    }
  }

  private drop(id: number): void {
    const old = this.map.get(id);
    if (!old) return;
    this.map.delete(id);
    this.chars -= old.document.length + old.result.length + old.comments.length;
  }

  get size(): number {
    return this.map.size;
  }
}

/**
 * PGlite only: head rows as one caller saw them, valid while the database's write count
 * (src/db/pglite-dialect.ts) is the one they were read under — any write anywhere forgets them all.
 */
export class HeadCache<T> {
  private readonly map = new Map<string, T>();
  private writes = -1;

  constructor(private readonly max = 20_000) {}

  get(key: string, writes: number): T | undefined {
    if (writes !== this.writes) return undefined;
    return this.map.get(key);
  }

  /** `writes`: the count taken before the row was read. */
  set(key: string, writes: number, row: T): void {
    if (writes !== this.writes) {
      this.map.clear();
      this.writes = writes;
    }
    if (this.map.size >= this.max) this.map.clear();
    this.map.set(key, row);
  }
}
