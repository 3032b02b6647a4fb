import type { Customer } from '@contracts/customers.contract';
import { describe, expect, it } from 'vitest';
import {
  addUser,
  as,
  movableClock,
  newTenant,
  useSmtpReceiver,
  useTestApp,
  waitFor,
} from '../../../../test/helper';
import { sweepTenantPool } from './pool-sweep';

/** With SMTP set up, the pool's warning and return notices also go out by mail, linking to the app. */

const smtp = await useSmtpReceiver();
const clock = movableClock(new Date('2030-05-06T01:00:00.000Z'));
const t = await useTestApp({ smtpUrl: smtp.smtpUrl, publicUrl: 'https://crm.example.cn' }, { clock });
const DAY = 86_400_000;
/** Undoes quoted-printable soft line breaks and escapes, enough to find a link in a mail. */
const unwrap = (raw: string) =>
  raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

describe('pool mail copies', () => {
  it('mail the owner the warning with the customer’s link, then the return with the pool’s', async () => {
    const admin = await newTenant(t);
    const rep = await addUser(t, admin, 'rep', 'Rep Ren');
    await as(t, rep.session)({ method: 'PATCH', url: '/api/v1/me', payload: { locale: 'en-US' } });
    const res = await as(
      t,
      admin,
    )({
      method: 'POST',
      url: '/api/v1/customers',
      payload: { name: 'Quiet Trading', ownerId: rep.userId },
    });
    const customer = res.json<Customer>();
    const start = clock.now().getTime();
    const mails = () => smtp.received.filter((m) => m.to.includes(rep.email));

    clock.set(new Date(start + 27 * DAY));
    expect(await sweepTenantPool(t.platform, admin.me.tenant.id, clock.now())).toMatchObject({ warned: 1 });
    const warning = await waitFor(
      async () => mails().find((m) => unwrap(m.raw).includes('returns to the public pool')),
      'the warning mail',
    );
    expect(unwrap(warning.raw)).toContain(`https://crm.example.cn/customers/${customer.id}`);

    clock.set(new Date(start + 30 * DAY));
    expect(await sweepTenantPool(t.platform, admin.me.tenant.id, clock.now())).toMatchObject({ returned: 1 });
    const returned = await waitFor(
      async () => mails().find((m) => unwrap(m.raw).includes('has returned to the public pool')),
      'the return mail',
    );
    expect(unwrap(returned.raw)).toContain('https://crm.example.cn/customers/pool');
  });
});
