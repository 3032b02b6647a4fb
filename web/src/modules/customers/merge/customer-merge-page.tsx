import type { Customer, CustomerSummary } from '@contracts/customers.contract';
import {
  CUSTOMER_MERGE_FIELDS,
  type CustomerMergeField,
  type MergeSide,
} from '@contracts/record-merge.contract';
import { App, Skeleton } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../../shared/error-alert';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useSession } from '../../auth/use-session';
import { useCustomer } from '../use-customers';
import { initialChoices, mergeKeys } from './merge-choices';
import { MergeFrame } from './merge-frame';
import { MergeTable } from './merge-table';
import { useCustomText } from './use-custom-text';
import { useMergeCustomers } from './use-merge';

/**
 * Merging a duplicate customer into this one (`/customers/:id/merge/:sourceId`): a choice per differing field
 * and custom value, a preview of the result, then everything of the duplicate moves here.
 */
export function CustomerMergePage() {
  const { id = '', sourceId = '' } = useParams();
  const target = useCustomer(id);
  const source = useCustomer(sourceId);
  if (target.isError || source.isError) return <ErrorAlert error={target.error ?? source.error} />;
  if (!target.data || !source.data) return <Skeleton active />;
  return (
    <CustomerMergeForm
      key={`${target.data.version}-${source.data.version}`}
      target={target.data}
      source={source.data}
    />
  );
}

/** Owner and team come from the duplicate only for holders of customers.assign (the server checks it too). */
const ASSIGN_FIELDS: readonly string[] = ['ownerId', 'teamId'];

function useCustomerText() {
  const { t } = useTranslation();
  const custom = useCustomText('customer');
  const label = useCallback(
    (key: string): string => {
      if (key.startsWith('custom.')) return custom.label(key);
      switch (key as CustomerMergeField) {
        case 'parentId':
          return t('customers.fields.parent');
        case 'ownerId':
          return t('customers.fields.owner');
        case 'teamId':
          return t('customers.fields.team');
        case 'campaignId':
          return t('recordMerge.fields.campaignId');
        default:
          return t(
            `customers.fields.${key as Exclude<CustomerMergeField, 'parentId' | 'ownerId' | 'teamId' | 'campaignId'>}`,
          );
      }
    },
    [t, custom],
  );
  const text = useCallback(
    (c: Customer, key: string): string => {
      const empty = t('common.empty');
      if (key.startsWith('custom.')) return custom.text(key, c.custom[key.slice('custom.'.length)]);
      switch (key as CustomerMergeField) {
        case 'companySize':
          return c.companySize ? t(`leads.companySize.${c.companySize}`) : empty;
        case 'parentId':
          return c.parentName ?? c.parentId ?? empty;
        case 'ownerId':
          return c.ownerName ?? c.ownerId ?? empty;
        case 'teamId':
          return c.teamName ?? c.teamId ?? empty;
        default: {
          const value = c[key as keyof CustomerSummary | 'source' | 'campaignId' | 'address'];
          return typeof value === 'string' && value !== '' ? value : empty;
        }
      }
    },
    [t, custom],
  );
  return { label, text };
}

function CustomerMergeForm({ target, source }: { target: Customer; source: Customer }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useSession();
  const merge = useMergeCustomers();
  const handleError = useErrorHandler();
  const { label, text } = useCustomerText();
  const locked = target.can.assign ? [] : ASSIGN_FIELDS;
  const keys = useMemo(() => mergeKeys(CUSTOMER_MERGE_FIELDS, target, source), [target, source]);
  const [choices, setChoices] = useState(() => initialChoices(keys, target, source, locked));
  const allowed = target.can.edit && source.can.edit && (source.ownerId === me.user.id || source.can.delete);
  const submit = () =>
    merge.mutate(
      { id: target.id, sourceId: source.id, version: target.version, sourceVersion: source.version, choices },
      {
        onSuccess: (merged) => {
          void message.success(t('recordMerge.done'));
          void navigate(`/customers/${merged.id}`, { replace: true });
        },
        onError: (error) => handleError(error),
      },
    );
  return (
    <MergeFrame
      title={t('recordMerge.customerTitle')}
      backTo={`/customers/${target.id}`}
      swapTo={`/customers/${source.id}/merge/${target.id}`}
      targetName={target.name}
      sourceName={source.name}
      points={[t('recordMerge.customerMoves', { target: target.name }), t('recordMerge.customerUnions')]}
      blocked={allowed ? null : t('recordMerge.notAllowed')}
      pending={merge.isPending}
      onSubmit={submit}
    >
      <MergeTable<Customer>
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
