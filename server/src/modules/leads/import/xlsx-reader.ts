import { closeSync, openSync, readSync } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl from 'yauzl';
import { cellText } from './value-parsers';

/**
 * The first worksheet of an XLSX file as rows of cell text, in memory that does not grow with the file.
 * The zip is read by random access (its entries in any order), so the shared strings are read first even
 * when Excel stored them after the sheet. They go to a temporary file with a sparse index of their offsets;
 * the sheet then streams through a SAX parser, each cell looked up in that file through a small block cache
 * (strings are numbered in order of first use, so a sheet reads them mostly in order).
 */

/** Entries, sizes and ratios past which an archive is refused as a zip bomb rather than inflated. */
export const ZIP_LIMITS = {
  entries: 10_000,
  /** Inflated bytes per compressed byte; XML sheets reach 20–60, a bomb ~1,000. */
  ratio: 200,
  /** Entries smaller than this are not held to the ratio (a short, repetitive XML part compresses well). */
  ratioFloor: 1024 * 1024,
  entryBytes: 4 * 1024 ** 3,
  totalBytes: 8 * 1024 ** 3,
};

/** An archive refused by ZIP_LIMITS: stated sizes at open, counted ones while inflating. */
export class ZipBombError extends Error {}

type Progress = { bytes: number; lastRow: number | null };

const BLOCK = 64 * 1024;
const CACHED_BLOCKS = 64;
const FLUSH_BYTES = 1024 * 1024;
/** Characters of XML without a tag in between (a cell holds at most 32,767). */
const MAX_UNBROKEN_CHARS = 4 * 1024 * 1024;
/** Characters in one row or one shared string: as for a CSV record, more means a broken or hostile file. */
const MAX_ROW_CHARS = 1024 * 1024;
/** Cell formats kept (Excel allows about 64,000); a style past them reads as not a date. */
const MAX_STYLES = 65_536;
/**
 * Characters that shared strings may add to the sheet: a floor, then so many per character of sheet XML.
 * A few bytes of `<c t="s"><v>0</v></c>` can name a string of a million characters; without a budget a
 * small file would fill memory with copies of it.
 */
const SHARED_FLOOR_CHARS = 32 * 1024 * 1024;
const SHARED_PER_XML_CHAR = 200;
/** Shared strings per kept offset. */
const STRIDE = 32;
/** Built-in number formats that show a date (ECMA-376 §18.8.30, with the East Asian ones). */
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** A custom number format shows a date when, outside quotes and brackets, it has a date or time letter. */
export function isDateFormat(code: string): boolean {
  return /[ymdhsb]/i.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

function checkStated(zip: yauzl.ZipFile, entries: readonly yauzl.Entry[]): void {
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    if (
      entry.uncompressedSize > ZIP_LIMITS.entryBytes ||
      total > ZIP_LIMITS.totalBytes ||
      (entry.uncompressedSize > ZIP_LIMITS.ratioFloor &&
        entry.uncompressedSize > ZIP_LIMITS.ratio * Math.max(entry.compressedSize, 1))
    ) {
      throw new ZipBombError(`${entry.fileName} inflates to ${entry.uncompressedSize} bytes`);
    }
  }
  if (zip.entryCount > ZIP_LIMITS.entries) throw new ZipBombError(`${zip.entryCount} entries`);
}

async function openZip(file: string): Promise<{ zip: yauzl.ZipFile; entries: Map<string, yauzl.Entry> }> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, strictFileNames: false });
  try {
    if (zip.entryCount > ZIP_LIMITS.entries) throw new ZipBombError(`${zip.entryCount} entries`);
    const list: yauzl.Entry[] = [];
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        list.push(entry);
        zip.readEntry();
      });
      zip.once('end', resolve);
      zip.once('error', reject);
      zip.readEntry();
    });
    checkStated(zip, list);
    return { zip, entries: new Map(list.map((e) => [e.fileName.replace(/^\/+/, ''), e])) };
  } catch (error) {
    zip.close();
    throw error;
  }
}

/**
 * An entry's inflated bytes. Stated sizes may lie: the bytes are counted as they come, and more than the
 * entry stated (which the open already held to the limits) stops the read.
 */
async function entryStream(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  onCompressed?: (bytes: number) => void,
): Promise<Readable> {
  if (entry.isEncrypted()) throw new Error(`${entry.fileName} is encrypted`);
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    throw new Error(`${entry.fileName}: unsupported compression ${entry.compressionMethod}`);
  }
  const raw = await zip.openReadStreamPromise(entry, { decompress: false });
  if (onCompressed) raw.on('data', (chunk: Buffer) => onCompressed(chunk.length));
  let inflated = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      inflated += chunk.length;
      if (inflated > entry.uncompressedSize) {
        done(new ZipBombError(`${entry.fileName} inflates past its stated ${entry.uncompressedSize} bytes`));
      } else done(null, chunk);
    },
    flush(done) {
      done(inflated === entry.uncompressedSize ? null : new Error(`${entry.fileName} is truncated`));
    },
  });
  const source = entry.compressionMethod === 8 ? raw.pipe(createInflateRaw()) : raw;
  const fail = (error: Error) => limit.destroy(error);
  raw.on('error', fail);
  source.on('error', fail);
  limit.on('close', () => {
    raw.destroy();
    source.destroy();
  });
  return source.pipe(limit);
}

type Handlers = {
  open?: (tag: SaxesTagPlain) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
  /** Characters of XML about to be parsed. */
  chunk?: (chars: number) => void;
};

/**
 * Feeds an XML entry through a SAX parser, yielding after every chunk's events (the rows they completed
 * are handed on there, so no more than one chunk's worth is ever held). The parser keeps a text, tag or
 * attribute whole until it ends, so a run of characters without any tag past MAX_UNBROKEN_CHARS stops
 * the read: a gigabyte of one cell must not become a gigabyte string.
 */
async function* parseEntry(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  handlers: Handlers,
  onCompressed?: (bytes: number) => void,
): AsyncGenerator<void> {
  const parser = new SaxesParser({ xmlns: false });
  let failure: Error | null = null;
  let sawTag = false;
  let unbroken = 0;
  parser.on('error', (error) => {
    failure ??= error;
  });
  const { open: onOpen, close: onClose, text: onText } = handlers;
  parser.on('opentag', (tag) => {
    sawTag = true;
    onOpen?.(tag as SaxesTagPlain);
  });
  parser.on('closetag', (tag) => {
    sawTag = true;
    onClose?.(localName(tag.name));
  });
  if (onText) {
    parser.on('text', onText);
    parser.on('cdata', onText);
  }
  const stream = await entryStream(zip, entry, onCompressed);
  const text = new TextDecoder('utf-8');
  try {
    for await (const chunk of stream) {
      const decoded = text.decode(chunk as Buffer, { stream: true });
      handlers.chunk?.(decoded.length);
      parser.write(decoded);
      if (failure) throw failure;
      unbroken = sawTag ? 0 : unbroken + decoded.length;
      sawTag = false;
      if (unbroken > MAX_UNBROKEN_CHARS)
        throw new Error(`${entry.fileName} has a text or tag that is too long`);
      yield;
    }
    parser.write(text.decode());
    parser.close();
    if (failure) throw failure;
    yield;
  } finally {
    stream.destroy();
  }
}

async function drain(parse: AsyncGenerator<void>): Promise<void> {
  for await (const _ of parse) {
    // Each step has already been handled by the parser's handlers.
  }
}

/** Where the workbook keeps its parts: the first sheet, the shared strings and the styles. */
async function workbookParts(
  zip: yauzl.ZipFile,
  entries: Map<string, yauzl.Entry>,
): Promise<{ sheet: string | null; strings: string | null; styles: string | null; date1904: boolean }> {
  const book = entries.get('xl/workbook.xml');
  const rels = entries.get('xl/_rels/workbook.xml.rels');
  if (!book) throw new Error('no xl/workbook.xml');
  // Filled in by the parser's handlers.
  const found: { rel: string | null; date1904: boolean } = { rel: null, date1904: false };
  await drain(
    parseEntry(zip, book, {
      open(tag) {
        const name = localName(tag.name);
        if (name === 'workbookPr') found.date1904 = ['1', 'true'].includes(tag.attributes.date1904 ?? '');
        if (name === 'sheet' && found.rel === null) {
          const id = Object.entries(tag.attributes).find(([k]) => k.endsWith(':id'));
          found.rel = id?.[1] ?? null;
        }
      },
    }),
  );
  const targets = new Map<string, { type: string; target: string }>();
  if (rels) {
    await drain(
      parseEntry(zip, rels, {
        open(tag) {
          if (localName(tag.name) !== 'Relationship') return;
          const { Id: id, Type: type, Target: target } = tag.attributes;
          if (!id || !target || targets.size >= ZIP_LIMITS.entries) return;
          // Targets are relative to xl/, or absolute from the package root.
          const resolved = target.startsWith('/') ? target.slice(1) : path.posix.normalize(`xl/${target}`);
          targets.set(id, { type: type ?? '', target: resolved });
        },
      }),
    );
  }
  const byType = (suffix: string) =>
    [...targets.values()].find((t) => t.type.endsWith(suffix))?.target ?? null;
  const sheetTarget = found.rel === null ? null : (targets.get(found.rel)?.target ?? null);
  return {
    sheet: sheetTarget ?? (entries.has('xl/worksheets/sheet1.xml') ? 'xl/worksheets/sheet1.xml' : null),
    strings: byType('/sharedStrings') ?? 'xl/sharedStrings.xml',
    styles: byType('/styles') ?? 'xl/styles.xml',
    date1904: found.date1904,
  };
}

/** For each cell style (`s` attribute), whether its number format shows a date. */
async function dateStyles(zip: yauzl.ZipFile, entry: yauzl.Entry | undefined): Promise<boolean[]> {
  if (!entry) return [];
  const custom = new Map<number, boolean>();
  const styles: boolean[] = [];
  let inCellXfs = false;
  await drain(
    parseEntry(zip, entry, {
      open(tag) {
        const name = localName(tag.name);
        if (name === 'numFmt' && custom.size < MAX_STYLES) {
          custom.set(Number(tag.attributes.numFmtId), isDateFormat(tag.attributes.formatCode ?? ''));
        } else if (name === 'cellXfs') inCellXfs = !tag.isSelfClosing;
        else if (name === 'xf' && inCellXfs && styles.length < MAX_STYLES) {
          const id = Number(tag.attributes.numFmtId ?? 0);
          styles.push(custom.get(id) ?? DATE_FORMAT_IDS.has(id));
        }
      },
      close(name) {
        if (name === 'cellXfs') inCellXfs = false;
      },
    }),
  );
  return styles;
}

/**
 * The shared strings, spooled to a file (each as a 4-byte length and its UTF-8 bytes) and read back by
 * index through a bounded block cache. Only every 32nd string's offset is kept (a quarter byte a string);
 * a lookup walks from there, or from where the last lookup ended, which for a sheet that uses its strings
 * in order is the very next one.
 */
class SharedStrings {
  private checkpoints = new Float64Array(1024);
  private count = 0;
  private fd: number | null = null;
  private readonly blocks = new Map<number, Buffer>();
  private next = { index: 0, pos: 0 };
  private last: { n: number; block: Buffer } | null = null;
  private scratch = Buffer.alloc(0);

  private constructor(private readonly file: string) {}

  static async spool(zip: yauzl.ZipFile, entry: yauzl.Entry | undefined, dir: string) {
    const strings = new SharedStrings(path.join(dir, 'strings'));
    const out = await open(strings.file, 'wx');
    try {
      let size = 0;
      // One staging buffer, written out between chunks: no small buffer of garbage per string.
      let stage = Buffer.allocUnsafeSlow(2 * FLUSH_BYTES);
      let used = 0;
      // Saxes reports a self-closing tag as opened and then closed, so counts and flags pair up.
      let current: string[] | null = null;
      let depthPhonetic = 0;
      let inText = false;
      let chars = 0;
      const add = (text: string) => {
        const bytes = Buffer.byteLength(text, 'utf8');
        if (used + 4 + bytes > stage.length) {
          const grown = Buffer.allocUnsafeSlow(Math.max(stage.length * 2, used + 4 + bytes));
          stage.copy(grown, 0, 0, used);
          stage = grown;
        }
        stage.writeUInt32LE(bytes, used);
        stage.write(text, used + 4, bytes, 'utf8');
        if (strings.count % STRIDE === 0) strings.checkpoint(size);
        strings.count++;
        size += 4 + bytes;
        used += 4 + bytes;
      };
      if (entry) {
        for await (const _ of parseEntry(zip, entry, {
          open(tag) {
            const name = localName(tag.name);
            if (name === 'si') {
              current = [];
              chars = 0;
            }
            // Phonetic guides (furigana) are not part of the text.
            else if (name === 'rPh') depthPhonetic++;
            else if (name === 't') inText = true;
          },
          close(name) {
            if (name === 't') inText = false;
            else if (name === 'rPh') depthPhonetic--;
            else if (name === 'si' && current) {
              add(current.join(''));
              current = null;
            }
          },
          text(text) {
            if (!(inText && depthPhonetic === 0 && current)) return;
            chars += text.length;
            if (chars > MAX_ROW_CHARS) throw new Error(`shared string ${strings.count} is too long`);
            current.push(text);
          },
        })) {
          if (used >= FLUSH_BYTES) {
            await out.write(stage, 0, used);
            used = 0;
          }
        }
      }
      await out.write(stage, 0, used);
    } finally {
      await out.close();
    }
    strings.fd = openSync(strings.file, 'r');
    return strings;
  }

  private checkpoint(offset: number) {
    const slot = this.count / STRIDE;
    if (slot === this.checkpoints.length) {
      const grown = new Float64Array(this.checkpoints.length * 2);
      grown.set(this.checkpoints);
      this.checkpoints = grown;
    }
    this.checkpoints[slot] = offset;
  }

  get(index: number): string {
    if (!(index >= 0 && index < this.count)) return '';
    const from = index - (index % STRIDE);
    let i = from;
    let pos = this.checkpoints[from / STRIDE] ?? 0;
    if (this.next.index <= index && this.next.index > from) {
      i = this.next.index;
      pos = this.next.pos;
    }
    for (;;) {
      const length = this.uint32(pos);
      if (i === index) {
        this.next = { index: i + 1, pos: pos + 4 + length };
        return this.text(pos + 4, length);
      }
      pos += 4 + length;
      i++;
    }
  }

  private uint32(pos: number): number {
    const n = Math.floor(pos / BLOCK);
    const at = pos - n * BLOCK;
    const block = this.block(n);
    if (at + 4 <= block.length) return block.readUInt32LE(at);
    let value = 0;
    for (let k = 3; k >= 0; k--) {
      const p = pos + k;
      value = value * 256 + (this.block(Math.floor(p / BLOCK))[p % BLOCK] ?? 0);
    }
    return value;
  }

  private text(start: number, length: number): string {
    if (length === 0) return '';
    const first = Math.floor(start / BLOCK);
    if (first !== Math.floor((start + length - 1) / BLOCK)) {
      // Read into one reused buffer: a sheet of long texts must not leave a buffer of garbage per cell.
      if (this.scratch.length < length) this.scratch = Buffer.allocUnsafeSlow(length);
      readSync(this.fd ?? -1, this.scratch, 0, length, start);
      return this.scratch.toString('utf8', 0, length);
    }
    return this.block(first).toString('utf8', start - first * BLOCK, start - first * BLOCK + length);
  }

  private block(n: number): Buffer {
    if (this.last?.n === n) return this.last.block;
    const hit = this.blocks.get(n);
    if (hit) {
      // Most recently used last: the first key is the one to drop.
      this.blocks.delete(n);
      this.blocks.set(n, hit);
      this.last = { n, block: hit };
      return hit;
    }
    let buf: Buffer | null = null;
    if (this.blocks.size >= CACHED_BLOCKS) {
      const [oldest, evicted] = this.blocks.entries().next().value ?? [];
      if (oldest !== undefined && evicted) {
        this.blocks.delete(oldest);
        // The dropped block's memory holds the new one.
        buf = Buffer.from(evicted.buffer, evicted.byteOffset, BLOCK);
      }
    }
    buf ??= Buffer.allocUnsafeSlow(BLOCK);
    const block = buf.subarray(0, readSync(this.fd ?? -1, buf, 0, BLOCK, n * BLOCK));
    this.blocks.set(n, block);
    this.last = { n, block };
    return block;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    this.blocks.clear();
    this.last = null;
  }
}

/** "AB12" → 27 (0-based column of a cell reference); -1 when it has no letters. */
function columnOf(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    col = col * 26 + (code - 64);
  }
  return i === 0 ? -1 : col - 1;
}

/** Excel's serial day number (1900 or 1904 system) → "YYYY-MM-DD", as cellText shows a date. */
function serialDate(serial: number, date1904: boolean): string {
  const ms = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000);
  return cellText(new Date(ms));
}

type CellState = { col: number; type: string; date: boolean; value: string[]; inline: string[] };

/** Rows of the first worksheet (cells as text, trailing empty cells left out). */
export async function* xlsxRows(
  file: string,
  progress: Progress,
  scratch = os.tmpdir(),
): AsyncGenerator<string[]> {
  const { zip, entries } = await openZip(file);
  let dir: string | null = null;
  let strings: SharedStrings | null = null;
  try {
    const parts = await workbookParts(zip, entries);
    const sheet = parts.sheet === null ? undefined : entries.get(parts.sheet);
    if (!sheet) throw new Error('the workbook has no worksheet');
    const dates = await dateStyles(zip, parts.styles === null ? undefined : entries.get(parts.styles));
    dir = await mkdtemp(path.join(scratch, 'closeloop-xlsx-'));
    const shared = await SharedStrings.spool(
      zip,
      parts.strings === null ? undefined : entries.get(parts.strings),
      dir,
    );
    strings = shared;

    // Progress in file bytes: the share of the sheet's compressed bytes read, scaled to the file's size.
    let compressed = 0;
    const onCompressed = (bytes: number) => {
      compressed += bytes;
      progress.bytes = Math.min(
        Math.round((zip.fileSize * compressed) / Math.max(sheet.compressedSize, 1)),
        zip.fileSize,
      );
    };
    const ready: string[][] = [];
    let row: string[] | null = null;
    let cell: CellState | null = null;
    let capture: 'v' | 't' | null = null;
    let phonetic = 0;
    let rowChars = 0;
    let resolved = 0;
    let xmlChars = 0;
    const addChars = (n: number) => {
      rowChars += n;
      if (rowChars > MAX_ROW_CHARS) throw new Error('a row holds more than a million characters');
    };
    const endCell = (c: CellState, cells: string[]) => {
      const v = c.value.join('');
      let text: string;
      switch (c.type) {
        case 's':
          text = v === '' ? '' : shared.get(Number.parseInt(v, 10));
          addChars(text.length);
          resolved += text.length;
          if (resolved > SHARED_FLOOR_CHARS + SHARED_PER_XML_CHAR * xmlChars) {
            throw new ZipBombError('the sheet repeats its shared strings out of proportion to its size');
          }
          break;
        case 'inlineStr':
          text = c.inline.join('');
          break;
        case 'str':
          text = v;
          break;
        case 'e':
          text = '';
          break;
        case 'b':
          text = v === '' ? '' : cellText(Number.parseInt(v, 10) !== 0);
          break;
        case 'd':
          text = v.slice(0, 10);
          break;
        default: {
          if (v.trim() === '') {
            text = '';
            break;
          }
          const n = Number(v);
          text = Number.isNaN(n) ? v : c.date ? serialDate(n, parts.date1904) : cellText(n);
        }
      }
      const col = c.col >= 0 ? c.col : cells.length;
      // A cell further right than any sheet allows is broken input, not a reason to allocate an array.
      if (col > 16_383) throw new Error(`cell column ${col + 1} is out of range`);
      while (cells.length < col) cells.push('');
      cells[col] = text;
    };

    const parse = parseEntry(
      zip,
      sheet,
      {
        open(tag) {
          const name = localName(tag.name);
          const a = tag.attributes;
          switch (name) {
            case 'dimension': {
              const m = /^[A-Z]+\d+(?::[A-Z]+(\d+))?$/.exec(a.ref ?? '');
              if (m) progress.lastRow = Number(m[1] ?? 1);
              break;
            }
            case 'row':
              row = [];
              rowChars = 0;
              break;
            case 'c':
              if (!row) break;
              cell = {
                col: columnOf(a.r ?? ''),
                type: a.t ?? 'n',
                date: dates[Number(a.s ?? 0)] ?? false,
                value: [],
                inline: [],
              };
              break;
            case 'v':
              if (cell) capture = 'v';
              break;
            case 'rPh':
              phonetic++;
              break;
            case 't':
              if (cell) capture = 't';
              break;
          }
        },
        close(name) {
          switch (name) {
            case 'v':
            case 't':
              capture = null;
              break;
            case 'rPh':
              phonetic--;
              break;
            case 'c':
              if (cell && row) endCell(cell, row);
              cell = null;
              break;
            case 'row':
              if (row) {
                while (row.length > 0 && row[row.length - 1] === '') row.pop();
                ready.push(row);
              }
              row = null;
              break;
          }
        },
        text(text) {
          if (!cell) return;
          if (capture === 'v') cell.value.push(text);
          else if (capture === 't' && phonetic === 0) cell.inline.push(text);
          else return;
          addChars(text.length);
        },
        chunk(chars) {
          xmlChars += chars;
        },
      },
      onCompressed,
    );
    for await (const _ of parse) {
      yield* ready.splice(0);
    }
    yield* ready.splice(0);
    progress.bytes = zip.fileSize;
  } finally {
    strings?.close();
    zip.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}
