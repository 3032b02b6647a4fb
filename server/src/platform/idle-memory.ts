import type { Server } from 'node:http';
import v8 from 'node:v8';

/**
 * Gives memory back once the server has gone quiet. Under load V8 lets garbage pile up until the heap is
 * several times its live size (a server holding 40 MB of live objects idles at 200 MB), and Node never tells
 * V8 that the process is idle, so nothing shrinks it again. Once there has been no request for `idleMs` and
 * the process used under `idleCpu` of a core over the last check (no import or other job at work), if the
 * heap grew by `growthBytes` since the last time, one memory-reducing collection runs (the one a heap
 * snapshot starts with, through the in-process inspector: no port is opened); on an idle process it takes
 * about a tenth of a second. Returns a function that stops it.
 */

const DEFAULTS = { idleMs: 2000, idleCpu: 0.05, checkMs: 1000, growthBytes: 32 * 1024 * 1024 };

export async function reduceMemoryWhenIdle(
  server: Server,
  options: Partial<typeof DEFAULTS> = {},
): Promise<() => void> {
  const { idleMs, idleCpu, checkMs, growthBytes } = { ...DEFAULTS, ...options };
  let inspector: typeof import('node:inspector');
  try {
    inspector = await import('node:inspector');
  } catch {
    // A Node built without the inspector: the heap is left to V8.
    return () => {};
  }
  const session = new inspector.Session();
  session.connect();
  let lastRequestAt = Date.now();
  let collecting = false;
  let settledSize = v8.getHeapStatistics().total_heap_size;
  const onRequest = () => {
    lastRequestAt = Date.now();
  };
  server.on('request', onRequest);
  let cpu = process.cpuUsage();
  const timer = setInterval(() => {
    const used = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    const busy = (used.user + used.system) / 1000 / checkMs >= idleCpu;
    if (collecting || busy || Date.now() - lastRequestAt < idleMs) return;
    if (v8.getHeapStatistics().total_heap_size - settledSize < growthBytes) return;
    collecting = true;
    session.post('HeapProfiler.collectGarbage', () => {
      collecting = false;
      settledSize = v8.getHeapStatistics().total_heap_size;
    });
  }, checkMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    server.off('request', onRequest);
    session.disconnect();
  };
}
