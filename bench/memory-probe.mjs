// Loaded into the measured server by bench/server-memory.ts (node --import): where its memory is. On SIGUSR2 it
// writes to $JIXIAO_MEMORY_PROBE one line of JSON — the resident set, V8's heap (total and used), memory outside
// the heap (external, of which WebAssembly memories), each before and after a full collection when --expose-gc.
import { appendFileSync, readFileSync } from 'node:fs';

const memories = [];
const keep = (m) => memories.push(new WeakRef(m)); // weak: the probe must not keep a dead instance's memory alive
const Memory = WebAssembly.Memory;
WebAssembly.Memory = function (descriptor) {
  const m = new Memory(descriptor);
  keep(m);
  return m;
};
WebAssembly.Memory.prototype = Memory.prototype;
const instantiate = WebAssembly.instantiate;
WebAssembly.instantiate = async function (...args) {
  const r = await instantiate.apply(this, args);
  for (const v of Object.values((r.instance ?? r).exports ?? {})) if (v instanceof Memory) keep(v);
  return r;
};

const MiB = (n) => Math.round((n / 1048576) * 10) / 10;
const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
const snapshot = () => {
  const u = process.memoryUsage();
  const wasm = memories.map((w) => w.deref()?.buffer.byteLength ?? 0).reduce((a, b) => a + b, 0);
  return {
    rss: Math.round(rss() * 10) / 10,
    heapTotal: MiB(u.heapTotal),
    heapUsed: MiB(u.heapUsed),
    external: MiB(u.external),
    wasm: MiB(wasm),
  };
};
process.on('SIGUSR2', () => {
  const before = snapshot();
  globalThis.gc?.();
  const after = snapshot();
  appendFileSync(process.env.JIXIAO_MEMORY_PROBE, JSON.stringify({ before, after }) + '\n');
});
