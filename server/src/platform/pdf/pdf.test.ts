import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { FONT, renderPdf } from './pdf';

async function textOf(pdf: Buffer): Promise<string> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(doc, { mergePages: true });
  return text;
}

describe('renderPdf', () => {
  it('writes Chinese and English text that a reader extracts again', async () => {
    const pdf = await renderPdf({ title: '报价单', createdAt: new Date('2026-01-02T03:04:05Z') }, (doc) => {
      doc.font(FONT.bold).fontSize(16).text('报价单 Quotation');
      doc.font(FONT.regular).fontSize(10).text('工业机器人控制器 × 3 = ¥12,345.67');
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await textOf(pdf);
    expect(text).toContain('报价单 Quotation');
    expect(text).toContain('工业机器人控制器');
    expect(text).toContain('12,345.67');
  });

  it('gives the same bytes for the same document', async () => {
    const draw = (doc: PDFKit.PDFDocument) => {
      doc.text('合同 Contract HT-2026-0001');
    };
    const at = new Date('2026-05-06T07:08:09Z');
    const a = await renderPdf({ title: 'x', createdAt: at }, draw);
    const b = await renderPdf({ title: 'x', createdAt: at }, draw);
    expect(a.equals(b)).toBe(true);
  });
});
