/** Untrusted files are parsed in a child process with a hard memory cap and a wall-clock deadline. */
import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Framework } from '../core/framework/model.js';
import type { ImportResult } from './index.js';
import { ImportError, LIMITS, mb, readBoundedFile } from './limits.js';
import { errorFromPortable, fromPortable, type PortableError, type PortableResult } from './portable.js';

/**
 * Why a child process and not a worker thread: a worker's `resourceLimits` bound only the V8 heap,
 * while inflated zip entries and PDF streams live in ArrayBuffers outside it, and a worker cannot be
 * stopped inside a long native call. A child process is measured as a whole (its resident set, read
 * from /proc every 20 ms) and killed with SIGKILL the moment it passes the cap or the deadline; its
 * V8 heap is also capped (--max-old-space-size) so that heap growth fails even between samples.
 * The caller keeps only plain data from it. The bounds inside the importers (zip byte counters, PDF
 * stream caps, spreadsheet dimensions) refuse hostile files long before the cap; the sandbox is what
 * holds when something gets past them.
 *
 * One idle child is kept for the next file (a batch audit does not pay a process start per file);
 * a child that grew past half the cap is not reused.
 */
export interface SandboxOptions {
  /** Memory cap of the parsing process, MB (default 512, env JIXIAO_IMPORT_MEMORY_MB). */
  memoryMb?: number;
  /** Wall-clock deadline per file, ms (default 60 000, env JIXIAO_IMPORT_TIMEOUT_MS). */
  timeoutMs?: number;
}

export interface SandboxRequest {
  id: number;
  bytes: Uint8Array;
  name?: string;
  framework?: { id: string; version: number };
}

export type SandboxReply =
  | { id: number; ok: true; result: PortableResult }
  | { id: number; ok: false; error: PortableError }
  | { ready: true; id?: undefined };

export interface SandboxRun {
  /** Largest resident set of the parsing process seen during the run, MB. */
  peakRssMb: number;
  ms: number;
}

const POLL_MS = 20;

function envNumber(name: string): number | undefined {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : undefined;
}

function rssMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

function childEntry(): string {
  const here = import.meta.url;
  return fileURLToPath(new URL(here.endsWith('.ts') ? './sandbox-child.ts' : './sandbox-child.js', here));
}

export class Sandbox {
  readonly memoryMb: number;
  readonly timeoutMs: number;
  private idle: ChildProcess | undefined;
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private nextId = 1;
  /** Figures of the last run, for tests and logs. */
  last: SandboxRun | undefined;

  constructor(
    opts: SandboxOptions = {},
    private readonly maxChildren = 2,
  ) {
    this.memoryMb = opts.memoryMb ?? envNumber('JIXIAO_IMPORT_MEMORY_MB') ?? LIMITS.sandboxMemoryMb;
    this.timeoutMs = opts.timeoutMs ?? envNumber('JIXIAO_IMPORT_TIMEOUT_MS') ?? LIMITS.sandboxTimeoutMs;
  }

  private spawn(): ChildProcess {
    const keep = process.execArgv.filter(
      (a) => !/^--(max-old-space-size|inspect|test|watch|experimental-test|heapsnapshot)/.test(a),
    );
    const child = fork(childEntry(), [], {
      execArgv: [...keep, `--max-old-space-size=${Math.max(64, Math.floor(this.memoryMb * 0.85))}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let err = '';
    child.stderr?.on('data', (c: Buffer) => {
      err = (err + c.toString('utf8')).slice(-4000);
    });
    (child as ChildProcess & { lastStderr: () => string }).lastStderr = () => err;
    return child;
  }

  private park(child: ChildProcess): void {
    if (this.idle || child.exitCode !== null || child.signalCode !== null) {
      child.kill('SIGKILL');
      return;
    }
    // An idle child must not keep the caller alive (a CLI exits when its work is done).
    child.unref();
    (child.channel as { unref?: () => void } | undefined)?.unref?.();
    (child.stderr as { unref?: () => void } | null)?.unref?.();
    this.idle = child;
    child.once('exit', () => {
      if (this.idle === child) this.idle = undefined;
    });
  }

  /**
   * Starts the child ahead of the first file and waits until it has loaded (a server after start,
   * a batch before its first file): the first file then does not pay the process start.
   */
  async warm(): Promise<void> {
    if (this.idle || this.running) return;
    const child = this.spawn();
    await new Promise<void>((resolve) => {
      const done = () => {
        child.off('message', onMsg);
        resolve();
      };
      const onMsg = (m: SandboxReply) => {
        if ('ready' in m) done();
      };
      child.on('message', onMsg);
      child.once('exit', done);
    });
    this.park(child);
  }

  /** Stops the idle child (tests; a server shutting down). */
  close(): void {
    this.idle?.kill('SIGKILL');
    this.idle = undefined;
  }

  async run(req: Omit<SandboxRequest, 'id'>, given?: Framework): Promise<ImportResult> {
    if (this.running >= this.maxChildren) await new Promise<void>((r) => this.waiting.push(r));
    this.running++;
    try {
      return await this.runOnce(req, given);
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  private runOnce(req: Omit<SandboxRequest, 'id'>, given?: Framework): Promise<ImportResult> {
    const child = this.idle ?? this.spawn();
    this.idle = undefined;
    child.ref();
    (child.channel as { ref?: () => void } | undefined)?.ref?.();
    (child.stderr as { ref?: () => void } | null)?.ref?.();
    const id = this.nextId++;
    const started = Date.now();
    let peak = 0;
    const name = req.name;
    return new Promise<ImportResult>((resolve, reject) => {
      let settled = false;
      const finish = (fn: () => void, reuse: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        clearInterval(poll);
        child.off('message', onMessage);
        child.off('exit', onExit);
        this.last = { peakRssMb: Math.round(peak), ms: Date.now() - started };
        if (reuse) this.park(child);
        else child.kill('SIGKILL');
        fn();
      };
      const onMessage = (m: SandboxReply) => {
        if ('ready' in m || m.id !== id) return;
        const now = rssMb(child.pid) ?? 0;
        peak = Math.max(peak, now);
        const reuse = now < this.memoryMb / 2;
        if (m.ok) {
          try {
            const r = fromPortable(m.result, given);
            finish(() => resolve(r), reuse);
          } catch (e) {
            finish(() => reject(e), reuse);
          }
        } else finish(() => reject(errorFromPortable(m.error)), reuse);
      };
      const onExit = (code: number | null, signal: string | null) => {
        const err = (child as ChildProcess & { lastStderr?: () => string }).lastStderr?.() ?? '';
        const oom = /heap out of memory|Allocation failed|ERR_MEMORY|RangeError: Array buffer allocation/i.test(err);
        finish(
          () =>
            reject(
              oom
                ? new ImportError(
                    'memory',
                    `解析时内存超过上限（${this.memoryMb} MB），已停止；文件可能是恶意构造的或过于复杂`,
                    name,
                  )
                : new ImportError('unreadable', `解析进程意外退出（${signal ?? `代码 ${code}`}），文件无法读取`, name),
            ),
          false,
        );
      };
      const deadline = setTimeout(
        () =>
          finish(
            () =>
              reject(
                new ImportError(
                  'timeout',
                  `解析超过时限（${Math.round(this.timeoutMs / 100) / 10}秒），已停止；文件可能是恶意构造的或过于复杂`,
                  name,
                ),
              ),
            false,
          ),
        this.timeoutMs,
      );
      const poll = setInterval(() => {
        const now = rssMb(child.pid);
        if (now === undefined) return;
        peak = Math.max(peak, now);
        if (now > this.memoryMb)
          finish(
            () =>
              reject(
                new ImportError(
                  'memory',
                  `解析时内存超过上限（${this.memoryMb} MB），已停止；文件可能是恶意构造的或过于复杂`,
                  name,
                ),
              ),
            false,
          );
      }, POLL_MS);
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send({ id, ...req } satisfies SandboxRequest, (e) => {
        if (e) finish(() => reject(new ImportError('unreadable', `无法启动解析进程：${e.message}`, name)), false);
      });
    });
  }
}

let shared: Sandbox | undefined;
/** The process-wide sandbox (options from the environment). */
export function defaultSandbox(): Sandbox {
  shared ??= new Sandbox();
  return shared;
}

export interface IsolatedImportOptions {
  /** A built-in framework to use instead of recognising one. */
  framework?: Framework;
  name?: string;
  sandbox?: Sandbox;
}

/** Imports a file's bytes in the sandbox. */
export async function importBufferIsolated(bytes: Uint8Array, opts: IsolatedImportOptions = {}): Promise<ImportResult> {
  if (bytes.length > LIMITS.maxFileBytes)
    throw new ImportError('too-large', `文件过大（${mb(bytes.length)}，上限${mb(LIMITS.maxFileBytes)}）`, opts.name);
  if (bytes.length === 0) throw new ImportError('empty', '文件为空', opts.name);
  const sb = opts.sandbox ?? defaultSandbox();
  return sb.run(
    {
      bytes,
      ...(opts.name !== undefined && { name: opts.name }),
      ...(opts.framework && { framework: { id: opts.framework.id, version: opts.framework.version } }),
    },
    opts.framework,
  );
}

/** Imports a file in the sandbox: its size is checked before it is read. */
export async function importFileIsolated(file: string, opts: IsolatedImportOptions = {}): Promise<ImportResult> {
  return importBufferIsolated(await readBoundedFile(file), {
    ...opts,
    name: opts.name ?? file,
  });
}
