import type { Contact } from '@contracts/customers.contract';
import {
  CONTACT_MERGE_FIELDS,
  type ContactMergeField,
  type MergeSide,
} from '@contracts/record-merge.contract';
import { App, Skeleton } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../../shared/error-alert';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useSession } from '../../auth/use-session';
import { useContact } from '../use-customers';
import { initialChoices, mergeKeys } from './merge-choices';
import { MergeFrame } from './merge-frame';
import { MergeTable } from './merge-table';
import { useCustomText } from './use-custom-text';
import { useMergeContacts } from './use-merge';

/**
 * Merging a duplicate contact of the same customer into this one (`/customers/contacts/:id/merge/:sourceId`):
 * a choice per differing field and custom value, a preview, then its deals, activities and reports move here.
 */
export function ContactMergePage() {
  const { id = '', sourceId = '' } = useParams();
  const target = useContact(id);
  const source = useContact(sourceId);
  if (target.isError || source.isError) return <ErrorAlert error={target.error ?? source.error} />;
  if (!target.data || !source.data) return <Skeleton active />;
  return (
    <ContactMergeForm
      key={`${target.data.version}-${source.data.version}`}
      target={target.data}
      source={source.data}
    />
  );
}

/** Labels from the contact form, by merge field. */
const LABELS = {
  name: 'name',
  title: 'title_',
  department: 'department',
  phone: 'phone',
  email: 'email',
  wechat: 'wechat',
  preferences: 'preferences',
  role: 'role',
  attitude: 'attitude',
  reportsToId: 'reportsTo',
  ownerId: 'owner',
} as const satisfies Record<ContactMergeField, string>;

function useContactText() {
  const { t } = useTranslation();
  const custom = useCustomText('contact');
  const label = useCallback(
    (key: string): string =>
      key.startsWith('custom.')
        ? custom.label(key)
        : t(`customers.contacts.${LABELS[key as ContactMergeField]}`),
    [t, custom],
  );
  const text = useCallback(
    (c: Contact, key: string): string => {
      const empty = t('common.empty');
      if (key.startsWith('custom.')) return custom.text(key, c.custom[key.slice('custom.'.length)]);
      switch (key as ContactMergeField) {
        case 'role':
          return c.role ? t(`customers.role.${c.role}`) : empty;
        case 'attitude':
          return t(`customers.attitude.${c.attitude}`);
        case 'reportsToId':
          return c.reportsToName ?? c.reportsToId ?? t('customers.contacts.nobody');
        case 'ownerId':
          return c.ownerName ?? c.ownerId ?? empty;
        default: {
          const value =
            c[key as 'name' | 'title' | 'department' | 'phone' | 'email' | 'wechat' | 'preferences'];
          return value ? value : empty;
        }
      }
    },
    [t, custom],
  );
  return { label, text };
}

function ContactMergeForm({ target, source }: { target: Contact; source: Contact }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useSession();
  const merge = useMergeContacts();
  const handleError = useErrorHandler();
  const { label, text } = useContactText();
  // Another owner comes from the duplicate only for holders of customers.assign (the server checks it too).
  const locked =
    me.permissions.includes('customers.assign') || source.ownerId === me.user.id ? [] : ['ownerId'];
  const keys = useMemo(() => mergeKeys(CONTACT_MERGE_FIELDS, target, source), [target, source]);
  const [choices, setChoices] = useState(() => initialChoices(keys, target, source, locked));
  const blocked =
    target.customerId !== source.customerId
      ? t('recordMerge.otherCustomer')
      : target.can.edit && source.can.edit
        ? null
        : t('recordMerge.notAllowed');
  const submit = () =>
    merge.mutate(
      { id: target.id, sourceId: source.id, version: target.version, sourceVersion: source.version, choices },
      {
        onSuccess: (merged) => {
          void message.success(t('recordMerge.done'));
          void navigate(`/customers/contacts?open=${merged.id}`, { replace: true });
        },
        onError: (error) => handleError(error),
      },
    );
  return (
    <MergeFrame
      title={t('recordMerge.contactTitle')}
      backTo={`/customers/contacts?open=${target.id}`}
      swapTo={`/customers/contacts/${source.id}/merge/${target.id}`}
      targetName={target.name}
      sourceName={source.name}
      points={[t('recordMerge.contactMoves', { target: target.name }), t('recordMerge.contactUnions')]}
      blocked={blocked}
      pending={merge.isPending}
      onSubmit={submit}
    >
      <MergeTable<Contact>
        keys={keys}
        target={target}
        source={source}
        targetName={target.name}
        sourceName={source.name}
        choices={choices}
        onChoose={(key: string, side: MergeSide) => setChoices((c) => ({ ...c, [key]: side }))}
        locked={locked}
        label={label}
        text={text}
      />
    </MergeFrame>
  );
}
