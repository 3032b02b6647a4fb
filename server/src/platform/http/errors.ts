import type { Locale } from '@contracts/common';
import type { z } from 'zod';
import { type Catalogue, type MessageKey, translate } from '../i18n/i18n';

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
  in_use: 409,
  transition_not_allowed: 409,
  lead_converted: 409,
  not_convertible: 409,
  import_started: 409,
  import_finished: 409,
  campaign_in_use: 409,
  form_in_use: 409,
  lead_has_owner: 409,
  not_a_task: 409,
  daily_log_submitted: 409,
  daily_log_not_submitted: 409,
  customer_claimed: 409,
  claim_limit_reached: 409,
  customer_in_pool: 409,
  customer_churned: 409,
  customer_not_churned: 409,
  needs_empty: 409,
  needs_not_confirmed: 409,
  gate_blocked: 409,
  deal_closed: 409,
  deal_not_closed: 409,
  proposal_locked: 409,
  proposal_not_in_review: 409,
  proposal_not_approved: 409,
  no_proposal_reviewer: 409,
  own_proposal_review: 403,
  own_minutes_approval: 403,
  floor_not_pending: 409,
  minutes_not_agreed: 409,
  approval_required: 409,
  approval_not_required: 409,
  approval_pending: 409,
  approval_decided: 409,
  no_approver: 409,
  own_approval: 403,
  not_your_approval_step: 403,
  quote_empty: 409,
  quote_not_accepted: 409,
  instalment_paid: 409,
  contract_not_signed: 409,
  no_payment_plan: 409,
  contract_not_live: 409,
  renewal_deal_open: 409,
  product_code_taken: 409,
  document_tampered: 409,
  version_conflict: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  version_required: 428,
  too_many_attempts: 429,
  rate_limited: 429,
  too_many_requests: 429,
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

/** A field-level message code of the `fields` catalogue. */
export type FieldCode = keyof Catalogue['fields'];

/**
 * Input the contract accepted but a business rule refuses, naming the fields: a 400 whose `errors` are
 * translated per request like the contract's own. E.g. `invalidFields({ path: 'phone', code: 'invalid_phone' })`.
 */
export class FieldsError extends AppError {
  constructor(readonly fields: { path: string; code: FieldCode; vars?: Record<string, unknown> }[]) {
    super('validation_failed');
  }
}

export function invalidFields(
  ...fields: { path: string; code: FieldCode; vars?: Record<string, unknown> }[]
) {
  return new FieldsError(fields);
}

/**
 * An error as one sentence in the caller's language: what a batch reports for each record that failed (the
 * field messages of a FieldsError, else the error's own).
 */
export function errorSentence(error: AppError, locale: Locale): string {
  return error instanceof FieldsError
    ? error.fields.map((f) => translate(locale, `fields.${f.code}`, f.vars ?? {})).join(' ')
    : translate(locale, `errors.${error.code}`, error.vars);
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

/** Messages a contract's refinements use; each is a key of the `fields` catalogue. */
const CUSTOM_MESSAGES = new Set([
  'password_too_short',
  'invalid_time_zone',
  'invalid_currency',
  'invalid_quantity',
  'company_or_contact_required',
  'lead_or_email_required',
  'invalid_credit_code',
  'cutoffs_not_ascending',
  'tier_minimums_order',
  'invalid_field_key',
  'invalid_custom_filter',
  'duplicate_stage_name',
  'invalid_month',
  'contract_or_customer_required',
  'tax_above_amount',
  'void_reason_required',
  'ids_or_filter_required',
  'invalid_rate',
]);

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
