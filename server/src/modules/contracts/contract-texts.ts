import type { Locale } from '@contracts/common';

/**
 * The contracts module's own server-side texts in both languages: the customer's signing page, the mails,
 * the PDF and its certificate page, the kickoff task. (Error messages live in the platform catalogues.)
 */

const EN = {
  pageTitle: 'Contract {{number}}: signature',
  intro: '{{company}} asks you to sign the contract below.',
  download: 'Download the contract (PDF)',
  sha: 'Document fingerprint (SHA-256)',
  signer: 'Signer',
  codeHelp: 'A 6-digit code is needed to sign. We mail it to {{email}}.',
  sendCode: 'Mail me the code',
  codeSent: 'The code has been mailed to {{email}}; it is valid for 10 minutes.',
  code: 'Code',
  name: 'Type your full name',
  draw: 'Draw your signature',
  clear: 'Clear',
  agree: 'Sign the contract',
  decline: 'Decline to sign',
  reason: 'Reason',
  signed: 'Thank you: the contract was signed on {{at}}. The company will counter-sign it.',
  declined: 'You declined to sign this contract.',
  unavailable: 'This signing link is not valid: it was used, has expired or was withdrawn.',
  unavailableTitle: 'Link unavailable',
  wrongCode: 'The code is wrong or has expired ({{left}} tries left).',
  locked: 'Too many wrong codes: this link is locked. Ask the sender for a new link.',
  tampered:
    'The stored document no longer matches the one sent to you: it cannot be signed. Please contact the sender.',
  missing: 'Type your name and draw your signature.',
  mailSubject: 'Please sign contract {{number}} from {{company}}',
  mailText:
    'Dear {{name}},\n\n{{company}} asks you to sign contract {{number}} ({{title}}).\nOpen this link to read and sign it (valid until {{until}}):\n{{url}}\n\nThe contract is attached as a PDF.',
  codeSubject: 'Your signing code for contract {{number}}',
  codeText: 'Your code to sign contract {{number}} is {{code}}. It is valid for 10 minutes. Do not share it.',
  pdfVersion: 'Version {{version}}',
  certTitle: 'Signature certificate',
  certContract: 'Contract {{number}} · version {{version}} · {{title}}',
  certDocument: 'Signed document SHA-256: {{sha}}',
  certCustomer: 'Customer signature',
  certCompany: 'Company counter-signature',
  certSigner: 'Signer: {{name}} {{email}}',
  certTime: 'Time: {{at}}',
  certIp: 'IP: {{ip}}',
  certAgent: 'Browser: {{agent}}',
  certImage: 'Drawn signature SHA-256: {{sha}}',
  kickoff: 'Kickoff meeting: contract {{number}} ({{customer}})',
  kickoffBody:
    'Contract {{number}} is signed. Hold the kickoff meeting and work through the handover checklist.',
};

const ZH: typeof EN = {
  pageTitle: '合同 {{number}} · 在线签署',
  intro: '{{company}} 邀请您签署以下合同。',
  download: '下载合同（PDF）',
  sha: '文件指纹（SHA-256）',
  signer: '签署人',
  codeHelp: '签署前需要输入 6 位验证码，验证码将发送至 {{email}}。',
  sendCode: '发送验证码',
  codeSent: '验证码已发送至 {{email}}，10 分钟内有效。',
  code: '验证码',
  name: '请输入您的姓名',
  draw: '请手写签名',
  clear: '清除',
  agree: '确认签署',
  decline: '拒绝签署',
  reason: '原因',
  signed: '感谢您：合同已于 {{at}} 签署，我方将尽快完成会签。',
  declined: '您已拒绝签署该合同。',
  unavailable: '该签署链接无效：已使用、已过期或已撤回。',
  unavailableTitle: '链接不可用',
  wrongCode: '验证码错误或已过期（还可尝试 {{left}} 次）。',
  locked: '验证码错误次数过多，该链接已锁定。请联系发送方重新发送。',
  tampered: '存储的合同文件与发送给您的文件不一致，无法签署，请联系发送方。',
  missing: '请输入姓名并手写签名。',
  mailSubject: '请签署 {{company}} 的合同 {{number}}',
  mailText:
    '{{name}}，您好：\n\n{{company}} 邀请您签署合同 {{number}}（{{title}}）。\n请打开以下链接阅读并签署（有效期至 {{until}}）：\n{{url}}\n\n合同 PDF 见附件。',
  codeSubject: '合同 {{number}} 的签署验证码',
  codeText: '您签署合同 {{number}} 的验证码是 {{code}}，10 分钟内有效，请勿告知他人。',
  pdfVersion: '第 {{version}} 版',
  certTitle: '签署证书',
  certContract: '合同 {{number}} · 第 {{version}} 版 · {{title}}',
  certDocument: '签署文件 SHA-256：{{sha}}',
  certCustomer: '客户签署',
  certCompany: '公司会签',
  certSigner: '签署人：{{name}} {{email}}',
  certTime: '时间：{{at}}',
  certIp: 'IP：{{ip}}',
  certAgent: '浏览器：{{agent}}',
  certImage: '手写签名 SHA-256：{{sha}}',
  kickoff: '项目启动会：合同 {{number}}（{{customer}}）',
  kickoffBody: '合同 {{number}} 已签署。请召开项目启动会，并完成交接清单。',
};

export type ContractText = keyof typeof EN;

export function text(locale: Locale, key: ContractText, vars: Record<string, unknown> = {}): string {
  const template = (locale === 'en-US' ? EN : ZH)[key];
  return template.replace(/\{\{(\w+)\}\}/g, (_all, name: string) => String(vars[name] ?? ''));
}
