import type { Locale } from '@contracts/common';
import type { SigningState } from './contract-signing';
import { clausesOf } from './contract-templates';
import { type ContractText, text } from './contract-texts';

/**
 * The customer's signing page behind `/s/<token>`: self-contained, mobile-first HTML. Inline style and one
 * small inline script (the signature canvas) are allowed by a per-response nonce; nothing external loads.
 * Every text that came from the company or the customer goes through `escapeHtml`.
 */

const STYLE = `
*{box-sizing:border-box}
body{margin:0;padding:16px;font:15px/1.6 -apple-system,BlinkMacSystemFont,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;color:#1f1f1f;background:#f5f5f5}
main{max-width:820px;margin:0 auto;background:#fff;padding:24px;border-radius:8px}
h1{font-size:21px;margin:0 0 4px}h2{font-size:16px;margin:18px 0 6px;color:#0958d9}
.meta{color:#595959;margin:0;word-break:break-all}
.notice{padding:10px 12px;border-radius:6px;margin:12px 0;border:1px solid #91caff;background:#e6f4ff}
.notice.ok{border-color:#b7eb8f;background:#f6ffed}.notice.no{border-color:#ffccc7;background:#fff2f0}
.clause{white-space:pre-line;margin:0 0 8px}
form{margin:12px 0;padding:12px;border:1px solid #f0f0f0;border-radius:6px}
label{display:block;margin:8px 0 4px;font-weight:600}
input,textarea{width:100%;padding:8px;border:1px solid #d9d9d9;border-radius:6px;font:inherit}
canvas{width:100%;height:180px;border:1px dashed #8c8c8c;border-radius:6px;touch-action:none;background:#fff}
button,.button{display:inline-block;margin-top:8px;padding:8px 20px;border:0;border-radius:6px;background:#1677ff;color:#fff;font:inherit;text-decoration:none;cursor:pointer}
button.plain{background:#fff;color:#1f1f1f;border:1px solid #d9d9d9}
button.decline{background:#fff;color:#cf1322;border:1px solid #cf1322}
@media (max-width:600px){main{padding:14px}}
`;

// Draws on the canvas with pointer events and puts the PNG into the form's hidden field before submit.
const SCRIPT = `
(function(){var c=document.getElementById('pad');if(!c)return;var x=c.getContext('2d'),d=false,used=false;
function fit(){var r=c.getBoundingClientRect();c.width=r.width;c.height=r.height;x.lineWidth=2.5;x.lineCap='round';x.strokeStyle='#000';}
fit();function p(e){var r=c.getBoundingClientRect();return[e.clientX-r.left,e.clientY-r.top];}
c.addEventListener('pointerdown',function(e){d=true;used=true;var q=p(e);x.beginPath();x.moveTo(q[0],q[1]);c.setPointerCapture(e.pointerId);});
c.addEventListener('pointermove',function(e){if(!d)return;var q=p(e);x.lineTo(q[0],q[1]);x.stroke();});
c.addEventListener('pointerup',function(){d=false;});
document.getElementById('clear').addEventListener('click',function(){x.clearRect(0,0,c.width,c.height);used=false;});
document.getElementById('sign').addEventListener('submit',function(){document.getElementById('signature').value=used?c.toDataURL('image/png'):'';});
})();
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

function shell(locale: Locale, nonce: string, title: string, body: string, script = false): string {
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex,nofollow">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${STYLE}</style></head>
<body><main>
${body}
</main>${script ? `<script nonce="${nonce}">${SCRIPT}</script>` : ''}</body></html>`;
}

export type SigningPage = {
  state: SigningState;
  path: string;
  formToken: string;
  /** A message about the last post: kind picks the colour. */
  message?: { kind: 'ok' | 'no' | 'info'; key: ContractText; vars?: Record<string, unknown> };
};

export function renderSigningPage(locale: Locale, nonce: string, page: SigningPage): string {
  const t = (key: ContractText, vars?: Record<string, unknown>) => escapeHtml(text(locale, key, vars));
  const { state } = page;
  const { contract, request, version } = state;
  const clauses = clausesOf(version.clauses)
    .map((c, i) => `<h2>${i + 1}. ${escapeHtml(c.title)}</h2><p class="clause">${escapeHtml(c.body)}</p>`)
    .join('\n');
  const status =
    request.status === 'signed'
      ? `<p class="notice ok">${t('signed', { at: request.usedAt?.toISOString() ?? '' })}</p>`
      : request.status === 'declined'
        ? `<p class="notice no">${t('declined')}</p>`
        : '';
  const message = page.message
    ? `<p class="notice ${page.message.kind === 'info' ? '' : page.message.kind}">${t(page.message.key, page.message.vars)}</p>`
    : '';
  const hidden = `<input type="hidden" name="formToken" value="${escapeHtml(page.formToken)}">`;
  const needsCode = request.codeHash !== null;
  const forms = state.open
    ? `${
        needsCode
          ? `<form method="post" action="${escapeHtml(page.path)}/code">${hidden}
<p>${t('codeHelp', { email: request.signerEmail })}</p><button type="submit" class="plain">${t('sendCode')}</button></form>`
          : ''
      }
<form id="sign" method="post" action="${escapeHtml(page.path)}/sign">${hidden}
<input type="hidden" id="signature" name="signature" value="">
${needsCode ? `<label for="code">${t('code')}</label><input id="code" name="code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required>` : ''}
<label for="name">${t('name')}</label><input id="name" name="name" maxlength="120" required autocomplete="name" value="${escapeHtml(request.signerName)}">
<label>${t('draw')}</label><canvas id="pad"></canvas>
<button type="button" id="clear" class="plain">${t('clear')}</button>
<button type="submit">${t('agree')}</button>
</form>
<form method="post" action="${escapeHtml(page.path)}/decline">${hidden}
<label for="reason">${t('reason')}</label><textarea id="reason" name="reason" rows="2" maxlength="1000" required></textarea>
<button type="submit" class="decline">${t('decline')}</button></form>`
    : '';
  const body = `<header><h1>${escapeHtml(contract.title)}</h1>
<p class="meta">${escapeHtml(contract.number)} · v${version.versionNo} · ${t('intro', { company: state.companyName })}</p>
<p class="meta">${t('signer')}: ${escapeHtml(request.signerName)}</p>
<p class="meta">${t('sha')}: ${escapeHtml(version.pdfSha256 ?? '')}</p></header>
${status}${message}
<p><a class="button" href="${escapeHtml(page.path)}/pdf">${t('download')}</a></p>
${clauses}
${forms}`;
  return shell(locale, nonce, text(locale, 'pageTitle', { number: contract.number }), body, state.open);
}

export function renderUnavailable(locale: Locale, nonce: string, key: ContractText = 'unavailable'): string {
  return shell(
    locale,
    nonce,
    text(locale, 'unavailableTitle'),
    `<h1>${escapeHtml(text(locale, 'unavailableTitle'))}</h1><p class="notice no">${escapeHtml(text(locale, key))}</p>`,
  );
}
