import type { Locale } from '@contracts/common';
import type { Clause } from '@contracts/contracts.contract';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import { FONT, fontBytes, renderPdf } from '../../platform/pdf/pdf';
import { text } from './contract-texts';

/**
 * The contract's PDFs: a version rendered from its clauses (deterministic for the same version), and the
 * final document: the signed PDF unchanged, plus a certificate page stamped with pdf-lib listing both
 * signatures (who, when, from where, on which document hash).
 */

export async function renderContractPdf(input: {
  locale: Locale;
  number: string;
  title: string;
  versionNo: number;
  clauses: Clause[];
  createdAt: Date;
}): Promise<Buffer> {
  return renderPdf({ title: `${input.number} ${input.title}`, createdAt: input.createdAt }, (doc) => {
    doc.font(FONT.bold).fontSize(18).text(input.title, { align: 'center' });
    doc
      .font(FONT.regular)
      .fontSize(10)
      .fillColor('#595959')
      .text(`${input.number} · ${text(input.locale, 'pdfVersion', { version: input.versionNo })}`, {
        align: 'center',
      });
    doc.moveDown(1).fillColor('#000000');
    input.clauses.forEach((clause, i) => {
      doc
        .font(FONT.bold)
        .fontSize(12)
        .text(`${i + 1}. ${clause.title}`);
      doc.moveDown(0.2);
      doc.font(FONT.regular).fontSize(10.5).text(clause.body, { lineGap: 2 });
      doc.moveDown(0.8);
    });
  });
}

export type CertificateSignature = {
  name: string;
  email: string | null;
  at: string;
  ip: string | null;
  userAgent: string | null;
  imageSha256: string | null;
};

/** Splits `value` into lines that fit `width` at `size` with `measure` (CJK text has no spaces to break at). */
function wrap(value: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of value) {
    if (measure(line + ch) > width && line !== '') {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  if (line) lines.push(line);
  return lines;
}

export async function stampCertificate(
  signedPdf: Uint8Array,
  input: {
    locale: Locale;
    number: string;
    title: string;
    versionNo: number;
    documentSha256: string;
    customer: CertificateSignature;
    company: CertificateSignature;
  },
): Promise<Buffer> {
  const pdf = await PDFDocument.load(signedPdf);
  pdf.registerFontkit(fontkit);
  const regular = await pdf.embedFont(await fontBytes('regular'), { subset: true });
  const bold = await pdf.embedFont(await fontBytes('bold'), { subset: true });
  const page = pdf.addPage([595.28, 841.89]);
  const left = 56;
  const width = 595.28 - 2 * left;
  let y = 780;
  const line = (value: string, size = 10, font = regular) => {
    for (const part of wrap(value, width, (s) => font.widthOfTextAtSize(s, size))) {
      page.drawText(part, { x: left, y, size, font, color: rgb(0, 0, 0) });
      y -= size + 6;
    }
  };
  const t = (key: Parameters<typeof text>[1], vars: Record<string, unknown> = {}) =>
    text(input.locale, key, vars);
  line(t('certTitle'), 18, bold);
  y -= 6;
  line(t('certContract', { number: input.number, version: input.versionNo, title: input.title }));
  line(t('certDocument', { sha: input.documentSha256 }));
  for (const [heading, s] of [
    [t('certCustomer'), input.customer],
    [t('certCompany'), input.company],
  ] as const) {
    y -= 12;
    line(heading, 13, bold);
    line(t('certSigner', { name: s.name, email: s.email ? `<${s.email}>` : '' }));
    line(t('certTime', { at: s.at }));
    line(t('certIp', { ip: s.ip ?? '—' }));
    if (s.userAgent) line(t('certAgent', { agent: s.userAgent.slice(0, 200) }), 8);
    if (s.imageSha256) line(t('certImage', { sha: s.imageSha256 }), 9);
  }
  return Buffer.from(await pdf.save());
}
