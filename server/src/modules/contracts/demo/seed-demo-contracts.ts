import { formatMoney } from '@contracts/money';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { systemActor, writeAudit } from '../../../platform/audit';
import { dayIn } from '../../../platform/calendar';
import type { DatabaseHandle } from '../../../platform/db/database';
import { withTenant } from '../../../platform/db/tenancy';
import type { FileStore } from '../../../platform/files/files';
import { takeNumber } from '../../../platform/numbering';
import { customerAndContactNames, namesOf } from '../../customers';
import { deals, negotiationMinutes } from '../../deals';
import { renderContractPdf } from '../contract-pdf';
import { loadContractSettings } from '../contract-settings';
import { storeFile, withBlobs } from '../contract-signing';
import { clausesOf, ensureTemplates, fillClauses } from '../contract-templates';
import { localeOf, tenantFacts } from '../contracts.service';
import { contractSignatures, contracts, contractTemplates, contractVersions } from '../contracts.tables';

/**
 * Demo contracts on the demo deals (after the quotes seeder): won deals, and deals with agreed minutes, get a
 * contract drafted from the built-in template and their agreed price (else the deal amount), spread over the
 * progress table: drafts, one in review, one approved, and signed / active ones with a term (one ending within
 * two months, for the renewal reminders). The signed ones stand for contracts signed on paper: given the file
 * store, each is recorded as the paper-signing flow records one (its rendered PDF standing in for the scan,
 * both sides' signatures against that document), so the sweep, terminate and complete work on them; without
 * it they carry no final document. Idempotent: a company that already has contracts is left alone.
 */

type DemoCompany = { tenantId: string };
export type SeedDemoContractsResult = { contracts: number };

const DAY = 86_400_000;
const PLAN = ['active', 'active', 'signed', 'active', 'approved', 'in_review', 'draft', 'draft'] as const;

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

export async function seedDemoContracts(
  handle: DatabaseHandle,
  company: DemoCompany,
  options: { now?: Date; files?: FileStore } = {},
): Promise<SeedDemoContractsResult> {
  const { tenantId } = company;
  const now = options.now ?? new Date();
  const actor = systemActor(tenantId);
  const paper = options.files ? { files: options.files } : null;
  const seed = (written: string[]) =>
    withTenant(handle, tenantId, async (tx) => {
      const [existing] = await tx
        .select({ id: contracts.id })
        .from(contracts)
        .where(eq(contracts.tenantId, tenantId))
        .limit(1);
      if (existing) return { contracts: 0 };
      await ensureTemplates(tx, tenantId);
      const [template] = await tx
        .select()
        .from(contractTemplates)
        .where(and(eq(contractTemplates.tenantId, tenantId), eq(contractTemplates.customProject, false)))
        .orderBy(asc(contractTemplates.createdAt))
        .limit(1);
      if (!template) return { contracts: 0 };
      const minutes = await tx
        .select()
        .from(negotiationMinutes)
        .where(and(eq(negotiationMinutes.tenantId, tenantId), eq(negotiationMinutes.result, 'agreed')))
        .orderBy(desc(negotiationMinutes.heldOn));
      const won = await tx
        .select()
        .from(deals)
        .where(and(eq(deals.tenantId, tenantId), eq(deals.status, 'won')))
        .orderBy(desc(deals.createdAt))
        .limit(PLAN.length);
      const dealIds = [...new Set([...minutes.map((m) => m.dealId), ...won.map((d) => d.id)])].slice(
        0,
        PLAN.length,
      );
      if (dealIds.length === 0) return { contracts: 0 };
      const rows = await tx
        .select()
        .from(deals)
        .where(and(eq(deals.tenantId, tenantId), inArray(deals.id, dealIds)));
      const [facts, settings] = await Promise.all([
        tenantFacts(tx, tenantId),
        loadContractSettings(tx, tenantId),
      ]);
      const names = await customerAndContactNames(tx, tenantId, {
        customerIds: rows.map((d) => d.customerId),
        contactIds: rows.flatMap((d) => (d.contactId ? [d.contactId] : [])),
      });
      const owners = (
        await namesOf(
          tx,
          tenantId,
          rows.flatMap((d) => (d.ownerId ? [d.ownerId] : [])),
        )
      ).users;
      const today = dayIn(now, facts.timeZone);
      const locale = localeOf(template.locale);
      let made = 0;
      for (const [i, deal] of rows.entries()) {
        const status = PLAN[i] ?? 'draft';
        const agreed = minutes.find((m) => m.dealId === deal.id);
        const amountMinor = agreed?.finalPriceMinor ?? deal.amountMinor ?? 0;
        const currency = agreed?.currency ?? deal.currency;
        const number = await takeNumber(tx, tenantId, 'contract', {
          pattern: settings.numberPattern,
          at: now,
          timeZone: facts.timeZone,
        });
        const signed = status === 'active' || status === 'signed';
        // Signed some months ago; one of them ends within two months (renewal season).
        const signedOn = signed ? addDays(today, -30 * (i + 2)) : null;
        const startsOn = signedOn ? (status === 'signed' ? addDays(today, 10) : addDays(signedOn, 7)) : null;
        const endsOn = startsOn ? (i === 1 ? addDays(today, 45) : addDays(startsOn, 364)) : null;
        const clauses = fillClauses(clausesOf(template.clauses), {
          'customer.name': names.customers.get(deal.customerId) ?? '',
          'company.name': facts.name,
          'contract.number': number,
          'contract.date': signedOn ?? today,
          'contract.amount': formatMoney(amountMinor, currency, locale),
          'deal.name': deal.name,
          'minutes.deliveryTime': agreed?.deliveryTime ?? '',
          'minutes.paymentTerms': agreed?.paymentTerms ?? '',
          'minutes.liability': agreed?.liability ?? '',
        });
        const id = uuidv7();
        await tx.insert(contracts).values({
          tenantId,
          id,
          number,
          title: deal.name,
          dealId: deal.id,
          customerId: deal.customerId,
          contactId: deal.contactId,
          minutesId: agreed?.id ?? null,
          templateId: template.id,
          locale,
          currency,
          amountMinor,
          status,
          approvedVersionNo: ['approved', 'signed', 'active'].includes(status) ? 1 : null,
          signedVersionNo: signed ? 1 : null,
          signedOn,
          startsOn,
          endsOn,
          deliveryDueOn: startsOn ? addDays(startsOn, 60) : null,
          deliveryStatus: signed ? 'in_progress' : 'not_started',
          ownerId: deal.ownerId,
          teamId: deal.teamId,
        });
        await tx
          .insert(contractVersions)
          .values({ tenantId, contractId: id, versionNo: 1, source: 'draft', clauses });
        if (signed && signedOn && paper) {
          const pdf = await renderContractPdf({
            locale,
            number,
            title: deal.name,
            versionNo: 1,
            clauses,
            createdAt: now,
          });
          const scan = await storeFile(
            paper,
            tx,
            tenantId,
            {
              name: `${number}-signed-paper.pdf`,
              contentType: 'application/pdf',
              bytes: pdf,
              uploadedBy: null,
            },
            written,
          );
          await tx
            .update(contractVersions)
            .set({ pdfFileId: scan.id, pdfSha256: scan.sha256 })
            .where(and(eq(contractVersions.tenantId, tenantId), eq(contractVersions.contractId, id)));
          await tx
            .update(contracts)
            .set({ signedFileId: scan.id, signedSha256: scan.sha256 })
            .where(and(eq(contracts.tenantId, tenantId), eq(contracts.id, id)));
          const signature = {
            tenantId,
            contractId: id,
            versionNo: 1,
            documentSha256: scan.sha256,
            signedAt: new Date(`${signedOn}T00:00:00Z`),
          };
          const customerName = names.customers.get(deal.customerId) ?? '';
          await tx.insert(contractSignatures).values([
            {
              ...signature,
              id: uuidv7(),
              side: 'customer',
              signerName: (deal.contactId && names.contacts.get(deal.contactId)) || customerName,
            },
            {
              ...signature,
              id: uuidv7(),
              side: 'company',
              signerName: (deal.ownerId && owners.get(deal.ownerId)) || facts.name,
              signerUserId: deal.ownerId,
            },
          ]);
        }
        await writeAudit(tx, actor, {
          entity: 'contract',
          entityId: id,
          action: 'create',
          changes: { number: { from: null, to: number }, status: { from: null, to: status } },
        });
        made += 1;
      }
      return { contracts: made };
    });
  // Files written for a seeding that then fails are removed again.
  return paper ? withBlobs(paper, seed) : seed([]);
}
