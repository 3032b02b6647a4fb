import type { Locale } from '@contracts/common';
import { COMPANY_SIZES } from '@contracts/leads.contract';
import { LEAD_FORM_MAX_LENGTH, type LeadFormFieldSpec } from '@contracts/marketing.contract';
import { translate } from '../../../platform/i18n/i18n';
import type { PublicForm } from './public-form.service';

/**
 * The hosted page of a web form and the pages a plain form post answers with: self-contained HTML (inline
 * style and one small inline script, both allowed by a per-response nonce; no external assets). Every text
 * that a visitor or an admin wrote goes through `escapeHtml`, in element content and attributes alike.
 */

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

export const UTM_PARAMS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const;

/** Hidden fields the page fills itself: attribution of the visit and the double-submit key. */
export type HiddenValues = {
  submissionKey: string;
  utm: Partial<Record<(typeof UTM_PARAMS)[number], string>>;
  referrer: string;
  pageUrl: string;
};

export type PageState = {
  values: Record<string, string>;
  consent: boolean;
  /** Translated message per field path. */
  errors: Record<string, string>;
};

const STYLE = `
*{box-sizing:border-box}
body{margin:0;padding:16px;font:15px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;color:#1f1f1f;background:#fff}
main{max-width:640px;margin:0 auto}
h1{font-size:22px;margin:0 0 8px}
.intro,.message{white-space:pre-line;margin:0 0 16px;color:#434343}
.field{margin:0 0 14px}
label{display:block;font-weight:600;margin:0 0 4px}
.mark{color:#cf1322;margin-left:2px}
input[type=text],input[type=tel],input[type=email],select,textarea{width:100%;padding:8px 10px;border:1px solid #d9d9d9;border-radius:6px;font:inherit;background:#fff}
textarea{min-height:96px;resize:vertical}
input:focus,select:focus,textarea:focus{outline:2px solid #1677ff;outline-offset:0;border-color:#1677ff}
.check label{display:flex;gap:8px;align-items:flex-start;font-weight:400;white-space:pre-line}
.check input{margin-top:4px}
.invalid input,.invalid select,.invalid textarea{border-color:#cf1322}
.error{color:#cf1322;margin:4px 0 0;font-size:13px}
.summary{padding:8px 12px;border:1px solid #ffa39e;background:#fff1f0;border-radius:6px;margin:0 0 14px;color:#a8071a}
button{padding:9px 20px;border:0;border-radius:6px;background:#1677ff;color:#fff;font:inherit;cursor:pointer}
button:disabled{opacity:.6;cursor:default}
.hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
`;

/**
 * Fills the attribution fields the server could not know (the page's own address, the visitor's referrer
 * when framed), guards against a double click, and tells an embedding page its height (the body's own,
 * which does not grow with the frame, so resizing cannot feed back).
 */
const SCRIPT = `(function(){
var f=document.getElementById('cl-form');
var framed=window.top!==window.self;
function h(){try{parent.postMessage({type:'closeloop:form-height',height:Math.ceil(document.body.getBoundingClientRect().height)},'*')}catch(e){}}
if(framed){window.addEventListener('load',h);window.addEventListener('resize',h);h();}
if(!f)return;
var q=new URLSearchParams(location.search);
function set(n,v){var el=f.elements.namedItem(n);if(el&&v&&!el.value)el.value=String(v).slice(0,2000);}
${JSON.stringify(UTM_PARAMS)}.forEach(function(k){set(k,q.get(k));});
set('pageUrl',q.get('page')||(framed?document.referrer:location.href.split('#')[0]));
set('referrer',q.get('ref')||(framed?'':document.referrer));
f.addEventListener('submit',function(){var b=f.querySelector('button[type=submit]');if(b)setTimeout(function(){b.disabled=true;},0);});
})();`;

const AUTOCOMPLETE: Record<string, string> = {
  companyName: 'organization',
  contactName: 'name',
  title: 'organization-title',
  phone: 'tel',
  email: 'email',
  region: 'address-level1',
};

function page(locale: Locale, nonce: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>`;
}

function control(spec: LeadFormFieldSpec, locale: Locale, state: PageState, invalid: boolean): string {
  const name = spec.field;
  const value = state.values[name] ?? '';
  const attrs = [
    `id="f-${name}"`,
    `name="${name}"`,
    spec.required ? 'required' : '',
    invalid ? `aria-invalid="true" aria-describedby="e-${name}"` : '',
  ]
    .filter(Boolean)
    .join(' ');
  if (name === 'companySize') {
    const options = [
      `<option value="">${escapeHtml(translate(locale, 'publicForm.choose'))}</option>`,
      ...COMPANY_SIZES.map(
        (size) =>
          `<option value="${size}"${size === value ? ' selected' : ''}>${escapeHtml(
            translate(locale, 'publicForm.employees', { range: size.replace('-', '–') }),
          )}</option>`,
      ),
    ];
    return `<select ${attrs}>${options.join('')}</select>`;
  }
  if (name === 'notes') {
    return `<textarea ${attrs} maxlength="${LEAD_FORM_MAX_LENGTH.notes}">${escapeHtml(value)}</textarea>`;
  }
  if (name === 'consent') return '';
  const type = name === 'email' ? 'email' : name === 'phone' ? 'tel' : 'text';
  const max = LEAD_FORM_MAX_LENGTH[name];
  const autocomplete = AUTOCOMPLETE[name] ? ` autocomplete="${AUTOCOMPLETE[name]}"` : '';
  return `<input type="${type}" ${attrs} maxlength="${max}" value="${escapeHtml(value)}"${autocomplete}>`;
}

function fieldBlock(spec: LeadFormFieldSpec, locale: Locale, state: PageState): string {
  const error = state.errors[spec.field];
  const label = escapeHtml(spec.label[locale]);
  const mark = spec.required
    ? `<span class="mark" aria-label="${escapeHtml(translate(locale, 'publicForm.requiredMark'))}">*</span>`
    : '';
  const errorHtml = error ? `<p class="error" id="e-${spec.field}">${escapeHtml(error)}</p>` : '';
  const cls = `field${spec.field === 'consent' ? ' check' : ''}${error ? ' invalid' : ''}`;
  if (spec.field === 'consent') {
    const attrs = [
      spec.required ? 'required' : '',
      state.consent ? 'checked' : '',
      error ? 'aria-invalid="true" aria-describedby="e-consent"' : '',
    ]
      .filter(Boolean)
      .join(' ');
    return `<div class="${cls}"><label><input type="checkbox" name="consent" value="on" ${attrs}><span>${label}${mark}</span></label>${errorHtml}</div>`;
  }
  return `<div class="${cls}"><label for="f-${spec.field}">${label}${mark}</label>${control(spec, locale, state, Boolean(error))}${errorHtml}</div>`;
}

export function renderFormPage(
  form: PublicForm,
  locale: Locale,
  nonce: string,
  hidden: HiddenValues,
  state: PageState = { values: {}, consent: false, errors: {} },
): string {
  const texts = form.texts;
  const hiddenInputs = [
    ['submissionKey', hidden.submissionKey],
    ['lang', locale],
    ...UTM_PARAMS.map((p) => [p, hidden.utm[p] ?? '']),
    ['referrer', hidden.referrer],
    ['pageUrl', hidden.pageUrl],
  ]
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value ?? '')}">`)
    .join('\n');
  const intro = texts.intro[locale] ? `<p class="intro">${escapeHtml(texts.intro[locale])}</p>` : '';
  const summary =
    Object.keys(state.errors).length > 0
      ? `<p class="summary" role="alert">${escapeHtml(translate(locale, 'publicForm.checkFields'))}</p>`
      : '';
  const body = `<h1>${escapeHtml(texts.title[locale])}</h1>
${intro}
<form id="cl-form" method="post" accept-charset="utf-8">
${summary}
${form.fields.map((spec) => fieldBlock(spec, locale, state)).join('\n')}
${hiddenInputs}
<div class="hp" aria-hidden="true"><label>Website <input type="text" name="website" tabindex="-1" autocomplete="off"></label></div>
<button type="submit">${escapeHtml(texts.submit[locale])}</button>
</form>`;
  return page(locale, nonce, texts.title[locale], body);
}

export function renderMessagePage(locale: Locale, nonce: string, title: string, message: string): string {
  return page(
    locale,
    nonce,
    title,
    `<h1>${escapeHtml(title)}</h1>\n<p class="message" role="status">${escapeHtml(message)}</p>`,
  );
}

/**
 * The script embed: inserts an iframe of the hosted page after its own tag, passing the embedding page's UTM
 * parameters, referrer and address (a plain iframe cannot see them), and sizes the frame to its content.
 */
export function renderEmbedScript(hostedUrl: string): string {
  const base = JSON.stringify(hostedUrl).replace(/</g, '\\u003c');
  return `(function(){
var s=document.currentScript;if(!s||!s.parentNode)return;
var q=new URLSearchParams(location.search),p=new URLSearchParams();
var lang=s.getAttribute('data-lang');if(lang)p.set('lang',lang);
${JSON.stringify(UTM_PARAMS)}.forEach(function(k){var v=q.get(k);if(v)p.set(k,v.slice(0,200));});
if(document.referrer)p.set('ref',document.referrer.slice(0,2000));
p.set('page',location.href.split('#')[0].slice(0,2000));
var f=document.createElement('iframe');
f.src=${base}+'?'+p.toString();
f.title=s.getAttribute('data-title')||'Form';
f.style.width='100%';f.style.border='0';f.style.height='640px';
s.parentNode.insertBefore(f,s.nextSibling);
window.addEventListener('message',function(e){
if(e.source!==f.contentWindow||!e.data||e.data.type!=='closeloop:form-height')return;
var h=Math.min(Math.ceil(Number(e.data.height)),10000);if(h>0&&Math.abs(f.offsetHeight-h)>1)f.style.height=h+'px';
});
})();
`;
}
