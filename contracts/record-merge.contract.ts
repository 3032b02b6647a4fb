import { z } from 'zod';
import { defineRoute, IdParams, Uuid } from './common';
import { Contact, Customer } from './customers.contract';

/**
 * Merging a duplicate customer or contact (the source) into another (the target): the target keeps each
 * field from the side the user chose, and takes over everything that pointed at the source, which is deleted.
 */

export const MERGE_SIDES = ['target', 'source'] as const;
export const MergeSide = z.enum(MERGE_SIDES);
export type MergeSide = z.infer<typeof MergeSide>;

/** Customer fields the user picks a side for; tags and sharing are unioned, notes kept from both. */
export const CUSTOMER_MERGE_FIELDS = [
  'name',
  'legalName',
  'industry',
  'companySize',
  'region',
  'address',
  'phone',
  'website',
  'creditCode',
  'taxId',
  'parentId',
  'source',
  'campaignId',
  'ownerId',
  'teamId',
] as const;
export type CustomerMergeField = (typeof CUSTOMER_MERGE_FIELDS)[number];

/** Contact fields the user picks a side for; further phones, emails and tags are unioned, notes kept from both. */
export const CONTACT_MERGE_FIELDS = [
  'name',
  'title',
  'department',
  'phone',
  'email',
  'wechat',
  'preferences',
  'role',
  'attitude',
  'reportsToId',
  'ownerId',
] as const;
export type ContactMergeField = (typeof CONTACT_MERGE_FIELDS)[number];

/** A custom field's value is chosen per key: `custom.<key>`. */
export const CUSTOM_CHOICE_PREFIX = 'custom.';
const CUSTOM_CHOICE_KEY = /^custom\.[a-z][a-z0-9_]{0,39}$/;

/** Which side each field comes from (a merge field or `custom.<key>`); fields not named keep the target's value. */
const choicesOf = (fields: readonly string[]) =>
  z
    .record(
      z.string().refine((key) => fields.includes(key) || CUSTOM_CHOICE_KEY.test(key), 'unrecognized_key'),
      MergeSide,
    )
    .default({});

const mergeBody = (fields: readonly string[]) =>
  z.strictObject({
    /** The duplicate that is merged into this record and then deleted. */
    sourceId: Uuid,
    /** This record's version as read. */
    version: z.number().int(),
    sourceVersion: z.number().int(),
    choices: choicesOf(fields),
  });

export const MergeCustomerBody = mergeBody(CUSTOMER_MERGE_FIELDS);
export type MergeCustomerBody = z.infer<typeof MergeCustomerBody>;
export const MergeContactBody = mergeBody(CONTACT_MERGE_FIELDS);
export type MergeContactBody = z.infer<typeof MergeContactBody>;

export const mergeCustomers = defineRoute({
  method: 'POST',
  path: '/api/v1/customers/:id/merge',
  summary:
    'Merge a duplicate customer into this one: chosen fields, its contacts, deals, activities, leads, pool history and churns',
  tags: ['customers'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: MergeCustomerBody,
  response: { 200: Customer },
});

export const mergeContacts = defineRoute({
  method: 'POST',
  path: '/api/v1/contacts/:id/merge',
  summary:
    'Merge a duplicate contact of the same customer into this one: chosen fields, its deals, activities, leads and reports',
  tags: ['customers'],
  access: 'session',
  scope: 'write',
  params: IdParams,
  body: MergeContactBody,
  response: { 200: Contact },
});
