import { z } from 'zod';
import { defineRoute, IdParams, IsoDateTime, Uuid } from './common';

/**
 * Custom fields an admin defines per object (customers, contacts and leads): typed, validated on every write,
 * filterable in lists (`custom` filter) and carried in the object's `custom` map, keyed by the field's key.
 */

export const CUSTOM_FIELD_OBJECTS = ['customer', 'contact', 'lead'] as const;
export const CustomFieldObject = z.enum(CUSTOM_FIELD_OBJECTS);
export type CustomFieldObject = z.infer<typeof CustomFieldObject>;

export const CUSTOM_FIELD_TYPES = [
  'text',
  'number',
  /** Integer minor units of the company currency. */
  'money',
  /** YYYY-MM-DD */
  'date',
  'select',
  'multiselect',
  /** A user id of the company. */
  'user',
  'boolean',
] as const;
export const CustomFieldType = z.enum(CUSTOM_FIELD_TYPES);
export type CustomFieldType = z.infer<typeof CustomFieldType>;

/** A stored value: text, number (money in minor units), date text, option values, a user id or a boolean. */
export const CustomValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);
export type CustomValue = z.infer<typeof CustomValue>;

/** Values as a record carries them; `null` in an edit clears a field. */
export const CustomValues = z.record(z.string(), CustomValue);
export type CustomValues = z.infer<typeof CustomValues>;
export const CustomValuesInput = z.record(z.string().max(40), CustomValue.nullable());

const Option = z.strictObject({
  value: z.string().trim().min(1).max(60),
  labelZh: z.string().trim().min(1).max(60),
  labelEn: z.string().trim().min(1).max(60),
});

export const CustomField = z.object({
  id: Uuid,
  object: CustomFieldObject,
  key: z.string(),
  labelZh: z.string(),
  labelEn: z.string(),
  type: CustomFieldType,
  options: z.array(Option),
  required: z.boolean(),
  position: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: IsoDateTime,
});
export type CustomField = z.infer<typeof CustomField>;

/** Keys are what filters and exports name: lower-case letters, digits and underscores, from a letter. */
const Key = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'invalid_field_key');

export const CreateCustomFieldBody = z.strictObject({
  object: CustomFieldObject,
  key: Key,
  labelZh: z.string().trim().min(1).max(60),
  labelEn: z.string().trim().min(1).max(60),
  type: CustomFieldType,
  options: z.array(Option).max(100).default([]),
  required: z.boolean().default(false),
  position: z.number().int().min(0).max(1000).optional(),
});

/** The key, object and type stay as created: stored values and saved filters depend on them. */
export const UpdateCustomFieldBody = z.strictObject({
  version: z.number().int().optional(),
  labelZh: z.string().trim().min(1).max(60).optional(),
  labelEn: z.string().trim().min(1).max(60).optional(),
  options: z.array(Option).max(100).optional(),
  required: z.boolean().optional(),
  position: z.number().int().min(0).max(1000).optional(),
  active: z.boolean().optional(),
});

export const listCustomFields = defineRoute({
  method: 'GET',
  path: '/api/v1/custom-fields',
  summary: 'Custom fields of the company (of one object when `object` is given), in form order',
  tags: ['custom-fields'],
  access: 'session',
  scope: 'read',
  query: z.strictObject({ object: CustomFieldObject.optional() }),
  response: { 200: z.object({ items: z.array(CustomField) }) },
});

export const createCustomField = defineRoute({
  method: 'POST',
  path: '/api/v1/custom-fields',
  summary: 'Define a custom field',
  tags: ['custom-fields'],
  access: 'session',
  permission: 'settings.manage',
  scope: 'admin',
  body: CreateCustomFieldBody,
  response: { 201: CustomField },
});

export const updateCustomField = defineRoute({
  method: 'PATCH',
  path: '/api/v1/custom-fields/:id',
  summary:
    'Rename, reorder, change the options of, require, or switch off a custom field (its values are kept)',
  tags: ['custom-fields'],
  access: 'session',
  permission: 'settings.manage',
  scope: 'admin',
  params: IdParams,
  body: UpdateCustomFieldBody,
  response: { 200: CustomField },
});

/**
 * The list filter over custom fields, as the query string carries it: JSON of `{ key: condition }`, where a
 * condition is a value (equal; for multi-select: has this option) or `{ min, max }` for number, money and date.
 */
export const CustomFilter = z
  .string()
  .max(2000)
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'invalid_custom_filter' });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .record(
        z.string().max(40),
        z.union([
          z.string().max(200),
          z.number(),
          z.boolean(),
          z.strictObject({
            min: z.union([z.number(), z.string().max(10)]).optional(),
            max: z.union([z.number(), z.string().max(10)]).optional(),
          }),
        ]),
      )
      .refine((r) => Object.keys(r).length <= 10, 'invalid_custom_filter'),
  );
export type CustomFilter = z.output<typeof CustomFilter>;
