import { randomBytes } from 'node:crypto';

/**
 * Nurture mails as sent: merge fields filled, the plain-text body turned into HTML in which every link goes
 * through a tracked redirect, plus a 1×1 open pixel. The plain-text alternative keeps the original links, so
 * a reader of the text part sees where a link leads. Pure apart from token generation.
 */

export type MergeValues = { contactName: string; companyName: string; ownerName: string };

const MERGE_RE = /\{\{\s*(contactName|companyName|ownerName)\s*\}\}/g;

export function fillMergeFields(template: string, values: MergeValues): string {
  return template.replace(MERGE_RE, (_, name: keyof MergeValues) => values[name]);
}

/** `[label](https://…)` or a bare `https://…`; the URL alphabet is ASCII so Chinese punctuation ends a link. */
const LINK_RE =
  /\[([^\]\n]{1,200})\]\((https?:\/\/[^\s()<>"]+)\)|(https?:\/\/[A-Za-z0-9\-._~:/?#@!$&*+,;=%]+)/g;
const TRAILING_PUNCTUATION = /[.,;:!?]+$/;

export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; label: string; url: string };

export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const m of text.matchAll(LINK_RE)) {
    const start = m.index ?? 0;
    let raw = m[0];
    let url = m[2] ?? m[3] ?? '';
    let label = m[1] ?? url;
    if (!m[2]) {
      // A bare link ending a sentence: the full stop belongs to the sentence.
      const trimmed = url.replace(TRAILING_PUNCTUATION, '');
      raw = raw.slice(0, raw.length - (url.length - trimmed.length));
      url = trimmed;
      label = trimmed;
    }
    if (start > at) parts.push({ kind: 'text', text: text.slice(at, start) });
    parts.push({ kind: 'link', label, url });
    at = start + raw.length;
  }
  if (at < text.length) parts.push({ kind: 'text', text: text.slice(at) });
  return parts;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A tracking token carries its tenant, so the public endpoint can open the tenant without a lookup across tenants. */
export function newTrackingToken(tenantId: string): string {
  return `${tenantId}.${randomBytes(16).toString('base64url')}`;
}

export function tenantOfToken(token: string): string | null {
  const tenantId = token.split('.', 1)[0] ?? '';
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(tenantId) ? tenantId : null;
}

export type TrackedMail = {
  subject: string;
  text: string;
  html: string;
  /** Rows for lead_mail_tracking: one per link occurrence, and the pixel (url null). */
  tokens: { token: string; url: string | null }[];
};

export function renderTrackedMail(input: {
  subject: string;
  body: string;
  values: MergeValues;
  /** PUBLIC_URL: where the tracking endpoints are reached from a mail client. */
  baseUrl: string;
  newToken: () => string;
}): TrackedMail {
  const subject = fillMergeFields(input.subject, input.values).replace(/\s+/g, ' ').trim();
  const body = fillMergeFields(input.body, input.values);
  const parts = splitLinks(body);
  const tokens: TrackedMail['tokens'] = [];
  const text = parts
    .map((p) => (p.kind === 'text' ? p.text : p.label === p.url ? p.url : `${p.label} (${p.url})`))
    .join('');
  const inner = parts
    .map((p) => {
      if (p.kind === 'text') return escapeHtml(p.text);
      const token = input.newToken();
      tokens.push({ token, url: p.url });
      return `<a href="${escapeHtml(`${input.baseUrl}/t/c/${token}`)}">${escapeHtml(p.label)}</a>`;
    })
    .join('');
  const paragraphs = inner
    .split(/\n{2,}/)
    .map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  const pixel = input.newToken();
  tokens.push({ token: pixel, url: null });
  const html = [
    '<!doctype html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    "<body style=\"font-family:-apple-system,'PingFang SC','Microsoft YaHei',Arial,sans-serif;font-size:14px;line-height:1.6\">",
    paragraphs,
    `<img src="${escapeHtml(`${input.baseUrl}/t/o/${pixel}`)}" width="1" height="1" alt="" style="display:block;border:0">`,
    '</body></html>',
  ].join('\n');
  return { subject, text: text.endsWith('\n') ? text : `${text}\n`, html, tokens };
}
