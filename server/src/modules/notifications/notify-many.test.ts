import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addUser, newTenant, useTestApp } from '../../../test/helper';
import { outboxMails } from '../../platform/db/platform.tables';
import { withTenant } from '../../platform/db/tenancy';
import { notifyMany } from './notifications.service';
import { notifications } from './notifications.tables';

/** Many notifications at once: the same rows, dedupe and mail copies as one notify per input. */

const t = await useTestApp();

describe('notifyMany', () => {
  it('notifies every user of every input once, skips repeats by dedupe key, and queues mail copies', async () => {
    const admin = await newTenant(t);
    const tenantId = admin.me.tenant.id;
    const a = await addUser(t, admin, 'rep', 'Rep A');
    const b = await addUser(t, admin, 'manager', 'Manager B');
    const copies = { enabled: true, publicUrl: 'http://localhost:3000', queued: [] as string[] };
    const input = (n: number, userIds: string[]) => ({
      tenantId,
      userIds,
      kind: 'customer_at_risk' as const,
      params: { name: `客户${n}`, score: 40, threshold: 65 },
      entity: 'customer',
      entityId: `01a20c90-0bee-7de1-98ed-1b8b7a54635${String(n)}`,
      dedupeKey: `many:${n}`,
      mail: copies,
    });
    const first = await withTenant(t.platform.db, tenantId, (tx) =>
      notifyMany(tx, [input(1, [a.userId, b.userId, a.userId]), input(2, [a.userId]), input(3, [])]),
    );
    expect(first).toBe(3);
    const again = await withTenant(t.platform.db, tenantId, (tx) =>
      notifyMany(tx, [input(1, [a.userId, b.userId]), input(4, [b.userId])]),
    );
    expect(again).toBe(1);
    const rows = await withTenant(t.platform.db, tenantId, (tx) =>
      tx.select().from(notifications).where(eq(notifications.tenantId, tenantId)),
    );
    expect(rows.filter((r) => r.kind === 'customer_at_risk')).toHaveLength(4);
    expect(copies.queued).toHaveLength(4);
    const mails = await withTenant(t.platform.db, tenantId, (tx) =>
      tx.select().from(outboxMails).where(eq(outboxMails.tenantId, tenantId)),
    );
    expect(mails.length).toBeGreaterThanOrEqual(4);
  });
});
