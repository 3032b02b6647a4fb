import { once } from 'node:events';
import type { PassThrough } from 'node:stream';

/** Helpers for the files this module writes (export, skipped-rows report). */

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a leading tab or carriage return,
 * which Excel strips before looking) gets a leading single quote, so it opens as text (CSV injection). So
 * does a text that already starts with quotes before such a character, or the import would take its own
 * quote off and change it.
 */
export function neutralize(value: string): string {
  return /^'*[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Undoes `neutralize`, so that an exported file imports again with its phone numbers intact. */
export function unneutralize(value: string): string {
  return /^'+[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

/** "2025-03-01 14:05" in the given time zone: what a spreadsheet user reads, sortable as text. */
export function dateTimeFormatter(timeZone: string): (date: Date | null) => string {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return (date) => {
    if (!date) return '';
    const parts = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
  };
}

/** `attachment` with the name in plain ASCII and in UTF-8 (RFC 6266), for every browser. */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Writes a chunk, then waits while the reader is behind; false once the reader has gone away. */
export async function writeOut(out: PassThrough, chunk: string | Buffer): Promise<boolean> {
  if (out.destroyed) return false;
  if (!out.write(chunk)) await drained(out);
  return !out.destroyed;
}

/** Resolves when the stream can take more, or has been closed (a client that stopped downloading). */
export async function drained(out: PassThrough): Promise<void> {
  if (out.destroyed || !out.writableNeedDrain) return;
  const ac = new AbortController();
  await Promise.race([
    once(out, 'drain', { signal: ac.signal }).catch(() => undefined),
    once(out, 'close', { signal: ac.signal }).catch(() => undefined),
  ]);
  ac.abort();
}
