import path from 'node:path';
import { z } from 'zod';

/** Process configuration, read once from the environment and validated before anything starts. */

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** Base URL users reach the app at; used in mailed links. */
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CLOSELOOP_ADMIN_EMAIL: z.email().optional(),
  CLOSELOOP_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  CLOSELOOP_COMPANY_NAME: z.string().min(1).default('Closeloop'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Closeloop <no-reply@localhost>'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 14),
  /** How long a mailed password-reset link works; short values let the drills watch one expire. */
  RESET_LINK_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 3600)
    .default(3600),
  /** How long an invitation link works. */
  INVITE_LINK_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(30 * 24 * 3600)
    .default(7 * 24 * 3600),
  FILES_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(25 * 1024 * 1024),
  /** Lead import files (CSV/XLSX) are streamed, so they may be far larger than attachments. */
  LEAD_IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(500 * 1024 * 1024),
  /** Cookies always marked Secure; without it they are Secure whenever the request came over HTTPS. */
  COOKIE_SECURE: z.enum(['true', 'false']).default('false'),
  /** Trust X-Forwarded-* from a reverse proxy (for client IPs in throttling and audit). */
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  /** S3-compatible attachment store (path-style URLs); without it files go under DATA_DIR/files. */
  S3_ENDPOINT: z.url().optional(),
  S3_BUCKET: z.string().min(1).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
});

export type S3Config = {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
};

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: string;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  bootstrapAdmin: { email: string; password: string; companyName: string } | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  sessionTtlMs: number;
  resetLinkTtlMs: number;
  inviteLinkTtlMs: number;
  filesMaxBytes: number;
  leadImportMaxBytes: number;
  cookieSecure: boolean;
  trustProxy: boolean;
  s3: S3Config | undefined;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // `PORT=` in a shell or a compose file means "not set", never an empty value (PORT would coerce to 0).
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = Env.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (Boolean(e.CLOSELOOP_ADMIN_EMAIL) !== Boolean(e.CLOSELOOP_ADMIN_PASSWORD)) {
    throw new ConfigError(
      'Invalid configuration:\n  CLOSELOOP_ADMIN_EMAIL and CLOSELOOP_ADMIN_PASSWORD must be set together',
    );
  }
  const s3Parts = [e.S3_ENDPOINT, e.S3_BUCKET, e.S3_ACCESS_KEY_ID, e.S3_SECRET_ACCESS_KEY];
  if (s3Parts.some(Boolean) && !s3Parts.every(Boolean)) {
    throw new ConfigError(
      'Invalid configuration:\n  S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    logLevel: e.LOG_LEVEL,
    bootstrapAdmin:
      e.CLOSELOOP_ADMIN_EMAIL && e.CLOSELOOP_ADMIN_PASSWORD
        ? {
            email: e.CLOSELOOP_ADMIN_EMAIL.toLowerCase(),
            password: e.CLOSELOOP_ADMIN_PASSWORD,
            companyName: e.CLOSELOOP_COMPANY_NAME,
          }
        : undefined,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    resetLinkTtlMs: e.RESET_LINK_TTL_SECONDS * 1000,
    inviteLinkTtlMs: e.INVITE_LINK_TTL_SECONDS * 1000,
    filesMaxBytes: e.FILES_MAX_BYTES,
    leadImportMaxBytes: e.LEAD_IMPORT_MAX_BYTES,
    cookieSecure: e.COOKIE_SECURE === 'true',
    trustProxy: e.TRUST_PROXY === 'true',
    s3:
      e.S3_ENDPOINT && e.S3_BUCKET && e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
        ? {
            endpoint: e.S3_ENDPOINT.replace(/\/$/, ''),
            bucket: e.S3_BUCKET,
            region: e.S3_REGION,
            accessKeyId: e.S3_ACCESS_KEY_ID,
            secretAccessKey: e.S3_SECRET_ACCESS_KEY,
          }
        : undefined,
  };
}
