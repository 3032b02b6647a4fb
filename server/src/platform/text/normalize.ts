/**
 * Keys the duplicate check compares: a phone in E.164, an email in lower case, a company name without
 * spacing, punctuation, width differences or legal suffixes. Each returns null when there is nothing to
 * compare (empty) and the phone and email ones also when the input is not a phone or an email at all.
 */

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(raw: string | null | undefined): string | null {
  const value = raw?.normalize('NFKC').trim().toLowerCase();
  if (!value || value.length > 254 || !EMAIL_RE.test(value)) return null;
  return value;
}

/** Mainland mobile numbers: 11 digits, 1 then 3–9. */
const CN_MOBILE = /^1[3-9]\d{9}$/;
/** Two-digit area codes (Beijing 010, Shanghai 021 … 029); all others have three digits after the 0. */
const CN_SHORT_AREA = /^(10|2\d)/;

/**
 * E.164 form of a phone number written the ways Chinese and international contacts write them:
 * `138 1234 5678`, `+86-138…`, `0086…`, `(021) 6123-4567`, `0571-8765 4321 转 802`, `400-820-8820`,
 * `+1 (415) 555-0100`. Without a country code, numbers are read as mainland China (`defaultCountry` 86).
 * Extensions are dropped: they do not tell two companies apart.
 */
export function normalizePhone(raw: string | null | undefined, defaultCountry = '86'): string | null {
  if (!raw) return null;
  let text = raw.normalize('NFKC').trim();
  if (!text) return null;
  // Drop an extension: "转 802", "ext. 12", "x12", "#12".
  text = text.replace(/\s*(?:转|分机|ext\.?|extension|x|#)\s*\d{1,6}\s*$/i, '');
  if (/[^\d\s+()\-./]/.test(text)) return null;
  const international = text.startsWith('+') || text.startsWith('00');
  let digits = text.replace(/\D/g, '');
  if (text.startsWith('00')) digits = digits.slice(2);

  if (international) {
    if (digits.startsWith('86')) return chinese(digits.slice(2), true);
    return digits.length >= 8 && digits.length <= 15 && !digits.startsWith('0') ? `+${digits}` : null;
  }
  if (digits.startsWith('86') && (digits.length === 13 || (digits.length >= 11 && digits[2] !== '1'))) {
    // 8613812345678 or 86 21 61234567 written without the plus.
    const rest = chinese(digits.slice(2), true);
    if (rest) return rest;
  }
  if (defaultCountry === '86') return chinese(digits);
  return digits.length >= 6 && digits.length <= 15 ? `+${defaultCountry}${digits.replace(/^0/, '')}` : null;
}

/**
 * A Chinese number without its country code as +86…; null when it is no valid mobile or landline. After a
 * country code a landline drops its trunk 0 (+86 21 …); written nationally it must have it (021 …).
 */
function chinese(national: string, afterCountryCode = false): string | null {
  if (CN_MOBILE.test(national)) return `+86${national}`;
  // 400/800 service numbers: 10 digits.
  if (/^[48]00\d{7}$/.test(national)) return `+86${national}`;
  const trunk = national.startsWith('0') ? national.slice(1) : national;
  // Landline: area code (2 or 3 digits after the trunk 0) + a 7- or 8-digit subscriber number.
  const area = CN_SHORT_AREA.test(trunk) ? 2 : 3;
  const subscriber = trunk.length - area;
  const trunkOk = national.startsWith('0') || afterCountryCode;
  if (trunkOk && subscriber >= 7 && subscriber <= 8 && /^[1-9]/.test(trunk)) {
    return `+86${trunk}`;
  }
  return null;
}

/** Legal forms at the end of a company name, longest first so that the longest one is removed. */
const LEGAL_SUFFIXES = [
  '股份有限公司',
  '有限责任公司',
  '集团有限公司',
  '有限公司',
  '(集团)',
  '(中国)',
  '公司',
  'company limited',
  'co ltd',
  'co limited',
  'pte ltd',
  'pty ltd',
  'limited',
  'ltd',
  'incorporated',
  'inc',
  'corporation',
  'corp',
  'company',
  'co',
  'llc',
  'gmbh',
  'plc',
  'ag',
  'sa',
  'srl',
  'bv',
  'kk',
];

/** Built once: company names are normalised for every lead of an import. */
const SUFFIX_MATCHERS = LEGAL_SUFFIXES.map((text) => ({
  text,
  latin: /^[a-z ]+$/.test(text),
  pattern: new RegExp(`(^|\\s)${text}$`),
}));

/**
 * A company name reduced to what identifies the company: full-width forms folded (NFKC), lower case, legal
 * suffixes (有限公司, Co., Ltd., Inc. …) removed, then every space and punctuation mark. "上海云帆科技有限公司"
 * and "上海云帆科技", or "Acme Co., Ltd." and "ACME", compare equal.
 */
export function normalizeCompany(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let name = raw.normalize('NFKC').toLowerCase().trim();
  // Suffixes are compared on a spaced-out form without punctuation, so "Co.,Ltd." reads "co ltd".
  name = name
    .replace(/[.,，。、·'’"“”]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  for (let changed = !LEGAL_SUFFIXES.includes(name); changed; ) {
    changed = false;
    for (const suffix of SUFFIX_MATCHERS) {
      const stripped = suffix.latin
        ? name.replace(suffix.pattern, '').trim()
        : name.endsWith(suffix.text)
          ? name.slice(0, -suffix.text.length).trim()
          : name;
      if (stripped !== name && stripped.length > 0) {
        name = stripped;
        changed = true;
      }
    }
  }
  const key = name.replace(/[\s\p{P}\p{S}]/gu, '');
  return key.length > 0 ? key : null;
}
