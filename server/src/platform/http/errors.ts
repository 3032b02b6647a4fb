import type { Locale } from '@contracts/common';
import type { z } from 'zod';
import { type MessageKey, translate } from '../i18n/i18n';

/**
 * Every error a client can see: a stable code, its HTTP status, and a translated detail.
 * Services throw `AppError`; the error handler renders RFC 9457 problem+json.
 */

const STATUS = {
  validation_failed: 400,
  bad_request: 400,
  link_invalid: 400,
  wrong_password: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  token_scope: 403,
  user_inactive: 403,
  not_found: 404,
  route_not_found: 404,
  email_taken: 409,
  name_taken: 409,
  conflict: 409,
  tenant_choice_required: 409,
  setup_done: 409,
  idempotency_in_progress: 409,
  cannot_change_self: 409,
  last_admin: 409,
  version_conflict: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  version_required: 428,
  too_many_attempts: 429,
  internal: 500,
  storage_failed: 500,
  unavailable: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof STATUS;

export type FieldError = { path: string; code: string; detail: string };

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly vars: Record<string, unknown> = {},
    /** Extra members of the problem document (e.g. `choices` for tenant_choice_required). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(code);
    this.status = STATUS[code];
  }
}

/** Input that failed its contract; carries the raw issues so they can be translated per request. */
export class ValidationError extends Error {
  readonly statusCode = 400;
  constructor(readonly issues: z.core.$ZodIssue[]) {
    super('validation_failed');
  }
}

export function fieldErrors(issues: z.core.$ZodIssue[], locale: Locale): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({
          path: base ? `${base}.${key}` : key,
          code: 'unrecognized_key',
          detail: translate(locale, 'fields.unrecognized_key'),
        });
      }
      continue;
    }
    out.push({ path: base, code: issue.code, detail: issueDetail(issue, locale) });
  }
  return out;
}

const CUSTOM_MESSAGES = new Set(['password_too_short', 'invalid_time_zone', 'invalid_currency']);

function issueDetail(issue: z.core.$ZodIssue, locale: Locale): string {
  if (CUSTOM_MESSAGES.has(issue.message)) return translate(locale, `fields.${issue.message}` as MessageKey);
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? translate(locale, 'fields.required')
        : translate(locale, 'fields.invalid_type', { expected: issue.expected });
    case 'too_small':
    case 'too_big': {
      const origin = ['string', 'number', 'array'].includes(issue.origin) ? issue.origin : 'number';
      const key = `fields.${issue.code}_${origin}` as MessageKey;
      return translate(locale, key, {
        minimum: 'minimum' in issue ? String(issue.minimum) : '',
        maximum: 'maximum' in issue ? String(issue.maximum) : '',
      });
    }
    case 'invalid_format':
      return translate(locale, 'fields.invalid_format', { format: issue.format });
    case 'invalid_value':
      return translate(locale, 'fields.invalid_value', { options: issue.values.map(String).join(', ') });
    default:
      return translate(locale, 'fields.invalid');
  }
}
