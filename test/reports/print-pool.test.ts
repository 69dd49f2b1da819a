import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PdfBusyError, PdfError, PdfPrintError, PrintPool } from '../../src/reports/print-pool.js';

/**
 * The PDF engine's pool on plain workers (numbered objects that remember being closed): warm workers
 * reused, at most `size` prints at once, the queue bound with a Chinese PdfBusyError past it, a failed
 * print retried once on a fresh worker (the failed one closed), a second failure a PdfPrintError.
 */

interface Worker {
  id: number;
  closed: boolean;
}

function pool(size: number, queue: number) {
  let made = 0;
  const all: Worker[] = [];
  const p = new PrintPool<Worker>({
    size,
    queue,
    what: '测试工位',
    create: async () => {
      const w = { id: ++made, closed: false };
      all.push(w);
      return w;
    },
    destroy: async (w) => {
      w.closed = true;
    },
  });
  return { p, all };
}

/** A promise and the functions that settle it: prints that finish when the test says so. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

test('warm workers are reused; never more than `size` prints at once', async () => {
  const { p, all } = pool(2, 10);
  let running = 0;
  let most = 0;
  const g = gate();
  const prints = Array.from({ length: 6 }, (_, i) =>
    p.run(async (w) => {
      running++;
      most = Math.max(most, running);
      await g.opened;
      running--;
      return `${i}@${w.id}`;
    }),
  );
  await new Promise((r) => setImmediate(r));
  assert.equal(p.queued, 4);
  g.open();
  const done = await Promise.all(prints);
  assert.equal(most, 2);
  assert.equal(all.length, 2, 'two workers made, then reused');
  assert.deepEqual(new Set(done.map((d) => d.split('@')[1])), new Set(['1', '2']));
  assert.deepEqual(p.stats, { printed: 6, retried: 0, failed: 0, refused: 0 });
});

test('the queue bound holds: one print more than size + queue is refused at once, in Chinese', async () => {
  const { p } = pool(1, 2);
  const g = gate();
  const ok = Array.from({ length: 3 }, () => p.run(() => g.opened.then(() => 'ok')));
  await assert.rejects(
    p.run(async () => 'never'),
    (e: unknown) =>
      e instanceof PdfBusyError && e instanceof PdfError && /^PDF 生成繁忙：.*已达上限，请稍后再试$/.test(e.message),
  );
  assert.equal(p.stats.refused, 1);
  g.open();
  assert.deepEqual(await Promise.all(ok), ['ok', 'ok', 'ok'], 'the accepted prints all finish');
  // Room again once the queue drained.
  assert.equal(await p.run(async () => 'again'), 'again');
});

test('a failed print is retried once on a fresh worker, and the failed worker is closed', async () => {
  const { p, all } = pool(1, 1);
  await p.run(async () => 'warm'); // worker 1 kept warm
  const seen: number[] = [];
  const out = await p.run(async (w) => {
    seen.push(w.id);
    if (w.id === 1) throw new Error('Protocol error (Page.printToPDF): Printing failed');
    return 'printed';
  });
  assert.equal(out, 'printed');
  assert.deepEqual(seen, [1, 2], 'the warm worker, then a fresh one');
  assert.equal(all[0]!.closed, true, 'the worker that failed is closed');
  assert.equal(all[1]!.closed, false, 'the fresh worker is kept');
  assert.deepEqual(p.stats, { printed: 2, retried: 1, failed: 0, refused: 0 });
  assert.equal(await p.run(async (w) => w.id), 2, 'and reused');
});

test('a print that fails on the fresh worker too is reported as a PdfPrintError; the pool goes on', async () => {
  const { p, all } = pool(1, 1);
  let tries = 0;
  await assert.rejects(
    p.run(async () => {
      tries++;
      throw new Error('Printing failed');
    }),
    (e: unknown) =>
      e instanceof PdfPrintError &&
      /PDF 生成失败（换用新的测试工位重试后仍失败）：Printing failed/.test(e.message) &&
      (e.cause as Error).message === 'Printing failed',
  );
  assert.equal(tries, 2);
  assert.ok(all.every((w) => w.closed));
  assert.deepEqual(p.stats, { printed: 0, retried: 1, failed: 1, refused: 0 });
  assert.equal(await p.run(async () => 'next'), 'next', 'the next print gets a worker');
});

test('a worker that cannot be made counts as a failed attempt, reported the same way', async () => {
  const p = new PrintPool<number>({
    size: 1,
    queue: 0,
    what: '页面',
    create: () => Promise.reject(new Error('Target page, context or browser has been closed')),
    destroy: async () => undefined,
  });
  await assert.rejects(
    p.run(async () => 1),
    PdfPrintError,
  );
});

test('close refuses what waits and closes idle workers', async () => {
  const { p, all } = pool(1, 5);
  const g = gate();
  const running = p.run(() => g.opened.then(() => 'done'));
  const waiting = p.run(async () => 'never');
  await new Promise((r) => setImmediate(r));
  const closing = p.close();
  await assert.rejects(waiting, (e: unknown) => e instanceof PdfError && /已关闭/.test(e.message));
  g.open();
  assert.equal(await running, 'done', 'a print under way finishes');
  await closing;
  assert.ok(
    all.every((w) => w.closed),
    'its worker closed after it',
  );
  await assert.rejects(
    p.run(async () => 1),
    PdfError,
  );
});
