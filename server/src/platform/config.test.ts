import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

/** Configuration is read once from the environment and refused, naming the variable, when it is wrong. */

function errorOf(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('starts with safe defaults from an empty environment', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      dataDir: path.resolve('./data'),
      databaseUrl: undefined,
      publicUrl: 'http://localhost:3000',
      logLevel: 'info',
      bootstrapAdmin: undefined,
      smtpUrl: undefined,
      mailFrom: 'Closeloop <no-reply@localhost>',
      sessionTtlMs: 14 * 24 * 3600_000,
      resetLinkTtlMs: 3600_000,
      inviteLinkTtlMs: 7 * 24 * 3600_000,
      filesMaxBytes: 25 * 1024 * 1024,
      leadImportMaxBytes: 500 * 1024 * 1024,
      cookieSecure: false,
      trustProxy: false,
      s3: undefined,
    });
  });

  it('reads and normalises the variables it is given', () => {
    const config = loadConfig({
      PORT: '8080',
      DATA_DIR: '/tmp/closeloop-data',
      DATABASE_URL: 'postgresql://app@db:5432/crm',
      PUBLIC_URL: 'https://crm.example.com/',
      CLOSELOOP_ADMIN_EMAIL: 'Owner@Example.com',
      CLOSELOOP_ADMIN_PASSWORD: 'long enough secret',
      SESSION_TTL_HOURS: '8',
      RESET_LINK_TTL_SECONDS: '900',
      COOKIE_SECURE: 'true',
    });
    expect(config).toMatchObject({
      port: 8080,
      dataDir: '/tmp/closeloop-data',
      databaseUrl: 'postgresql://app@db:5432/crm',
      publicUrl: 'https://crm.example.com',
      bootstrapAdmin: {
        email: 'owner@example.com',
        password: 'long enough secret',
        companyName: 'Closeloop',
      },
      sessionTtlMs: 8 * 3600_000,
      resetLinkTtlMs: 900_000,
      cookieSecure: true,
    });
  });

  it('refuses a bad PORT, naming it', () => {
    for (const port of ['http', '-1', '65536', '80.5']) {
      const error = errorOf({ PORT: port });
      expect(error.message, port).toMatch(/\bPORT\b/);
    }
  });

  it('treats an empty PORT as unset or refuses it, never as port 0', () => {
    let port: number | null = null;
    try {
      port = loadConfig({ PORT: '' }).port;
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toMatch(/\bPORT\b/);
    }
    expect([null, 3000]).toContain(port);
  });

  it('refuses a DATABASE_URL that is not PostgreSQL, naming it', () => {
    for (const url of ['mysql://root@db/crm', 'db:5432', 'sqlite:data.db']) {
      expect(errorOf({ DATABASE_URL: url }).message, url).toMatch(/DATABASE_URL/);
    }
  });

  it('refuses an admin email without a password, and the reverse', () => {
    const noPassword = errorOf({ CLOSELOOP_ADMIN_EMAIL: 'owner@example.com' });
    expect(noPassword.message).toMatch(/CLOSELOOP_ADMIN_EMAIL/);
    expect(noPassword.message).toMatch(/CLOSELOOP_ADMIN_PASSWORD/);
    expect(errorOf({ CLOSELOOP_ADMIN_PASSWORD: 'long enough secret' }).message).toMatch(
      /CLOSELOOP_ADMIN_EMAIL/,
    );
    expect(
      errorOf({ CLOSELOOP_ADMIN_EMAIL: 'owner@example.com', CLOSELOOP_ADMIN_PASSWORD: 'short' }).message,
    ).toMatch(/CLOSELOOP_ADMIN_PASSWORD/);
    expect(
      errorOf({ CLOSELOOP_ADMIN_EMAIL: 'not-an-email', CLOSELOOP_ADMIN_PASSWORD: 'long enough secret' })
        .message,
    ).toMatch(/CLOSELOOP_ADMIN_EMAIL/);
  });

  it('names every other invalid variable', () => {
    const cases: [string, string][] = [
      ['SMTP_URL', 'mail.example.com:25'],
      ['LOG_LEVEL', 'verbose'],
      ['FILES_MAX_BYTES', '10'],
      ['SESSION_TTL_HOURS', '0'],
      ['RESET_LINK_TTL_SECONDS', '0'],
      ['INVITE_LINK_TTL_SECONDS', 'week'],
      ['PUBLIC_URL', 'crm.example.com'],
      ['COOKIE_SECURE', 'yes'],
    ];
    for (const [name, value] of cases) expect(errorOf({ [name]: value }).message, name).toMatch(name);
  });

  it('needs all S3 settings or none', () => {
    const error = errorOf({ S3_ENDPOINT: 'http://127.0.0.1:9000', S3_BUCKET: 'files' });
    expect(error.message).toMatch(/S3_ACCESS_KEY_ID/);
    const s3 = loadConfig({
      S3_ENDPOINT: 'http://127.0.0.1:9000/',
      S3_BUCKET: 'files',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
    }).s3;
    expect(s3).toEqual({
      endpoint: 'http://127.0.0.1:9000',
      bucket: 'files',
      region: 'us-east-1',
      accessKeyId: 'key',
      secretAccessKey: 'secret',
    });
  });
});
