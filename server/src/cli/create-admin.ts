import { parseArgs } from 'node:util';
import { Email, Password } from '@contracts/auth.contract';
import { createTenantWithAdmin } from '../modules/auth';
import type { Config } from '../platform/config';
import { ConfigError } from '../platform/config';
import { startServer } from '../server';

/** Creates a company with its first admin from the command line (or CLOSELOOP_ADMIN_* variables). */
export async function createAdminCommand(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      company: { type: 'string' },
      name: { type: 'string' },
    },
  });
  const email = Email.safeParse(values.email ?? process.env.CLOSELOOP_ADMIN_EMAIL);
  const password = Password.safeParse(values.password ?? process.env.CLOSELOOP_ADMIN_PASSWORD);
  if (!email.success) throw new ConfigError('--email must be a valid email address');
  if (!password.success) throw new ConfigError('--password must be at least 10 characters');
  const running = await startServer({ config: { ...config, bootstrapAdmin: undefined }, role: 'web' });
  try {
    const { me } = await createTenantWithAdmin(
      running.platform,
      {
        companyName: values.company ?? config.bootstrapAdmin?.companyName ?? 'Closeloop',
        name: values.name ?? 'Admin',
        email: email.data,
        password: password.data,
      },
      { onlyIfFirst: false, meta: null },
    );
    console.log(`Created company "${me.tenant.name}" (${me.tenant.id}) with admin ${me.user.email}.`);
  } finally {
    await running.stop();
  }
  return 0;
}
