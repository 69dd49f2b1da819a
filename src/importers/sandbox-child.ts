/** The sandbox process: imports one file's bytes per message and answers with plain data. */
import { builtinFrameworks } from '../load/frameworks.js';
import { importBuffer } from './index.js';
import { errorToPortable, toPortable } from './portable.js';
import type { SandboxReply, SandboxRequest } from './sandbox.js';

process.on('message', (m: SandboxRequest) => {
  void (async () => {
    let reply: SandboxReply;
    try {
      const framework = m.framework ? builtinFrameworks().get(m.framework.id, m.framework.version) : undefined;
      const r = await importBuffer(m.bytes, {
        ...(m.name !== undefined && { name: m.name }),
        ...(framework && { framework }),
      });
      reply = { id: m.id, ok: true, result: toPortable(r) };
    } catch (e) {
      reply = { id: m.id, ok: false, error: errorToPortable(e) };
    }
    process.send?.(reply);
  })();
});
// The caller went away: nothing more to do.
process.on('disconnect', () => process.exit(0));
// Loaded once, before the first file: the caller may wait for this (Sandbox.warm).
builtinFrameworks();
process.send?.({ ready: true });
