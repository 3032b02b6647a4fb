import type { Locale } from '@contracts/common';
import { fromMinor, minorDigits } from '@contracts/money';
import type { PublicQuote } from '@contracts/quotes.contract';
import { translate } from '../../platform/i18n/i18n';

/**
 * The customer's page behind a quote link: self-contained, mobile-first HTML (inline style allowed by a
 * per-response nonce, no script, no external assets). It shows the latest sent version, a PDF download, and
 * accept (typed name) / decline (reason) forms posting back to the same link with the page's form token.
 * Everything the company or the customer wrote goes through `escapeHtml`.
 */

const STYLE = `
*{box-sizing:border-box}
body{margin:0;padding:16px;font:15px/1.6 -apple-system,BlinkMacSystemFont,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;color:#1f1f1f;background:#f5f5f5}
main{max-width:860px;margin:0 auto;background:#fff;padding:24px;border-radius:8px}
header{border-bottom:2px solid #1677ff;margin:0 0 16px;padding:0 0 10px}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:16px;margin:20px 0 8px;color:#0958d9}
.meta{color:#595959;margin:0}
.notice{padding:10px 12px;border-radius:6px;margin:12px 0;border:1px solid #91caff;background:#e6f4ff}
.notice.ok{border-color:#b7eb8f;background:#f6ffed}
.notice.no{border-color:#ffccc7;background:#fff2f0}
.lines{width:100%;border-collapse:collapse}
.lines th,.lines td{padding:6px 8px;border-bottom:1px solid #f0f0f0;text-align:right;vertical-align:top}
.lines th:first-child,.lines td:first-child{text-align:left}
.lines th{background:#fafafa;font-weight:600}
.totals{margin:12px 0 0 auto;max-width:360px;width:100%}
.totals div{display:flex;justify-content:space-between;padding:2px 0}
.totals .grand{font-weight:700;font-size:17px;border-top:1px solid #d9d9d9;margin-top:4px;padding-top:6px}
.text{white-space:pre-line}
form{margin:12px 0;padding:12px;border:1px solid #f0f0f0;border-radius:6px}
label{display:block;margin:0 0 6px;font-weight:600}
input,textarea{width:100%;padding:8px;border:1px solid #d9d9d9;border-radius:6px;font:inherit}
button,.button{display:inline-block;margin-top:8px;padding:8px 20px;border:0;border-radius:6px;background:#1677ff;color:#fff;font:inherit;text-decoration:none;cursor:pointer}
button.decline{background:#fff;color:#cf1322;border:1px solid #cf1322}
@media (max-width:600px){
  main{padding:14px}
  .lines thead{display:none}
  .lines tr{display:block;border-bottom:1px solid #f0f0f0;padding:6px 0}
  .lines td{display:flex;justify-content:space-between;border:0;padding:2px 0;text-align:right}
  .lines td::before{content:attr(data-label);color:#8c8c8c;margin-right:12px;text-align:left}
  .lines td:first-child{display:block;font-weight:600}
  .lines td:first-child::before{content:none}
}
`;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const percent = (bp: number) => `${fromMinor(bp, 2).replace(/\.?0+$/, '')}%`;

export type PageState = {
  view: PublicQuote;
  /** The link's path (/q/<token>), where the forms post. */
  path: string;
  formToken: string;
  canAnswer: boolean;
  /** A problem with the customer's last post (missing name or reason). */
  error?: string;
};

export function renderQuotePage(locale: Locale, nonce: string, state: PageState): string {
  const t = (key: Parameters<typeof translate>[1], vars?: Record<string, unknown>) =>
    escapeHtml(translate(locale, key, vars));
  const { quote } = state.view;
  const digits = minorDigits(quote.currency);
  const money = (minor: number) => escapeHtml(`${quote.currency} ${fromMinor(minor, digits)}`);
  const rows = quote.lines
    .map(
      (l) => `<tr>
<td>${escapeHtml(l.name)}${l.description ? `<div class="meta text">${escapeHtml(l.description)}</div>` : ''}</td>
<td data-label="${t('quotePage.quantity')}">${escapeHtml(l.quantity)} ${escapeHtml(l.unit)}</td>
<td data-label="${t('quotePage.unitPrice')}">${money(l.unitPriceMinor)}</td>
<td data-label="${t('quotePage.discount')}">${l.discountBp > 0 ? percent(l.discountBp) : '—'}</td>
<td data-label="${t('quotePage.tax')}">${money(l.taxMinor)} (${percent(l.taxRateBp)})</td>
<td data-label="${t('quotePage.lineTotal')}">${money(l.totalMinor)}</td>
</tr>`,
    )
    .join('\n');
  const status = state.view.status;
  const notice =
    status === 'accepted'
      ? `<p class="notice ok">${t('quotePage.accepted', { name: state.view.acceptedByName ?? '' })}</p>`
      : status === 'declined'
        ? `<p class="notice no">${t('quotePage.declined')}</p>`
        : status === 'expired'
          ? `<p class="notice no">${t('quotePage.expired')}</p>`
          : state.canAnswer
            ? ''
            : `<p class="notice">${t('quotePage.notAnswerable')}</p>`;
  const forms = state.canAnswer
    ? `<h2>${t('quotePage.answer')}</h2>
${state.error ? `<p class="notice no">${escapeHtml(state.error)}</p>` : ''}
<form method="post" action="${escapeHtml(state.path)}/accept">
<input type="hidden" name="formToken" value="${escapeHtml(state.formToken)}">
<label for="name">${t('quotePage.acceptLabel')}</label>
<input id="name" name="name" maxlength="200" required autocomplete="name">
<button type="submit">${t('quotePage.accept')}</button>
</form>
<form method="post" action="${escapeHtml(state.path)}/decline">
<input type="hidden" name="formToken" value="${escapeHtml(state.formToken)}">
<label for="reason">${t('quotePage.declineLabel')}</label>
<textarea id="reason" name="reason" rows="3" maxlength="2000" required></textarea>
<button type="submit" class="decline">${t('quotePage.decline')}</button>
</form>`
    : '';
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex,nofollow">
<title>${escapeHtml(`${quote.number} ${quote.title}`)}</title>
<style nonce="${nonce}">${STYLE}</style></head>
<body><main>
<header><h1>${escapeHtml(quote.title)}</h1>
<p class="meta">${escapeHtml(state.view.companyName)} · ${escapeHtml(quote.number)} (v${state.view.versionNo})</p>
<p class="meta">${t('quotePage.customer')}: ${escapeHtml(quote.customerName)} · ${t('quotePage.validUntil')}: ${escapeHtml(quote.validUntil ?? '—')}</p>
</header>
${notice}
<table class="lines"><thead><tr>
<th>${t('quotePage.item')}</th><th>${t('quotePage.quantity')}</th><th>${t('quotePage.unitPrice')}</th>
<th>${t('quotePage.discount')}</th><th>${t('quotePage.tax')}</th><th>${t('quotePage.lineTotal')}</th>
</tr></thead><tbody>
${rows}
</tbody></table>
<div class="totals">
<div><span>${t('quotePage.net')}</span><span>${money(quote.totals.netMinor)}</span></div>
<div><span>${t('quotePage.taxTotal')}</span><span>${money(quote.totals.taxMinor)}</span></div>
<div class="grand"><span>${t('quotePage.total')}</span><span>${money(quote.totals.totalMinor)}</span></div>
</div>
${quote.paymentTerms ? `<h2>${t('quotePage.paymentTerms')}</h2><p class="text">${escapeHtml(quote.paymentTerms)}</p>` : ''}
${quote.notes ? `<h2>${t('quotePage.notes')}</h2><p class="text">${escapeHtml(quote.notes)}</p>` : ''}
<p><a class="button" href="${escapeHtml(state.path)}/pdf">${t('quotePage.downloadPdf')}</a></p>
${forms}
</main></body></html>`;
}

export function renderUnavailable(locale: Locale, nonce: string): string {
  const t = (key: Parameters<typeof translate>[1]) => escapeHtml(translate(locale, key));
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex,nofollow">
<title>${t('quotePage.unavailableTitle')}</title>
<style nonce="${nonce}">${STYLE}</style></head>
<body><main><h1>${t('quotePage.unavailableTitle')}</h1><p>${t('quotePage.unavailableText')}</p></main></body></html>`;
}
