import { fromMinor, minorDigits } from '@contracts/money';
import type { QuoteSnapshot } from '@contracts/quotes.contract';
import { FONT, type PdfDoc, renderPdf } from '../../platform/pdf/pdf';
import type { LoadedSettings } from './quote-settings';

/**
 * The quote as a PDF: one bilingual layout (Chinese first, English beside it) so a quote reads the same for
 * both sides whatever the quote's language. Company block and logo from the quote settings, customer, the
 * lines table, totals, payment terms, validity, notes and terms. Deterministic for the same input (pdf.ts).
 */

export type QuotePdfInput = {
  snapshot: QuoteSnapshot;
  versionNo: number;
  companyName: string;
  settings: LoadedSettings;
  logo: Buffer | null;
  /** The day the version was issued (or now for a draft preview). */
  issuedAt: Date;
  draft: boolean;
};

const COLUMNS = [
  { key: 'no', zh: '序号', en: '#', width: 22, align: 'left' },
  { key: 'name', zh: '产品/服务', en: 'Item', width: 150, align: 'left' },
  { key: 'qty', zh: '数量', en: 'Qty', width: 42, align: 'right' },
  { key: 'price', zh: '单价', en: 'Unit price', width: 62, align: 'right' },
  { key: 'disc', zh: '折扣', en: 'Disc.', width: 36, align: 'right' },
  { key: 'net', zh: '金额', en: 'Net', width: 66, align: 'right' },
  { key: 'tax', zh: '税额', en: 'Tax', width: 52, align: 'right' },
  { key: 'total', zh: '价税合计', en: 'Total', width: 69, align: 'right' },
] as const;

type ColumnKey = (typeof COLUMNS)[number]['key'];

const percent = (bp: number) => `${fromMinor(bp, 2).replace(/\.?0+$/, '')}%`;

export async function renderQuotePdf(input: QuotePdfInput): Promise<Buffer> {
  const { snapshot: q, settings } = input;
  const digits = minorDigits(q.currency);
  const money = (minor: number) => fromMinor(minor, digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return renderPdf({ title: `${q.number} ${q.title}`, createdAt: input.issuedAt }, (doc) => {
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;

    // Header: logo, company block, document title.
    let top = doc.page.margins.top;
    if (input.logo) {
      try {
        doc.image(input.logo, left, top, { fit: [120, 48] });
      } catch {
        // A logo pdfkit cannot read (corrupt upload) must not stop the quote going out.
      }
    }
    const company = settings.company;
    const companyLines = [
      company.nameZh || input.companyName,
      company.nameEn,
      company.address,
      [company.phone, company.email].filter(Boolean).join('  '),
      company.taxId ? `税号 Tax ID: ${company.taxId}` : '',
      company.bank ? `开户行 Bank: ${company.bank}` : '',
    ].filter(Boolean);
    doc
      .font(FONT.bold)
      .fontSize(11)
      .text(companyLines[0] ?? '', left + 260, top, { width: width - 260, align: 'right' });
    doc.font(FONT.regular).fontSize(8);
    for (const line of companyLines.slice(1)) doc.text(line, { width: width - 260, align: 'right' });
    top = Math.max(doc.y, top + 56) + 10;

    doc
      .font(FONT.bold)
      .fontSize(18)
      .text(input.draft ? '报价单（草稿） Quotation (draft)' : '报价单 Quotation', left, top);
    doc.font(FONT.regular).fontSize(9);
    const facts: [string, string][] = [
      ['报价单号 No.', `${q.number}  (v${input.versionNo})`],
      ['标题 Title', q.title],
      ['客户 Customer', q.customerName],
      ['联系人 Contact', q.contactName ?? '—'],
      ['日期 Date', input.issuedAt.toISOString().slice(0, 10)],
      ['有效期至 Valid until', q.validUntil ?? '—'],
      ['币种 Currency', q.currency],
    ];
    doc.moveDown(0.5);
    for (const [label, value] of facts) {
      const y = doc.y;
      doc.fillColor('#666').text(label, left, y, { width: 110 });
      doc.fillColor('#000').text(value, left + 115, y, { width: width - 115 });
    }
    doc.moveDown(0.8);

    drawLines(doc, q, money, left);

    // Totals, right-aligned under the table.
    const totals: [string, string][] = [
      ['列表价合计 List value', money(q.totals.listMinor)],
      ...(q.discountBp > 0
        ? ([['整单折扣 Overall discount', percent(q.discountBp)]] as [string, string][])
        : []),
      ['金额合计 Net', money(q.totals.netMinor)],
      ['税额合计 Tax', money(q.totals.taxMinor)],
      [`总计 Total (${q.currency})`, money(q.totals.totalMinor)],
    ];
    doc.moveDown(0.5);
    for (const [i, [label, value]] of totals.entries()) {
      if (doc.y > doc.page.height - doc.page.margins.bottom - 20) doc.addPage();
      const y = doc.y;
      const last = i === totals.length - 1;
      doc.font(last ? FONT.bold : FONT.regular).fontSize(last ? 11 : 9);
      doc.text(label, left + width - 300, y, { width: 180, align: 'right' });
      doc.text(value, left + width - 110, y, { width: 110, align: 'right' });
    }
    doc.font(FONT.regular).fontSize(9).moveDown(1);

    const sections: [string, string][] = [
      ['付款条件 Payment terms', q.paymentTerms],
      ['备注 Notes', q.notes],
      ['条款 Terms', [settings.termsZh, settings.termsEn].filter(Boolean).join('\n\n')],
    ];
    for (const [title, body] of sections) {
      if (!body) continue;
      doc.font(FONT.bold).text(title, left, doc.y, { width });
      doc.font(FONT.regular).text(body, { width });
      doc.moveDown(0.6);
    }
  });
}

function drawLines(doc: PdfDoc, q: QuoteSnapshot, money: (m: number) => string, left: number): void {
  const header = () => {
    const y = doc.y;
    let x = left;
    doc.font(FONT.bold).fontSize(8);
    let height = 0;
    for (const c of COLUMNS) {
      const label = `${c.zh}\n${c.en}`;
      doc.text(label, x, y, { width: c.width - 4, align: c.align });
      height = Math.max(height, doc.heightOfString(label, { width: c.width - 4 }));
      x += c.width;
    }
    doc.y = y + height + 4;
    doc
      .moveTo(left, doc.y - 2)
      .lineTo(x, doc.y - 2)
      .strokeColor('#999')
      .stroke();
    doc.font(FONT.regular).fontSize(8);
  };
  header();
  for (const [i, line] of q.lines.entries()) {
    const cells: Record<ColumnKey, string> = {
      no: String(i + 1),
      name: [line.code ? `${line.name} (${line.code})` : line.name, line.description]
        .filter(Boolean)
        .join('\n'),
      qty: line.unit ? `${line.quantity} ${line.unit}` : line.quantity,
      price: money(line.unitPriceMinor),
      disc: line.discountBp > 0 ? percent(line.discountBp) : '',
      net: money(line.netMinor),
      tax: `${money(line.taxMinor)}\n${percent(line.taxRateBp)}`,
      total: money(line.totalMinor),
    };
    const height = Math.max(...COLUMNS.map((c) => doc.heightOfString(cells[c.key], { width: c.width - 4 })));
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    let x = left;
    for (const c of COLUMNS) {
      doc.text(cells[c.key], x, y, { width: c.width - 4, align: c.align });
      x += c.width;
    }
    doc.y = y + height + 3;
  }
}
