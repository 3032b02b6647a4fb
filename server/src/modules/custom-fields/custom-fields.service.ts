import {
  CUSTOM_FIELD_OBJECTS,
  type CustomField,
  type CustomFieldObject,
  type CustomFieldType,
} from '@contracts/custom-fields.contract';
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { type Actor, changesBetween, writeAudit } from '../../platform/audit';
import { withTenant } from '../../platform/db/tenancy';
import { AppError, invalidFields } from '../../platform/http/errors';
import type { Platform } from '../../platform/platform';
import { customFields } from './custom-fields.tables';
import { type FieldDef, loadFields } from './custom-values';

/** Defining the company's custom fields: create, then rename, reorder, change options, require or switch off. */

function present(row: FieldDef): CustomField {
  return {
    id: row.id,
    object: row.object as CustomFieldObject,
    key: row.key,
    labelZh: row.labelZh,
    labelEn: row.labelEn,
    type: row.type as CustomFieldType,
    options: row.options,
    required: row.required,
    position: row.position,
    active: row.active,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
  };
}

type Option = { value: string; labelZh: string; labelEn: string };

/** Select fields need options, with distinct values; other types take none. */
function checkOptions(type: string, options: readonly Option[]): void {
  const choice = type === 'select' || type === 'multiselect';
  if (choice && options.length === 0) throw invalidFields({ path: 'options', code: 'options_required' });
  if (!choice && options.length > 0) throw invalidFields({ path: 'options', code: 'not_for_kind' });
  if (new Set(options.map((o) => o.value)).size !== options.length) {
    throw invalidFields({ path: 'options', code: 'duplicate_option' });
  }
}

const AUDITED = [
  'key',
  'object',
  'type',
  'labelZh',
  'labelEn',
  'options',
  'required',
  'position',
  'active',
] as const;

export async function listCustomFields(
  platform: Platform,
  actor: Actor,
  object: CustomFieldObject | undefined,
): Promise<{ items: CustomField[] }> {
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    const objects: readonly CustomFieldObject[] = object ? [object] : CUSTOM_FIELD_OBJECTS;
    const lists = await Promise.all(objects.map((o) => loadFields(tx, actor.tenantId, o)));
    return { items: lists.flat().map(present) };
  });
}

export type NewCustomField = {
  object: CustomFieldObject;
  key: string;
  labelZh: string;
  labelEn: string;
  type: CustomFieldType;
  options: Option[];
  required: boolean;
  position?: number | undefined;
};

export async function createCustomField(
  platform: Platform,
  actor: Actor,
  input: NewCustomField,
): Promise<CustomField> {
  checkOptions(input.type, input.options);
  return withTenant(platform.db, actor.tenantId, async (tx) => {
    const existing = await loadFields(tx, actor.tenantId, input.object);
    if (existing.some((f) => f.key === input.key))
      throw invalidFields({ path: 'key', code: 'field_key_taken' });
    const now = platform.clock.now();
    const [row] = await tx
      .insert(customFields)
      .values({
        tenantId: actor.tenantId,
        id: uuidv7(),
        ...input,
        position: input.position ?? existing.length,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new AppError('internal');
    await writeAudit(tx, actor, {
      entity: 'custom_field',
      entityId: row.id,
      action: 'create',
      changes: changesBetween(null, row, AUDITED),
    });
    return present(row);
  });
}

export type CustomFieldChanges = {
  labelZh?: string | undefined;
  labelEn?: string | undefined;
  options?: Option[] | undefined;
  required?: boolean | undefined;
  position?: number | undefined;
  active?: boolean | undefined;
};

/** Options may be added and relabelled; removing one that records use would orphan their values, so it is refused. */
export async function updateCustomField(
  platform: Platform,
  actor: Actor,
  id: string,
  expectedVersion: number | null,
  input: CustomFieldChanges,
): Promise<CustomField> {
  const tenantId = actor.tenantId;
  return withTenant(platform.db, tenantId, async (tx) => {
    const [before] = await tx
      .select()
      .from(customFields)
      .where(and(eq(customFields.tenantId, tenantId), eq(customFields.id, id)))
      .for('update');
    if (!before) throw new AppError('not_found');
    if (expectedVersion !== null && before.version !== expectedVersion)
      throw new AppError('version_conflict');
    if (input.options) {
      checkOptions(before.type, input.options);
      const kept = new Set(input.options.map((o) => o.value));
      if (before.options.some((o) => !kept.has(o.value))) {
        throw invalidFields({ path: 'options', code: 'option_removed' });
      }
    }
    const set = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const [after] = await tx
      .update(customFields)
      .set({ ...set, version: before.version + 1, updatedAt: platform.clock.now() })
      .where(and(eq(customFields.tenantId, tenantId), eq(customFields.id, id)))
      .returning();
    if (!after) throw new AppError('internal');
    await writeAudit(tx, actor, {
      entity: 'custom_field',
      entityId: id,
      action: 'update',
      changes: changesBetween(before, after, AUDITED),
    });
    return present(after);
  });
}
