import type { Locale } from '@contracts/common';
import type { PublicNeeds } from '@contracts/deal-needs.contract';
import { type MessageKey, translate } from '../../../platform/i18n/i18n';

/**
 * The printable page of a needs confirmation behind its read-only link: self-contained HTML (inline style and
 * one tiny script for the print button, both allowed by a per-response nonce; no external assets), laid out
 * for A4 when printed or saved as PDF. Every text the company or the customer wrote goes through
 * `escapeHtml`.
 */

const STYLE = `
*{box-sizing:border-box}
body{margin:0;padding:24px 16px;font:15px/1.6 -apple-system,BlinkMacSystemFont,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;color:#1f1f1f;background:#f5f5f5}
main{max-width:800px;margin:0 auto;background:#fff;padding:32px;border-radius:8px}
header{border-bottom:2px solid #1677ff;margin:0 0 20px;padding:0 0 12px}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:17px;margin:24px 0 8px;color:#0958d9}
h3{font-size:15px;margin:16px 0 6px}
.sub,.meta{color:#595959;margin:0}
.stale{padding:8px 12px;border:1px solid #ffe58f;background:#fffbe6;border-radius:6px;margin:12px 0}
dl{display:grid;grid-template-columns:minmax(120px,200px) 1fr;gap:6px 16px;margin:0}
dt{font-weight:600;color:#434343}
dd{margin:0;white-space:pre-line}
.summary{white-space:pre-line;padding:12px 16px;background:#f0f5ff;border-left:4px solid #1677ff;border-radius:4px}
table{width:100%;border-collapse:collapse;margin:4px 0 8px;table-layout:fixed}
th:first-child{width:20%}
th:last-child{width:18%}
th,td{text-align:left;border-bottom:1px solid #f0f0f0;padding:6px 8px;vertical-align:top}
th{background:#fafafa;font-weight:600}
td.text{white-space:pre-line}
.tag{display:inline-block;padding:0 6px;border-radius:4px;font-size:12px;background:#f0f0f0}
.tag.implicit{background:#f9f0ff;color:#531dab}
.sign{margin:32px 0 0;display:grid;grid-template-columns:1fr 1fr;gap:24px}
.sign div{border-top:1px solid #8c8c8c;padding:6px 0 0;color:#595959}
.actions{margin:24px 0 0;text-align:right}
button{padding:8px 20px;border:0;border-radius:6px;background:#1677ff;color:#fff;font:inherit;cursor:pointer}
@media print{
  @page{size:A4;margin:18mm 16mm}
  body{background:#fff;padding:0;font-size:11pt}
  main{max-width:none;padding:0;border-radius:0}
  .actions{display:none}
  h2{break-after:avoid}
  tr,.summary,dl{break-inside:avoid}
  a{color:inherit;text-decoration:none}
}
`;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** For element content and attribute values alike. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const PRIORITIES = ['core', 'secondary', 'potential'] as const;

function page(locale: Locale, nonce: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex,nofollow">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export function renderNeedsUnavailable(locale: Locale, nonce: string): string {
  const title = translate(locale, 'needsPage.unavailableTitle');
  return page(
    locale,
    nonce,
    title,
    `<h1>${escapeHtml(title)}</h1>\n<p class="sub" role="status">${escapeHtml(translate(locale, 'needsPage.unavailableText'))}</p>`,
  );
}

function money(locale: Locale, minor: number, currency: string): string {
  try {
    const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(minor / 10 ** digits);
  } catch {
    return `${currency} ${minor}`;
  }
}

function budgetText(locale: Locale, n: PublicNeeds): string {
  const currency = n.budgetCurrency ?? '';
  const min = n.budgetMinMinor === null ? null : money(locale, n.budgetMinMinor, currency);
  const max = n.budgetMaxMinor === null ? null : money(locale, n.budgetMaxMinor, currency);
  if (min !== null && max !== null) {
    return min === max ? min : translate(locale, 'needsPage.budgetRange', { min, max });
  }
  if (min !== null) return translate(locale, 'needsPage.budgetFrom', { min });
  if (max !== null) return translate(locale, 'needsPage.budgetUpTo', { max });
  return '';
}

function dateTime(locale: Locale, iso: string, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(new Date(iso));
  }
}

function day(locale: Locale, isoDate: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}

/** A definition row; empty values are left out (the page shows what was recorded). */
function row(locale: Locale, label: MessageKey, value: string): string {
  return value.trim() ? `<dt>${escapeHtml(translate(locale, label))}</dt><dd>${escapeHtml(value)}</dd>` : '';
}

export function renderNeedsPage(locale: Locale, nonce: string, n: PublicNeeds): string {
  const t = (key: MessageKey, vars: Record<string, unknown> = {}) => escapeHtml(translate(locale, key, vars));
  const title = translate(locale, 'needsPage.title');
  const situation = [
    row(locale, 'needsPage.currentBusiness', n.currentBusiness),
    row(locale, 'needsPage.currentTools', n.currentTools),
    row(locale, 'needsPage.expectedResults', n.expectedResults),
    row(locale, 'needsPage.deadline', n.deadlineOn ? day(locale, n.deadlineOn) : ''),
    row(locale, 'needsPage.decisionProcess', n.decisionProcess),
    row(locale, 'needsPage.budget', budgetText(locale, n)),
    row(locale, 'needsPage.paymentPreference', n.paymentPreference),
    row(locale, 'needsPage.specialRequirements', n.specialRequirements),
  ].join('');

  const groups = PRIORITIES.map((priority) => {
    const items = n.items.filter((i) => i.priority === priority);
    if (items.length === 0) return '';
    const rows = items
      .map(
        (i) =>
          `<tr><td>${t(`needsPage.kind.${i.kind}`)}</td><td class="text">${escapeHtml(i.description)}</td>` +
          `<td><span class="tag ${i.explicitness}">${t(`needsPage.explicitness.${i.explicitness}`)}</span></td></tr>`,
      )
      .join('\n');
    return `<h3>${t(`needsPage.priority.${priority}`)} (${items.length})</h3>
<table><thead><tr><th scope="col">${t('needsPage.kindHeader')}</th><th scope="col">${t('needsPage.descriptionHeader')}</th><th scope="col">${t('needsPage.explicitnessHeader')}</th></tr></thead>
<tbody>
${rows}
</tbody></table>`;
  }).join('\n');

  const confirmedAt = dateTime(locale, n.confirmedAt, n.timeZone);
  const body = `<header>
<h1>${escapeHtml(title)}</h1>
<p class="sub">${t('needsPage.parties', { company: n.companyName, customer: n.customerName })}</p>
<p class="meta">${t('needsPage.confirmedBy', { name: n.confirmedByName, date: confirmedAt })}</p>
</header>
${n.changedSinceConfirmation ? `<p class="stale" role="note">${t('needsPage.changedSince')}</p>` : ''}
${n.summary.trim() ? `<h2>${t('needsPage.summary')}</h2>\n<div class="summary">${escapeHtml(n.summary)}</div>` : ''}
<h2>${t('needsPage.needs')}</h2>
${groups || `<p class="sub">${t('needsPage.noNeeds')}</p>`}
${situation ? `<h2>${t('needsPage.situation')}</h2>\n<dl>${situation}</dl>` : ''}
<section class="sign" aria-label="${t('needsPage.signatures')}">
<div>${t('needsPage.customerSignature')}</div>
<div>${t('needsPage.date')}</div>
</section>
<p class="meta">${t('needsPage.validUntil', { date: dateTime(locale, n.expiresAt, n.timeZone) })}</p>
<p class="actions"><button type="button" id="print">${t('needsPage.print')}</button></p>
<script nonce="${nonce}">document.getElementById('print').addEventListener('click',function(){window.print();});</script>`;
  return page(locale, nonce, `${title} · ${n.customerName}`, body);
}
