import type { Locale } from '@contracts/common';
import type { Clause, ContractTemplate } from '@contracts/contracts.contract';
import { Clause as ClauseShape } from '@contracts/contracts.contract';
import { and, asc, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { can } from '../../platform/access';
import { changesBetween, writeAudit } from '../../platform/audit';
import type { Tx } from '../../platform/db/database';
import { tenants } from '../../platform/db/identity.tables';
import { withTenant } from '../../platform/db/tenancy';
import { AppError } from '../../platform/http/errors';
import type { Platform } from '../../platform/platform';
import type { ContractCaller } from './contract-access';
import { contractTemplates } from './contracts.tables';

/**
 * Clause templates. A company gets two built-in templates on first use (a standard sale, and a custom project
 * that adds the change-management clause) in its default language; `{{placeholders}}` are filled when a
 * contract is drafted. The result is plain text: it goes into a PDF and the clauses editor, never into HTML
 * unescaped.
 */

type TemplateRow = typeof contractTemplates.$inferSelect;

const BUILT_IN: Record<Locale, { standard: string; custom: string; clauses: Clause[]; change: Clause }> = {
  'zh-CN': {
    standard: '标准销售合同',
    custom: '定制项目合同',
    clauses: [
      {
        key: 'parties',
        title: '合同双方',
        body: '甲方（买方）：{{customer.name}}\n乙方（卖方）：{{company.name}}\n合同编号：{{contract.number}}\n签订日期：{{contract.date}}',
      },
      {
        key: 'subject',
        title: '合同标的',
        body: '乙方向甲方提供以下产品及服务（项目：{{deal.name}}）：\n{{quote.lines}}',
      },
      {
        key: 'price_payment',
        title: '价格与付款方式',
        body: '合同总价：{{contract.amount}}（含税）。\n付款方式：{{minutes.paymentTerms}}\n{{quote.paymentTerms}}',
      },
      {
        key: 'delivery',
        title: '交付标准与交付时间',
        body: '乙方按本合同约定及国家、行业相关标准交付。交付时间：{{minutes.deliveryTime}}',
      },
      {
        key: 'acceptance',
        title: '验收程序',
        body: '甲方应在交付后十个工作日内完成验收并出具书面验收意见；逾期未提出书面异议的，视为验收合格。',
      },
      {
        key: 'confidentiality',
        title: '保密条款',
        body: '双方对因履行本合同而知悉的对方商业秘密及技术信息负有保密义务，该义务在合同终止后三年内继续有效。',
      },
      {
        key: 'liability',
        title: '违约责任',
        body: '任何一方违反本合同约定的，应赔偿对方因此遭受的直接损失。{{minutes.liability}}',
      },
      {
        key: 'signatures',
        title: '签署',
        body: '本合同经双方电子签署后生效，电子签名与手写签名具有同等法律效力。\n甲方（签章）：\n乙方（签章）：',
      },
    ],
    change: {
      key: 'change_management',
      title: '变更管理',
      body: '任何一方提出需求变更的，应以书面形式提交变更申请，经双方确认变更内容、费用及工期影响并签署变更单后实施；未经确认的变更不构成乙方的交付义务。',
    },
  },
  'en-US': {
    standard: 'Standard sales contract',
    custom: 'Custom project contract',
    clauses: [
      {
        key: 'parties',
        title: 'Parties',
        body: 'Buyer: {{customer.name}}\nSeller: {{company.name}}\nContract number: {{contract.number}}\nDate: {{contract.date}}',
      },
      {
        key: 'subject',
        title: 'Subject matter',
        body: 'The Seller supplies the following products and services (project: {{deal.name}}):\n{{quote.lines}}',
      },
      {
        key: 'price_payment',
        title: 'Price and payment schedule',
        body: 'Total price: {{contract.amount}} (tax included).\nPayment: {{minutes.paymentTerms}}\n{{quote.paymentTerms}}',
      },
      {
        key: 'delivery',
        title: 'Delivery standard and time',
        body: 'The Seller delivers to the terms of this contract and the applicable standards. Delivery time: {{minutes.deliveryTime}}',
      },
      {
        key: 'acceptance',
        title: 'Acceptance procedure',
        body: 'The Buyer inspects the delivery within ten working days and states its acceptance in writing; without a written objection in that time the delivery is accepted.',
      },
      {
        key: 'confidentiality',
        title: 'Confidentiality',
        body: "Each party keeps the other's business and technical information confidential, during this contract and for three years after it ends.",
      },
      {
        key: 'liability',
        title: 'Liability for breach',
        body: 'A party in breach compensates the other for the direct loss caused. {{minutes.liability}}',
      },
      {
        key: 'signatures',
        title: 'Signatures',
        body: 'This contract takes effect when both parties have signed it electronically; electronic signatures have the same force as handwritten ones.\nBuyer:\nSeller:',
      },
    ],
    change: {
      key: 'change_management',
      title: 'Change management',
      body: 'A change to the requirements is requested in writing; it is carried out once both parties have agreed its content, cost and effect on the schedule in a signed change order. An unagreed change is no part of the Seller’s obligations.',
    },
  },
};

/** The two built-in templates in `locale`: the custom project one has change management before signatures. */
export function builtInTemplates(
  locale: Locale,
): { name: string; customProject: boolean; clauses: Clause[] }[] {
  const b = BUILT_IN[locale];
  const custom = [...b.clauses];
  custom.splice(custom.length - 1, 0, b.change);
  return [
    { name: b.standard, customProject: false, clauses: b.clauses },
    { name: b.custom, customProject: true, clauses: custom },
  ];
}

/** Creates the built-in templates the first time a company needs templates (idempotent under concurrency). */
export async function ensureTemplates(tx: Tx, tenantId: string): Promise<void> {
  const [existing] = await tx
    .select({ id: contractTemplates.id })
    .from(contractTemplates)
    .where(eq(contractTemplates.tenantId, tenantId))
    .limit(1);
  if (existing) return;
  const [tenant] = await tx
    .select({ locale: tenants.defaultLocale })
    .from(tenants)
    .where(eq(tenants.tenantId, tenantId));
  const locale: Locale = tenant?.locale === 'en-US' ? 'en-US' : 'zh-CN';
  await tx
    .insert(contractTemplates)
    .values(builtInTemplates(locale).map((t) => ({ tenantId, id: uuidv7(), locale, ...t })))
    .onConflictDoNothing();
}

const StoredClauses = z.array(ClauseShape);

/** A stored clause list (jsonb), read back through its shape. */
export function clausesOf(value: unknown): Clause[] {
  const parsed = StoredClauses.safeParse(value);
  if (!parsed.success) throw new Error('stored clauses do not match their shape');
  return parsed.data;
}

export function presentTemplate(row: TemplateRow): ContractTemplate {
  return {
    id: row.id,
    name: row.name,
    locale: row.locale === 'en-US' ? 'en-US' : 'zh-CN',
    customProject: row.customProject,
    clauses: clausesOf(row.clauses),
    active: row.active,
    version: row.version,
  };
}

export async function templateRow(tx: Tx, tenantId: string, id: string): Promise<TemplateRow | null> {
  const [row] = await tx
    .select()
    .from(contractTemplates)
    .where(and(eq(contractTemplates.tenantId, tenantId), eq(contractTemplates.id, id)));
  return row ?? null;
}

export async function listTemplates(platform: Platform, caller: ContractCaller) {
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    await ensureTemplates(tx, tenantId);
    const rows = await tx
      .select()
      .from(contractTemplates)
      .where(eq(contractTemplates.tenantId, tenantId))
      .orderBy(asc(contractTemplates.createdAt), asc(contractTemplates.id));
    return { items: rows.map(presentTemplate) };
  });
}

function assertConfigure(caller: ContractCaller) {
  if (!can(caller.role, 'contracts.configure')) throw new AppError('forbidden');
}

async function nameTaken(tx: Tx, tenantId: string, name: string, except: string | null) {
  const rows = await tx
    .select({ id: contractTemplates.id })
    .from(contractTemplates)
    .where(
      and(eq(contractTemplates.tenantId, tenantId), sql`lower(${contractTemplates.name}) = lower(${name})`),
    );
  return rows.some((r) => r.id !== except);
}

export async function createTemplate(
  platform: Platform,
  caller: ContractCaller,
  input: { name: string; locale: Locale; customProject: boolean; clauses: Clause[] },
): Promise<ContractTemplate> {
  assertConfigure(caller);
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    await ensureTemplates(tx, tenantId);
    if (await nameTaken(tx, tenantId, input.name, null)) throw new AppError('name_taken');
    const [row] = await tx
      .insert(contractTemplates)
      .values({ tenantId, id: uuidv7(), ...input })
      .returning();
    if (!row) throw new Error('template insert returned nothing');
    await writeAudit(tx, caller.actor, {
      entity: 'contract_template',
      entityId: row.id,
      action: 'create',
      changes: { name: { from: null, to: row.name } },
    });
    return presentTemplate(row);
  });
}

export async function patchTemplate(
  platform: Platform,
  caller: ContractCaller,
  id: string,
  input: {
    version: number;
    name?: string | undefined;
    locale?: Locale | undefined;
    customProject?: boolean | undefined;
    clauses?: Clause[] | undefined;
    active?: boolean | undefined;
  },
): Promise<ContractTemplate> {
  assertConfigure(caller);
  const tenantId = caller.actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const before = await templateRow(tx, tenantId, id);
    if (!before) throw new AppError('not_found');
    if (before.version !== input.version) throw new AppError('version_conflict');
    if (input.name && (await nameTaken(tx, tenantId, input.name, id))) throw new AppError('name_taken');
    const { version: _v, ...changes } = input;
    const [row] = await tx
      .update(contractTemplates)
      .set({ ...changes, version: before.version + 1, updatedAt: platform.clock.now() })
      .where(and(eq(contractTemplates.tenantId, tenantId), eq(contractTemplates.id, id)))
      .returning();
    if (!row) throw new Error('template update returned nothing');
    await writeAudit(tx, caller.actor, {
      entity: 'contract_template',
      entityId: id,
      action: 'update',
      changes: changesBetween(
        {
          name: before.name,
          active: before.active,
          locale: before.locale,
          customProject: before.customProject,
        },
        { name: row.name, active: row.active, locale: row.locale, customProject: row.customProject },
        ['name', 'active', 'locale', 'customProject'],
      ),
    });
    return presentTemplate(row);
  });
}

/** Fills `{{name}}` placeholders; a value not known at drafting stays as a blank line to fill in by hand. */
export function fillClauses(clauses: Clause[], values: Record<string, string>): Clause[] {
  const fill = (text: string) =>
    text.replace(/\{\{\s*([a-zA-Z]+\.[a-zA-Z]+)\s*\}\}/g, (_all, name: string) => {
      const value = values[name];
      return value === undefined || value.trim() === '' ? '________' : value;
    });
  return clauses.map((c) => ({ key: c.key, title: fill(c.title), body: fill(c.body).trim() }));
}
