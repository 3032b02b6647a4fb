import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

/**
 * PDF documents (quotes, contracts, confirmations) in Chinese and English. pdfkit's standard fonts have no CJK
 * glyphs, so every document embeds Noto Sans SC (regular and bold; subset to the glyphs used, so a quote stays
 * a few tens of kilobytes). The font files come with npm (`@expo-google-fonts/noto-sans-sc`), not from the OS.
 */

export type PdfDoc = PDFKit.PDFDocument;

export const FONT = { regular: 'noto-regular', bold: 'noto-bold' } as const;

const require = createRequire(import.meta.url);
const FONT_FILES = {
  [FONT.regular]: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  [FONT.bold]: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;

// Read-only bytes of files that ship with the package: loaded once per process, never changed.
let fonts: Promise<Record<string, Buffer>> | null = null;

function loadFonts(): Promise<Record<string, Buffer>> {
  fonts ??= Promise.all(
    Object.entries(FONT_FILES).map(
      async ([name, file]) => [name, await readFile(require.resolve(file))] as const,
    ),
  ).then((pairs) => Object.fromEntries(pairs));
  return fonts;
}

export type PdfOptions = {
  title: string;
  author?: string;
  /** Stamped as the document's creation date: the same input gives the same bytes. */
  createdAt: Date;
  size?: 'A4';
  margin?: number;
};

/**
 * Renders a document: `draw` writes onto an A4 page with the CJK fonts registered (regular is current).
 * Returns the PDF's bytes.
 */
export async function renderPdf(
  options: PdfOptions,
  draw: (doc: PdfDoc) => void | Promise<void>,
): Promise<Buffer> {
  const loaded = await loadFonts();
  const doc = new PDFDocument({
    size: options.size ?? 'A4',
    margin: options.margin ?? 48,
    bufferPages: true,
    info: {
      Title: options.title,
      Author: options.author ?? 'Closeloop',
      Producer: 'Closeloop',
      Creator: 'Closeloop',
      CreationDate: options.createdAt,
    },
  });
  for (const [name, bytes] of Object.entries(loaded)) doc.registerFont(name, bytes);
  doc.font(FONT.regular);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  await draw(doc);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** The font bytes, for pdf-lib (stamping a page onto an existing PDF). */
export async function fontBytes(name: keyof typeof FONT): Promise<Buffer> {
  const loaded = await loadFonts();
  const bytes = loaded[FONT[name]];
  if (!bytes) throw new Error(`font ${name} missing`);
  return bytes;
}
