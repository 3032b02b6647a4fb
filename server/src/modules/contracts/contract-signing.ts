import { createHash, randomInt } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Contract } from '@contracts/contracts.contract';
import { MAX_SIGNATURE_CHARS } from '@contracts/contracts.contract';
import { and, desc, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { can } from '../../platform/access';
import { systemActor, writeAudit } from '../../platform/audit';
import { dayIn } from '../../platform/calendar';
import { composeToken, NO_TENANT, newSecret, parseToken, safeEqual, sha256 } from '../../platform/crypto';
import type { Tx } from '../../platform/db/database';
import { users } from '../../platform/db/identity.tables';
import { files } from '../../platform/db/platform.tables';
import { withTenant } from '../../platform/db/tenancy';
import { AppError, invalidFields } from '../../platform/http/errors';
import { dispatchMails, queueMail } from '../../platform/mail/mail';
import type { Platform } from '../../platform/platform';
import { getDeal } from '../deals';
import { notify } from '../notifications';
import { type ContractCaller, type ContractRow, contractFor } from './contract-access';
import { openHandover } from './contract-handover';
import { renderContractPdf, stampCertificate } from './contract-pdf';
import { loadContractSettings } from './contract-settings';
import { clausesOf } from './contract-templates';
import { text } from './contract-texts';
import { localeOf, presentContract, tenantFacts, type VersionRow, versionRow } from './contracts.service';
import { contractSignatures, contracts, contractVersions, signingRequests } from './contracts.tables';

/**
 * Built-in e-signature. The approved version is rendered to a PDF whose sha256 is kept on the version; the
 * customer signs through a single-use link `/s/<tenantId>.<requestId>.<secret>` (only the secret's hash is
 * stored), optionally after entering a 6-digit code mailed to the signer (hashed, 10 minutes, 5 wrong tries
 * per link in all). Signing re-hashes the stored PDF and refuses a document that no longer matches. The
 * company counter-signs: final PDF = the signed PDF + a certificate page; the handover opens in that
 * transaction.
 */

type RequestRow = typeof signingRequests.$inferSelect;
const CODE_MINUTES = 10;
const CODE_RESEND_MS = 60_000;
export const MAX_CODE_TRIES = 5;
const DAY = 86_400_000;

export const signingPath = (token: string) => `/s/${encodeURIComponent(token)}`;
const codeHashOf = (requestId: string, code: string) => sha256(`${requestId}:${code}:signing-code`);

export async function update(
  tx: Tx,
  platform: Platform,
  row: ContractRow,
  set: Partial<typeof contracts.$inferInsert>,
) {
  const [next] = await tx
    .update(contracts)
    .set({ ...set, version: row.version + 1, updatedAt: platform.clock.now() })
    .where(and(eq(contracts.tenantId, row.tenantId), eq(contracts.id, row.id)))
    .returning();
  if (!next) throw new Error('contract update returned nothing');
  return next;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

export async function storeFile(
  platform: Pick<Platform, 'files'>,
  tx: Tx,
  tenantId: string,
  input: { name: string; contentType: string; bytes: Buffer; uploadedBy: string | null },
  written: string[],
): Promise<{ id: string; sha256: string }> {
  const id = uuidv7();
  const stored = await platform.files.put(tenantId, id, Readable.from([input.bytes]));
  written.push(stored.storageKey);
  await tx.insert(files).values({
    tenantId,
    id,
    name: input.name,
    contentType: input.contentType,
    size: stored.size,
    sha256: stored.sha256,
    storageKey: stored.storageKey,
    uploadedBy: input.uploadedBy,
  });
  return { id, sha256: stored.sha256 };
}

/** The bytes of a stored file (by id) and their sha256 as they are now. */
async function fileBytes(platform: Platform, tx: Tx, tenantId: string, fileId: string): Promise<Buffer> {
  const [file] = await tx
    .select()
    .from(files)
    .where(and(eq(files.tenantId, tenantId), eq(files.id, fileId)));
  if (!file) throw new AppError('document_tampered');
  try {
    return await readAll(await platform.files.open(file.storageKey));
  } catch {
    // A missing blob is as untrustworthy as a changed one.
    throw new AppError('document_tampered');
  }
}

const hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Runs `work` and removes blobs it wrote when the transaction fails (nothing would point at them). */
export async function withBlobs<T>(
  platform: Pick<Platform, 'files'>,
  work: (written: string[]) => Promise<T>,
): Promise<T> {
  const written: string[] = [];
  try {
    return await work(written);
  } catch (error) {
    for (const key of written) await platform.files.remove(key).catch(() => undefined);
    throw error;
  }
}

/** Earlier links still pending stop working (a new link went out, or the contract was signed otherwise). */
export async function revokePendingLinks(tx: Tx, tenantId: string, contractId: string): Promise<void> {
  await tx
    .update(signingRequests)
    .set({ status: 'revoked' })
    .where(
      and(
        eq(signingRequests.tenantId, tenantId),
        eq(signingRequests.contractId, contractId),
        eq(signingRequests.status, 'pending'),
      ),
    );
}

/**
 * How a fully signed contract ends its signing, whichever way it was signed (counter-signed online or
 * recorded from paper): the deal's history notes it, the handover opens, and the contract is presented fresh.
 */
export async function concludeSigning(
  tx: Tx,
  caller: ContractCaller,
  next: ContractRow,
  now: Date,
): Promise<Contract> {
  await writeAudit(tx, caller.actor, {
    entity: 'deal',
    entityId: next.dealId,
    action: 'contract_signed',
    changes: { contract: { from: null, to: next.number } },
  });
  await openHandover(tx, caller.actor, next, now);
  const [fresh] = await tx
    .select()
    .from(contracts)
    .where(and(eq(contracts.tenantId, next.tenantId), eq(contracts.id, next.id)));
  return presentContract(tx, caller, fresh ?? next);
}

/**
 * Sends the approved version for signature: its PDF (rendered once per version and kept with its sha256),
 * a new single-use link (earlier pending links are revoked) mailed to the signer with the PDF attached.
 * The token is returned once, to copy.
 */
export async function sendForSignature(
  platform: Platform,
  caller: ContractCaller,
  contractId: string,
  input: {
    signerName: string;
    signerEmail: string;
    requireCode: boolean;
    expiresInDays?: number | undefined;
  },
): Promise<{ contract: Contract; link: { token: string; url: string } }> {
  const tenantId = caller.actor.tenantId;
  return withBlobs(platform, async (written) => {
    const result = await withTenant(platform.db, tenantId, async (tx) => {
      const row = await contractFor(tx, caller, contractId, 'edit', { lock: true });
      if (
        (row.status !== 'approved' && row.status !== 'sent') ||
        row.approvedVersionNo !== row.currentVersionNo
      ) {
        throw new AppError('transition_not_allowed', { from: row.status, to: 'sent' });
      }
      const versionNo = row.approvedVersionNo;
      const version = await versionRow(tx, tenantId, row.id, versionNo);
      if (!version) throw new Error('approved version missing');
      const now = platform.clock.now();
      const [facts, settings] = await Promise.all([
        tenantFacts(tx, tenantId),
        loadContractSettings(tx, tenantId),
      ]);
      const locale = localeOf(row.locale);
      let pdfFileId = version.pdfFileId;
      if (!pdfFileId) {
        const pdf = await renderContractPdf({
          locale,
          number: row.number,
          title: row.title,
          versionNo,
          clauses: clausesOf(version.clauses),
          createdAt: version.createdAt,
        });
        const file = await storeFile(
          platform,
          tx,
          tenantId,
          {
            name: `${row.number}-v${versionNo}.pdf`,
            contentType: 'application/pdf',
            bytes: pdf,
            uploadedBy: caller.actor.userId,
          },
          written,
        );
        pdfFileId = file.id;
        await tx
          .update(contractVersions)
          .set({ pdfFileId: file.id, pdfSha256: file.sha256 })
          .where(
            and(
              eq(contractVersions.tenantId, tenantId),
              eq(contractVersions.contractId, row.id),
              eq(contractVersions.versionNo, versionNo),
            ),
          );
      }
      await revokePendingLinks(tx, tenantId, row.id);
      const id = uuidv7();
      const secret = newSecret();
      const token = composeToken(tenantId, id, secret);
      const url = `${platform.config.publicUrl}${signingPath(token)}`;
      const expiresAt = new Date(now.getTime() + (input.expiresInDays ?? settings.signingDays) * DAY);
      await tx.insert(signingRequests).values({
        tenantId,
        id,
        contractId: row.id,
        versionNo,
        tokenHash: sha256(secret),
        signerName: input.signerName,
        signerEmail: input.signerEmail,
        // '' = a code is required and none was issued yet; null = no code.
        codeHash: input.requireCode ? '' : null,
        expiresAt,
        sentBy: caller.actor.userId,
      });
      const next = await update(tx, platform, row, { status: 'sent' });
      const vars = {
        name: input.signerName,
        company: facts.name,
        number: row.number,
        title: row.title,
        url,
        until: dayIn(expiresAt, facts.timeZone),
      };
      const mailId = await queueMail(tx, tenantId, {
        to: input.signerEmail,
        subject: text(locale, 'mailSubject', vars),
        text: text(locale, 'mailText', vars),
        attachments: [
          { fileId: pdfFileId, name: `${row.number}-v${versionNo}.pdf`, contentType: 'application/pdf' },
        ],
      });
      await writeAudit(tx, caller.actor, {
        entity: 'contract',
        entityId: row.id,
        action: 'send_for_signature',
        changes: {
          status: { from: row.status, to: 'sent' },
          versionNo: { from: null, to: versionNo },
          signerEmail: { from: null, to: input.signerEmail },
          requireCode: { from: null, to: input.requireCode },
        },
      });
      return { contract: await presentContract(tx, caller, next), link: { token, url }, mailId };
    });
    await dispatchMails(platform, tenantId, [result.mailId]);
    return { contract: result.contract, link: result.link };
  });
}

// ---- the customer's side ----

/**
 * Tells the contract's owner (its deal's owner when it has none) what the customer did on the signing page, in
 * the caller's transaction so the notice commits with the state change; the reader's client words it in their
 * language and links it to the contract.
 */
async function tellOwner(
  tx: Tx,
  contract: ContractRow,
  answer: { kind: 'contract_signed'; name: string } | { kind: 'contract_declined'; reason: string },
): Promise<void> {
  const ownerId =
    contract.ownerId ?? (await getDeal(tx, contract.tenantId, contract.dealId))?.ownerId ?? null;
  if (!ownerId) return;
  await notify(tx, {
    tenantId: contract.tenantId,
    userIds: [ownerId],
    kind: answer.kind,
    params: {
      number: contract.number,
      title: contract.title,
      name: answer.kind === 'contract_signed' ? answer.name : null,
      reason: answer.kind === 'contract_declined' ? answer.reason : null,
    },
    entity: 'contract',
    entityId: contract.id,
  });
}

export type SigningState = {
  request: RequestRow;
  contract: ContractRow;
  version: VersionRow;
  companyName: string;
  timeZone: string;
  /** pending and usable now */
  open: boolean;
};

async function find(tx: Tx, token: string, now: Date, lock: boolean): Promise<SigningState | null> {
  const parsed = parseToken(token) ?? { tenantId: NO_TENANT, id: NO_TENANT, secret: '' };
  const query = tx
    .select()
    .from(signingRequests)
    .where(and(eq(signingRequests.tenantId, parsed.tenantId), eq(signingRequests.id, parsed.id)));
  const [request] = await (lock ? query.for('update') : query);
  if (!request || !safeEqual(request.tokenHash, sha256(parsed.secret))) return null;
  if (request.status === 'revoked') return null;
  const [contract] = await tx
    .select()
    .from(contracts)
    .where(and(eq(contracts.tenantId, request.tenantId), eq(contracts.id, request.contractId)));
  const version = contract ? await versionRow(tx, contract.tenantId, contract.id, request.versionNo) : null;
  if (!contract || !version) return null;
  const facts = await tenantFacts(tx, contract.tenantId);
  const open =
    request.status === 'pending' &&
    request.expiresAt > now &&
    contract.status === 'sent' &&
    contract.approvedVersionNo === request.versionNo;
  // An expired link reads as unavailable like a used one: the page offers nothing to do.
  if (request.status === 'pending' && !open) return null;
  return { request, contract, version, companyName: facts.name, timeZone: facts.timeZone, open };
}

export async function viewSigning(platform: Platform, token: string): Promise<SigningState | null> {
  const parsed = parseToken(token);
  return withTenant(platform.db, parsed?.tenantId ?? NO_TENANT, (tx) =>
    find(tx, token, platform.clock.now(), false),
  );
}

export const formTokenOf = (s: SigningState) => sha256(`${s.request.tokenHash}:${s.request.id}:signing-form`);

export async function signingPdf(
  platform: Platform,
  token: string,
): Promise<{ name: string; body: Buffer } | null> {
  const parsed = parseToken(token);
  return withTenant(platform.db, parsed?.tenantId ?? NO_TENANT, async (tx) => {
    const state = await find(tx, token, platform.clock.now(), false);
    if (!state?.version.pdfFileId) return null;
    const body = await fileBytes(platform, tx, state.contract.tenantId, state.version.pdfFileId);
    return { name: `${state.contract.number}-v${state.version.versionNo}.pdf`, body };
  });
}

export type SignOutcome =
  | { kind: 'ok'; state: SigningState }
  | { kind: 'unavailable' }
  | { kind: 'wrong_code'; state: SigningState; left: number }
  | { kind: 'locked'; state: SigningState };

/** Mails a fresh 6-digit code to the signer (the tries left stay as they are: a new code resets nothing). */
export async function requestCode(
  platform: Platform,
  token: string,
  formToken: string,
): Promise<SignOutcome> {
  const parsed = parseToken(token);
  const tenantId = parsed?.tenantId ?? NO_TENANT;
  const result = await withTenant(platform.db, tenantId, async (tx) => {
    const now = platform.clock.now();
    const state = await find(tx, token, now, true);
    if (!state?.open || state.request.codeHash === null) return { outcome: { kind: 'unavailable' } as const };
    if (!safeEqual(formToken, formTokenOf(state))) throw new AppError('csrf_failed');
    if (state.request.codeAttempts >= MAX_CODE_TRIES) return { outcome: { kind: 'locked', state } as const };
    // One code mail a minute: the page cannot be used to flood the signer's inbox.
    const issuedAt = state.request.codeExpiresAt
      ? state.request.codeExpiresAt.getTime() - CODE_MINUTES * 60_000
      : 0;
    if (now.getTime() - issuedAt < CODE_RESEND_MS) return { outcome: { kind: 'ok', state } as const };
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await tx
      .update(signingRequests)
      .set({
        codeHash: codeHashOf(state.request.id, code),
        codeExpiresAt: new Date(now.getTime() + CODE_MINUTES * 60_000),
      })
      .where(
        and(eq(signingRequests.tenantId, state.request.tenantId), eq(signingRequests.id, state.request.id)),
      );
    const locale = localeOf(state.contract.locale);
    const mailId = await queueMail(tx, state.request.tenantId, {
      to: state.request.signerEmail,
      subject: text(locale, 'codeSubject', { number: state.contract.number }),
      text: text(locale, 'codeText', { number: state.contract.number, code }),
    });
    return { outcome: { kind: 'ok', state } as const, mailId };
  });
  if ('mailId' in result && result.mailId) await dispatchMails(platform, tenantId, [result.mailId]);
  return result.outcome;
}

export type SignInput = {
  formToken: string;
  name: string;
  code: string;
  signature: string;
  ip: string | null;
  userAgent: string | null;
};

function signaturePng(dataUrl: string): Buffer | null {
  const prefix = 'data:image/png;base64,';
  if (!dataUrl.startsWith(prefix) || dataUrl.length > MAX_SIGNATURE_CHARS) return null;
  const bytes = Buffer.from(dataUrl.slice(prefix.length), 'base64');
  const magic = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return bytes.length > magic.length && bytes.subarray(0, 8).equals(magic) ? bytes : null;
}

/**
 * The customer signs. Refused unless the link is open; with a code, a wrong one counts a try (committed even
 * though the signature is refused) and the fifth locks the link; the stored PDF must still hash to the
 * version's sha256.
 */
export async function signContract(
  platform: Platform,
  token: string,
  input: SignInput,
): Promise<SignOutcome> {
  const parsed = parseToken(token);
  const tenantId = parsed?.tenantId ?? NO_TENANT;
  const name = input.name.trim();
  const png = signaturePng(input.signature);
  if (!name) throw invalidFields({ path: 'name', code: 'invalid' });
  if (!png) throw invalidFields({ path: 'signature', code: 'signature_required' });
  return withBlobs(platform, (written) =>
    withTenant(platform.db, tenantId, async (tx): Promise<SignOutcome> => {
      const now = platform.clock.now();
      const state = await find(tx, token, now, true);
      if (!state?.open) return { kind: 'unavailable' };
      if (!safeEqual(input.formToken, formTokenOf(state))) throw new AppError('csrf_failed');
      const { request, contract, version } = state;
      if (request.codeHash !== null) {
        if (request.codeAttempts >= MAX_CODE_TRIES) return { kind: 'locked', state };
        const good =
          request.codeHash !== '' &&
          request.codeExpiresAt !== null &&
          request.codeExpiresAt > now &&
          safeEqual(request.codeHash, codeHashOf(request.id, input.code.trim()));
        if (!good) {
          const attempts = request.codeAttempts + 1;
          await tx
            .update(signingRequests)
            .set({ codeAttempts: attempts })
            .where(and(eq(signingRequests.tenantId, request.tenantId), eq(signingRequests.id, request.id)));
          return attempts >= MAX_CODE_TRIES
            ? { kind: 'locked', state }
            : { kind: 'wrong_code', state, left: MAX_CODE_TRIES - attempts };
        }
      }
      if (!version.pdfFileId || !version.pdfSha256) throw new AppError('document_tampered');
      const bytes = await fileBytes(platform, tx, request.tenantId, version.pdfFileId);
      if (!safeEqual(hex(bytes), version.pdfSha256)) throw new AppError('document_tampered');
      const image = await storeFile(
        platform,
        tx,
        request.tenantId,
        { name: `${contract.number}-signature.png`, contentType: 'image/png', bytes: png, uploadedBy: null },
        written,
      );
      await tx.insert(contractSignatures).values({
        tenantId: request.tenantId,
        id: uuidv7(),
        contractId: contract.id,
        versionNo: version.versionNo,
        side: 'customer',
        signerName: name,
        signerEmail: request.signerEmail,
        signingRequestId: request.id,
        imageFileId: image.id,
        documentSha256: version.pdfSha256,
        ip: input.ip,
        userAgent: input.userAgent?.slice(0, 500) ?? null,
        signedAt: now,
      });
      const [usedRequest] = await tx
        .update(signingRequests)
        .set({ status: 'signed', usedAt: now })
        .where(and(eq(signingRequests.tenantId, request.tenantId), eq(signingRequests.id, request.id)))
        .returning();
      const next = await update(tx, platform, contract, {
        status: 'signed',
        signedVersionNo: version.versionNo,
      });
      await writeAudit(tx, systemActor(request.tenantId), {
        entity: 'contract',
        entityId: contract.id,
        action: 'customer_signed',
        changes: {
          status: { from: contract.status, to: 'signed' },
          signerName: { from: null, to: name },
          documentSha256: { from: null, to: version.pdfSha256 },
          ip: { from: null, to: input.ip },
        },
      });
      await tellOwner(tx, contract, { kind: 'contract_signed', name });
      return {
        kind: 'ok',
        state: { ...state, request: usedRequest ?? request, contract: next, open: false },
      };
    }),
  );
}

/** The customer declines with a reason: the link is spent and the contract goes back to approved. */
export async function declineSigning(
  platform: Platform,
  token: string,
  input: { formToken: string; reason: string },
): Promise<SignOutcome> {
  const parsed = parseToken(token);
  return withTenant(platform.db, parsed?.tenantId ?? NO_TENANT, async (tx): Promise<SignOutcome> => {
    const now = platform.clock.now();
    const state = await find(tx, token, now, true);
    if (!state?.open) return { kind: 'unavailable' };
    if (!safeEqual(input.formToken, formTokenOf(state))) throw new AppError('csrf_failed');
    const reason = input.reason.trim().slice(0, 1000);
    if (!reason) throw invalidFields({ path: 'reason', code: 'invalid' });
    const [request] = await tx
      .update(signingRequests)
      .set({ status: 'declined', usedAt: now, declineReason: reason })
      .where(
        and(eq(signingRequests.tenantId, state.request.tenantId), eq(signingRequests.id, state.request.id)),
      )
      .returning();
    const next = await update(tx, platform, state.contract, { status: 'approved' });
    await writeAudit(tx, systemActor(state.contract.tenantId), {
      entity: 'contract',
      entityId: state.contract.id,
      action: 'customer_declined',
      changes: {
        status: { from: state.contract.status, to: 'approved' },
        reason: { from: null, to: reason },
      },
    });
    await tellOwner(tx, state.contract, { kind: 'contract_declined', reason });
    return {
      kind: 'ok',
      state: { ...state, request: request ?? state.request, contract: next, open: false },
    };
  });
}

// ---- the company's side ----

/**
 * Counter-signs for the company (contracts.sign): re-checks the signed document's hash, stamps the
 * certificate page, stores the final PDF and its sha256, records the company signature, dates the contract
 * (active at once when its term already started) and opens the handover, all in one transaction.
 */
export async function countersign(
  platform: Platform,
  caller: ContractCaller,
  contractId: string,
  version: number,
  meta: { ip: string | null; userAgent: string | null },
): Promise<Contract> {
  if (!can(caller.role, 'contracts.sign')) throw new AppError('forbidden');
  const tenantId = caller.actor.tenantId;
  return withBlobs(platform, (written) =>
    withTenant(platform.db, tenantId, async (tx) => {
      const row = await contractFor(tx, caller, contractId, 'read', { lock: true });
      if (row.version !== version) throw new AppError('version_conflict');
      if (row.status !== 'signed' || row.signedFileId !== null || row.signedVersionNo === null) {
        throw new AppError('transition_not_allowed', { from: row.status, to: 'signed' });
      }
      const signedVersion = await versionRow(tx, tenantId, row.id, row.signedVersionNo);
      const [customer] = await tx
        .select()
        .from(contractSignatures)
        .where(
          and(
            eq(contractSignatures.tenantId, tenantId),
            eq(contractSignatures.contractId, row.id),
            eq(contractSignatures.versionNo, row.signedVersionNo),
            eq(contractSignatures.side, 'customer'),
          ),
        )
        .orderBy(desc(contractSignatures.signedAt))
        .limit(1);
      if (!signedVersion?.pdfFileId || !signedVersion.pdfSha256 || !customer)
        throw new AppError('document_tampered');
      const signedBytes = await fileBytes(platform, tx, tenantId, signedVersion.pdfFileId);
      if (!safeEqual(hex(signedBytes), signedVersion.pdfSha256)) throw new AppError('document_tampered');
      const [image] = customer.imageFileId
        ? await tx
            .select({ sha256: files.sha256 })
            .from(files)
            .where(and(eq(files.tenantId, tenantId), eq(files.id, customer.imageFileId)))
        : [];
      const now = platform.clock.now();
      const facts = await tenantFacts(tx, tenantId);
      const locale = localeOf(row.locale);
      const [me] = await tx
        .select({ name: users.name })
        .from(users)
        .where(and(eq(users.tenantId, tenantId), eq(users.id, caller.actor.userId ?? '')));
      const signerName = me?.name ?? facts.name;
      const final = await stampCertificate(signedBytes, {
        locale,
        number: row.number,
        title: row.title,
        versionNo: row.signedVersionNo,
        documentSha256: signedVersion.pdfSha256,
        customer: {
          name: customer.signerName,
          email: customer.signerEmail,
          at: customer.signedAt.toISOString(),
          ip: customer.ip,
          userAgent: customer.userAgent,
          imageSha256: image?.sha256 ?? null,
        },
        company: {
          name: `${signerName} (${facts.name})`,
          email: null,
          at: now.toISOString(),
          ip: meta.ip,
          userAgent: meta.userAgent,
          imageSha256: null,
        },
      });
      const file = await storeFile(
        platform,
        tx,
        tenantId,
        {
          name: `${row.number}-signed.pdf`,
          contentType: 'application/pdf',
          bytes: final,
          uploadedBy: caller.actor.userId,
        },
        written,
      );
      await tx.insert(contractSignatures).values({
        tenantId,
        id: uuidv7(),
        contractId: row.id,
        versionNo: row.signedVersionNo,
        side: 'company',
        signerName,
        signerUserId: caller.actor.userId,
        documentSha256: signedVersion.pdfSha256,
        ip: meta.ip,
        userAgent: meta.userAgent?.slice(0, 500) ?? null,
        signedAt: now,
      });
      const today = dayIn(now, facts.timeZone);
      const status = row.startsOn && row.startsOn <= today ? 'active' : 'signed';
      const next = await update(tx, platform, row, {
        status,
        signedOn: today,
        signedFileId: file.id,
        signedSha256: file.sha256,
      });
      await writeAudit(tx, caller.actor, {
        entity: 'contract',
        entityId: row.id,
        action: 'countersign',
        changes: {
          status: { from: row.status, to: status },
          signedOn: { from: null, to: today },
          signedSha256: { from: null, to: file.sha256 },
        },
      });
      return concludeSigning(tx, caller, next, now);
    }),
  );
}

/** A version's PDF (rendered and kept when it was sent) or the final counter-signed PDF. */
export async function contractPdf(
  platform: Platform,
  caller: ContractCaller,
  contractId: string,
  which: { final: boolean; version?: number | undefined },
): Promise<{ name: string; body: Buffer }> {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const row = await contractFor(tx, caller, contractId, 'read');
    if (which.final) {
      if (!row.signedFileId) throw new AppError('not_found');
      return {
        name: `${row.number}-signed.pdf`,
        body: await fileBytes(platform, tx, tenantId, row.signedFileId),
      };
    }
    const no = which.version ?? row.currentVersionNo;
    const version = await versionRow(tx, tenantId, row.id, no);
    if (!version) throw new AppError('not_found');
    if (version.pdfFileId) {
      return {
        name: `${row.number}-v${no}.pdf`,
        body: await fileBytes(platform, tx, tenantId, version.pdfFileId),
      };
    }
    // Not sent yet: a preview rendered from the clauses, not stored.
    const body = await renderContractPdf({
      locale: localeOf(row.locale),
      number: row.number,
      title: row.title,
      versionNo: no,
      clauses: clausesOf(version.clauses),
      createdAt: version.createdAt,
    });
    return { name: `${row.number}-v${no}-draft.pdf`, body };
  });
}

/**
 * Which contract a document is, by its sha256: the final PDF, or the version the customer signed. Only among
 * contracts the caller may see (a hash lookup must not reveal contracts of other deals), hence a session is
 * required rather than a public lookup.
 */
export async function verifyDocument(platform: Platform, caller: ContractCaller, digest: string) {
  const tenantId = caller.actor.tenantId;
  const none = {
    match: false,
    contractId: null,
    number: null,
    status: null,
    versionNo: null,
    document: null,
    signedAt: null,
  };
  return withTenant(platform.db, tenantId, async (tx) => {
    const [final] = await tx
      .select()
      .from(contracts)
      .where(and(eq(contracts.tenantId, tenantId), eq(contracts.signedSha256, digest)))
      .limit(1);
    const [signed] = final
      ? []
      : await tx
          .select({ contract: contracts })
          .from(contractVersions)
          .innerJoin(
            contracts,
            and(
              eq(contracts.tenantId, contractVersions.tenantId),
              eq(contracts.id, contractVersions.contractId),
              eq(contracts.signedVersionNo, contractVersions.versionNo),
            ),
          )
          .where(and(eq(contractVersions.tenantId, tenantId), eq(contractVersions.pdfSha256, digest)))
          .limit(1);
    const hit = final ?? signed?.contract;
    if (!hit) return none;
    try {
      await contractFor(tx, caller, hit.id, 'read');
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') return none;
      throw error;
    }
    const [customer] = await tx
      .select({ signedAt: contractSignatures.signedAt })
      .from(contractSignatures)
      .where(
        and(
          eq(contractSignatures.tenantId, tenantId),
          eq(contractSignatures.contractId, hit.id),
          eq(contractSignatures.side, final ? 'company' : 'customer'),
        ),
      )
      .orderBy(desc(contractSignatures.signedAt))
      .limit(1);
    return {
      match: true,
      contractId: hit.id,
      number: hit.number,
      status: hit.status as Contract['status'],
      versionNo: hit.signedVersionNo,
      document: final ? ('final' as const) : ('signed' as const),
      signedAt: customer?.signedAt.toISOString() ?? null,
    };
  });
}
