import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isResponseSerializationError } from 'fastify-type-provider-zod';
import { translate } from '../i18n/i18n';
import { AppError, type ErrorCode, FieldsError, fieldErrors, ValidationError } from './errors';

/** Renders any thrown error as RFC 9457 problem+json in the request's language; 5xx details never leak. */

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported_media_type',
  FST_REQ_FILE_TOO_LARGE: 'payload_too_large',
  FST_FILES_LIMIT: 'bad_request',
};

export function sendProblem(error: unknown, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const locale = req.locale ?? 'en-US';
  let code: ErrorCode = 'internal';
  let vars: Record<string, unknown> = {};
  let extensions: Record<string, unknown> = {};
  let errors: ReturnType<typeof fieldErrors> | undefined;

  if (error instanceof FieldsError) {
    code = error.code;
    errors = error.fields.map((f) => ({
      path: f.path,
      code: f.code,
      detail: translate(locale, `fields.${f.code}`, f.vars ?? {}),
    }));
  } else if (error instanceof AppError) {
    code = error.code;
    vars = error.vars;
    extensions = error.extensions;
  } else if (error instanceof ValidationError) {
    code = 'validation_failed';
    errors = fieldErrors(error.issues, locale);
  } else if (databaseCode(error) === '23505') {
    // A unique index caught a race that the service's own check could not see.
    code = 'conflict';
  } else if (databaseCode(error) === '23503') {
    // A foreign key refused to drop a row that other records still point at.
    code = 'in_use';
  } else if (databaseUnreachable(error)) {
    // The database restarts or cannot be reached: nothing was done, and trying again shortly will work.
    code = 'unavailable';
    reply.header('retry-after', '1');
  } else if (isResponseSerializationError(error)) {
    req.log.error({ err: error, issues: error.cause.issues }, 'response does not match its contract');
  } else {
    const fe = error as Partial<FastifyError>;
    const mapped = fe.code ? FASTIFY_CODES[fe.code] : undefined;
    if (mapped) {
      code = mapped;
      vars = { limit: '1 MB', expected: 'application/json' };
    } else if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      code =
        fe.statusCode === 404 ? 'not_found' : fe.statusCode === 429 ? 'too_many_attempts' : 'bad_request';
    }
  }

  const status = new AppError(code).status;
  // An unreachable database is an expected outage (a warning); any other 5xx is a fault (an error).
  if (code === 'unavailable') req.log.warn({ err: error }, 'database unavailable');
  else if (status >= 500) req.log.error({ err: error }, 'request failed');
  if (
    error instanceof AppError &&
    (error.code === 'too_many_attempts' || error.code === 'too_many_requests') &&
    typeof vars.retryAfter === 'number'
  ) {
    reply.header('retry-after', String(vars.retryAfter));
  }
  return reply
    .code(status)
    .type('application/problem+json')
    .send({
      type: `https://closeloop.dev/problems/${code.replace(/_/g, '-')}`,
      title: code,
      status,
      code,
      detail: translate(locale, `errors.${code}`, vars),
      instance: req.url.split('?')[0],
      requestId: req.id,
      ...(errors ? { errors } : {}),
      ...extensions,
    });
}

/** Connection exceptions (08), shutdown and start-up (57P01-57P03), and refused or lost sockets. */
const UNREACHABLE_SQLSTATE = /^(08...|57P0[123])$/;
/** Socket errors of a connection being opened or used while the server goes away or comes back. */
const UNREACHABLE_SOCKET = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
/** node-postgres's own errors for a connection that ended, which carry no code. */
const UNREACHABLE_MESSAGES = /^(Connection terminated|Client has encountered a connection error)/;

function databaseUnreachable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 3; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (UNREACHABLE_SQLSTATE.test(code) || UNREACHABLE_SOCKET.has(code)))
      return true;
    if (typeof message === 'string' && UNREACHABLE_MESSAGES.test(message)) return true;
  }
  return false;
}

/** SQLSTATE of a database error, looking through drizzle's wrapper. */
function databaseCode(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && depth < 3; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}
