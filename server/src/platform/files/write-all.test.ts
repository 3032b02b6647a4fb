import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeAll } from './files';

describe('writing an upload', () => {
  it('reads the rest of the body after the disk fills, then fails with the write error', async () => {
    let produced = 0;
    const body = Readable.from(
      (function* () {
        for (let i = 0; i < 200; i++) {
          produced += 1;
          yield Buffer.alloc(1024, 'x');
        }
      })(),
    );
    let written = 0;
    const full = new Writable({
      write(_chunk, _encoding, done) {
        written += 1;
        done(written > 3 ? Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }) : null);
      },
    });
    await expect(writeAll(body, full)).rejects.toMatchObject({ code: 'ENOSPC' });
    // Every chunk was read, so an HTTP client sending it is answered rather than cut off.
    expect(produced).toBe(200);
    expect(body.readableEnded).toBe(true);
  });

  it('resolves once everything is written', async () => {
    const chunks: Buffer[] = [];
    const out = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    await writeAll(Readable.from([Buffer.from('a'), Buffer.from('b')]), out);
    expect(Buffer.concat(chunks).toString()).toBe('ab');
  });
});
