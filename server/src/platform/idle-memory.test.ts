import { createServer } from 'node:http';
import v8 from 'node:v8';
import { afterEach, describe, expect, it } from 'vitest';
import { reduceMemoryWhenIdle } from './idle-memory';

/** The idle collector, with thresholds small enough for a test: it collects only once requests stop. */

const heap = () => v8.getHeapStatistics().total_heap_size;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const MB = 1024 * 1024;

/** Grows the heap by tens of megabytes of objects that are garbage once this returns. */
function makeGarbage(): number {
  let kept: { n: number; s: string }[][] = [];
  for (let i = 0; i < 40; i++) kept.push(Array.from({ length: 20_000 }, (_, n) => ({ n, s: `row ${n}` })));
  const size = kept.length;
  kept = [];
  return size;
}

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

describe('reduceMemoryWhenIdle', () => {
  it('leaves the heap alone while requests keep coming, and shrinks it once they stop', async () => {
    const server = createServer();
    stops.push(await reduceMemoryWhenIdle(server, { idleMs: 300, checkMs: 50, growthBytes: 16 * MB }));
    makeGarbage();
    const grown = heap();

    for (let i = 0; i < 20; i++) {
      server.emit('request');
      await sleep(50);
    }
    expect(heap()).toBeGreaterThan(grown - 16 * MB);

    let shrunk = heap();
    for (let waited = 0; waited < 3000 && shrunk > grown - 16 * MB; waited += 50) {
      await sleep(50);
      shrunk = heap();
    }
    expect(shrunk).toBeLessThan(grown - 16 * MB);
  });
});
