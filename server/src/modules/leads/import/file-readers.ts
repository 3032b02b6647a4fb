import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import type { FileStore } from '../../../platform/files/files';
import { xlsxRows } from './xlsx-reader';

/**
 * Reading import files as a stream of rows (cells as text), never the whole file at once: CSV through
 * csv-parse after decoding (UTF-8 with or without BOM, UTF-16 with BOM, or GB18030 — what Chinese Excel
 * saves CSVs in), XLSX through xlsx-reader (first worksheet), which needs the file on local disk.
 */

export type ReadOptions = { format: 'csv'; encoding: CsvEncoding; delimiter: string } | { format: 'xlsx' };

export const CSV_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'gb18030'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

/** Filled in while reading: raw file bytes consumed, and the sheet's row count when the file states it. */
export type ReadProgress = { bytes: number; lastRow: number | null };

/** Bytes looked at to detect the encoding and the delimiter. */
export const SNIFF_BYTES = 64 * 1024;
/** A record larger than this means an unclosed quote: failing beats buffering the rest of the file. */
const MAX_RECORD_BYTES = 1024 * 1024;
const DELIMITERS = [',', '\t', ';'] as const;

/** The first `limit` bytes of a stream (fewer if it is shorter); the stream is closed afterwards. */
export async function readHead(stream: Readable, limit = SNIFF_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      chunks.push(buf);
      size += buf.length;
      if (size >= limit) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, limit);
}

export function detectEncoding(head: Buffer, complete: boolean): CsvEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  // Cut at the last line end so that a multi-byte character split by the sample does not count as invalid.
  const end = complete ? head.length : head.lastIndexOf(0x0a) + 1;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end > 0 ? end : head.length));
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/**
 * The delimiter that splits the first lines into the most columns, the same number on each line (a
 * header of one column is read as comma-separated).
 */
export function detectDelimiter(text: string, complete: boolean): string {
  const end = complete ? text.length : text.lastIndexOf('\n') + 1;
  const sample = text.slice(0, end > 0 ? end : text.length);
  let best: { delimiter: string; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of DELIMITERS) {
    let records: string[][];
    try {
      records = parseSync(sample, {
        delimiter,
        to_line: 20,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: true,
        bom: true,
      });
    } catch {
      continue;
    }
    const width = records[0]?.length ?? 0;
    if (width < 2) continue;
    const steady = records.filter((r) => r.length === width).length;
    const score = width * steady;
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

export function detectCsv(head: Buffer, complete: boolean): { encoding: CsvEncoding; delimiter: string } {
  const encoding = detectEncoding(head, complete);
  const text = new TextDecoder(encoding).decode(head);
  return { encoding, delimiter: detectDelimiter(text, complete) };
}

/**
 * CSV records, pulled as the consumer asks for them. csv-parse hands each record to `on_record` while it
 * parses a chunk, and they are kept here rather than in the stream: a stream that fails (an unclosed quote
 * at the end of the file) drops what it buffered, while these records are all yielded before the error.
 */
async function* csvRecords(
  stream: Readable,
  options: { encoding: CsvEncoding; delimiter: string },
  progress: ReadProgress,
): AsyncGenerator<string[]> {
  const queue: string[][] = [];
  let failure: Error | null = null;
  const parser = parse({
    delimiter: options.delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_BYTES,
    on_record: (record: string[]) => {
      queue.push(record);
      return null;
    },
  });
  parser.on('error', (error: Error) => {
    failure = error;
  });
  parser.resume();
  const done = finished(parser).catch(() => {});
  // TextDecoder drops the byte-order mark and keeps a character split across chunks for the next one.
  const text = new TextDecoder(options.encoding);
  try {
    for await (const chunk of stream) {
      const bytes = chunk as Buffer;
      progress.bytes += bytes.length;
      const decoded = text.decode(bytes, { stream: true });
      if (decoded) parser.write(decoded);
      yield* queue.splice(0);
      if (failure) throw failure;
    }
    const rest = text.decode();
    if (rest) parser.write(rest);
    parser.end();
    await done;
    yield* queue.splice(0);
    if (failure) throw failure;
  } finally {
    stream.destroy();
    parser.destroy();
  }
}

const blank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

/** Rows of a stored file with blank ones left out; the first is the header row. */
export async function* readRows(
  store: FileStore,
  storageKey: string,
  options: ReadOptions,
  progress: ReadProgress = { bytes: 0, lastRow: null },
): AsyncGenerator<string[]> {
  if (options.format === 'csv') {
    for await (const cells of csvRecords(await store.open(storageKey), options, progress)) {
      if (!blank(cells)) yield cells;
    }
    return;
  }
  const local = await store.local(storageKey);
  try {
    for await (const cells of xlsxRows(local.path, progress)) {
      if (!blank(cells)) yield cells;
    }
  } finally {
    await local.release();
  }
}
