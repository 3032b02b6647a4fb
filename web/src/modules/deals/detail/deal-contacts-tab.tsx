import { DeleteOutlined } from '@ant-design/icons';
import { ATTITUDES, type Attitude, DECISION_ROLES, type DecisionRole } from '@contracts/customers.contract';
import type { Deal } from '@contracts/deals.contract';
import type { TableColumnType } from 'antd';
import { Alert, App, Button, Flex, Input, Radio, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useCustomerContacts } from '../../customers/use-customers';
import { useSetDealContacts } from '../use-deals';

type Row = {
  contactId: string;
  name: string;
  title: string | null;
  role: DecisionRole | null;
  attitude: Attitude;
  isPrimary: boolean;
  note: string;
};

/**
 * The people on the deal and their part in this purchase: decision-chain role, attitude, who is primary and a
 * note; the roles nobody holds yet are flagged. Saved as a whole, like the server takes it.
 */
export function DealContactsTab({ deal }: { deal: Deal }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const save = useSetDealContacts(deal.id);
  const customerContacts = useCustomerContacts(deal.customerId);
  const [rows, setRows] = useState<Row[]>(() => deal.contacts.map((c) => ({ ...c })));
  const [adding, setAdding] = useState<string | undefined>();
  const editable = deal.can.edit;
  const change = (contactId: string, patch: Partial<Row>) =>
    setRows((list) =>
      list.map((row) => {
        if (row.contactId === contactId) return { ...row, ...patch };
        // One primary contact per deal.
        return patch.isPrimary ? { ...row, isPrimary: false } : row;
      }),
    );
  const addable = (customerContacts.data ?? []).filter((c) => !rows.some((r) => r.contactId === c.id));
  const add = (id: string) => {
    const contact = customerContacts.data?.find((c) => c.id === id);
    if (!contact) return;
    setRows((list) => [
      ...list,
      {
        contactId: contact.id,
        name: contact.name,
        title: contact.title,
        role: contact.role,
        attitude: contact.attitude,
        isPrimary: list.length === 0,
        note: '',
      },
    ]);
    setAdding(undefined);
  };
  const columns: TableColumnType<Row>[] = [
    {
      key: 'name',
      title: t('deals.contacts.name'),
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <span>{r.name}</span>
          {r.title && <span style={{ color: 'var(--ant-color-text-secondary)' }}>{r.title}</span>}
        </Space>
      ),
    },
    {
      key: 'role',
      title: t('deals.contacts.role'),
      width: 200,
      render: (_, r) => (
        <Select<DecisionRole | null>
          aria-label={t('deals.contacts.role')}
          disabled={!editable}
          value={r.role}
          allowClear
          onChange={(role) => change(r.contactId, { role: role ?? null })}
          options={DECISION_ROLES.map((role) => ({ value: role, label: t(`customers.role.${role}`) }))}
          style={{ width: '100%' }}
        />
      ),
    },
    {
      key: 'attitude',
      title: t('deals.contacts.attitude'),
      width: 150,
      render: (_, r) => (
        <Select<Attitude>
          aria-label={t('deals.contacts.attitude')}
          disabled={!editable}
          value={r.attitude}
          onChange={(attitude) => change(r.contactId, { attitude })}
          options={ATTITUDES.map((a) => ({ value: a, label: t(`customers.attitude.${a}`) }))}
          style={{ width: '100%' }}
        />
      ),
    },
    {
      key: 'primary',
      title: t('deals.contacts.primary'),
      width: 90,
      align: 'center',
      render: (_, r) => (
        <Radio
          aria-label={t('deals.contacts.primary')}
          disabled={!editable}
          checked={r.isPrimary}
          onChange={() => change(r.contactId, { isPrimary: true })}
        />
      ),
    },
    {
      key: 'note',
      title: t('deals.contacts.note'),
      render: (_, r) => (
        <Input
          aria-label={t('deals.contacts.note')}
          disabled={!editable}
          maxLength={500}
          value={r.note}
          onChange={(e) => change(r.contactId, { note: e.target.value })}
        />
      ),
    },
    {
      key: 'remove',
      width: 50,
      render: (_, r) =>
        editable && (
          <Button
            type="text"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('deals.contacts.remove', { name: r.name })}
            onClick={() => setRows((list) => list.filter((x) => x.contactId !== r.contactId))}
          />
        ),
    },
  ];
  const submit = () =>
    save.mutate(
      {
        contacts: rows.map((r) => ({
          contactId: r.contactId,
          role: r.role,
          attitude: r.attitude,
          isPrimary: r.isPrimary,
          note: r.note,
        })),
      },
      {
        onSuccess: () => void message.success(t('common.saved')),
        onError: (error) => handleError(error),
      },
    );
  return (
    <>
      {deal.missingRoles.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('deals.contacts.missing')}
          description={deal.missingRoles.map((role) => (
            <Tag key={role} color={role === 'decision_maker' ? 'red' : 'orange'}>
              {t(`customers.role.${role}`)}
            </Tag>
          ))}
          style={{ marginBottom: 12 }}
        />
      )}
      <Table<Row>
        aria-label={t('deals.contacts.title')}
        size="small"
        rowKey="contactId"
        columns={columns}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('deals.contacts.empty') }}
        scroll={{ x: 900 }}
      />
      {editable && (
        <Flex gap={8} wrap style={{ marginTop: 12 }}>
          <Select<string>
            aria-label={t('deals.contacts.add')}
            placeholder={t('deals.contacts.add')}
            value={adding}
            onChange={add}
            loading={customerContacts.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            options={addable.map((c) => ({
              value: c.id,
              label: c.title ? `${c.name} · ${c.title}` : c.name,
            }))}
            notFoundContent={t('deals.contacts.noMore')}
            style={{ minWidth: 280 }}
          />
          <Button type="primary" loading={save.isPending} onClick={submit}>
            {t('common.save')}
          </Button>
        </Flex>
      )}
    </>
  );
}
