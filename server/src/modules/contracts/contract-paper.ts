import type { Contract } from '@contracts/contracts.contract';
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { can } from '../../platform/access';
import { writeAudit } from '../../platform/audit';
import { dayIn } from '../../platform/calendar';
import { users } from '../../platform/db/identity.tables';
import { withTenant } from '../../platform/db/tenancy';
import { AppError, invalidFields } from '../../platform/http/errors';
import type { Platform } from '../../platform/platform';
import { type ContractCaller, contractFor } from './contract-access';
import { concludeSigning, revokePendingLinks, storeFile, update, withBlobs } from './contract-signing';
import { tenantFacts } from './contracts.service';
import { contractSignatures } from './contracts.tables';

/**
 * A contract signed on paper (盖章 and signatures on a printed copy, common in China) instead of through the
 * signing link: whoever may counter-sign (contracts.sign) uploads the scanned signed copy. The scan becomes the
 * final document (its sha256 verifies it later), both sides' signatures are recorded against it, pending
 * links are revoked, and the contract is signed (active when its term has started) with its handover opened,
 * in one transaction, exactly as counter-signing an e-signed contract ends.
 */

export const PAPER_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg']);

export type PaperSigning = {
  version: number;
  signerName: string;
  signedOn: string;
  file: { name: string; contentType: string; bytes: Buffer };
  ip: string | null;
  userAgent: string | null;
};

export async function recordPaperSigning(
  platform: Platform,
  caller: ContractCaller,
  contractId: string,
  input: PaperSigning,
): Promise<Contract> {
  if (!can(caller.role, 'contracts.sign')) throw new AppError('forbidden');
  const signerName = input.signerName.trim();
  if (!signerName) throw invalidFields({ path: 'signerName', code: 'invalid' });
  if (!PAPER_TYPES.has(input.file.contentType)) {
    throw new AppError('unsupported_media_type', { expected: [...PAPER_TYPES].join(', ') });
  }
  const tenantId = caller.actor.tenantId;
  return withBlobs(platform, (written) =>
    withTenant(platform.db, tenantId, async (tx) => {
      const row = await contractFor(tx, caller, contractId, 'read', { lock: true });
      if (row.version !== input.version) throw new AppError('version_conflict');
      const versionNo = row.approvedVersionNo;
      if (!['approved', 'sent'].includes(row.status) || versionNo === null || row.signedFileId !== null) {
        throw new AppError('transition_not_allowed', { from: row.status, to: 'signed' });
      }
      const now = platform.clock.now();
      const facts = await tenantFacts(tx, tenantId);
      const today = dayIn(now, facts.timeZone);
      if (input.signedOn > today) throw invalidFields({ path: 'signedOn', code: 'signed_on_future' });
      const scan = await storeFile(
        platform,
        tx,
        tenantId,
        {
          name: `${row.number}-signed-paper${extensionOf(input.file.contentType)}`,
          contentType: input.file.contentType,
          bytes: input.file.bytes,
          uploadedBy: caller.actor.userId,
        },
        written,
      );
      await revokePendingLinks(tx, tenantId, row.id);
      const [me] = await tx
        .select({ name: users.name })
        .from(users)
        .where(and(eq(users.tenantId, tenantId), eq(users.id, caller.actor.userId ?? '')));
      const signedAt = new Date(`${input.signedOn}T00:00:00Z`);
      const signature = { tenantId, contractId: row.id, versionNo, documentSha256: scan.sha256, signedAt };
      await tx.insert(contractSignatures).values([
        { ...signature, id: uuidv7(), side: 'customer', signerName, ip: null, userAgent: null },
        {
          ...signature,
          id: uuidv7(),
          side: 'company',
          signerName: me?.name ?? facts.name,
          signerUserId: caller.actor.userId,
          ip: input.ip,
          userAgent: input.userAgent?.slice(0, 500) ?? null,
        },
      ]);
      const status = row.startsOn && row.startsOn <= today ? 'active' : 'signed';
      const next = await update(tx, platform, row, {
        status,
        signedVersionNo: versionNo,
        signedOn: input.signedOn,
        signedFileId: scan.id,
        signedSha256: scan.sha256,
      });
      await writeAudit(tx, caller.actor, {
        entity: 'contract',
        entityId: row.id,
        action: 'paper_signed',
        changes: {
          status: { from: row.status, to: status },
          signedOn: { from: null, to: input.signedOn },
          signerName: { from: null, to: signerName },
          signedSha256: { from: null, to: scan.sha256 },
        },
      });
      return concludeSigning(tx, caller, next, now);
    }),
  );
}

const extensionOf = (contentType: string) =>
  contentType === 'application/pdf' ? '.pdf' : contentType === 'image/png' ? '.png' : '.jpg';
