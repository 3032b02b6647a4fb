import type { ContactSummary } from '@contracts/customers.contract';
import type { TableColumnType } from 'antd';
import { Button, Table, Tag } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { ATTITUDE_COLORS } from '../customer-colors';
import { CustomerTagList } from '../customer-tag-list';

type ContactsTableProps = {
  contacts: readonly ContactSummary[];
  loading: boolean;
  /** Show the customer column (the all-contacts list). */
  withCustomer?: boolean;
  onOpen: (id: string) => void;
  /** Rows for a virtual table that pages as it scrolls (the all-contacts list). */
  scroll?: { x?: number; y?: number };
  onScroll?: (e: React.UIEvent<HTMLDivElement>) => void;
  footer?: () => React.ReactNode;
};

/** Contacts with their decision-chain role, attitude and reporting line; a name opens the contact. */
export function ContactsTable({
  contacts,
  loading,
  withCustomer = false,
  onOpen,
  scroll,
  onScroll,
  footer,
}: ContactsTableProps) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const names = useMemo(() => new Map(contacts.map((c) => [c.id, c.name])), [contacts]);
  const columns = useMemo<TableColumnType<ContactSummary>[]>(() => {
    const empty = t('common.empty');
    return [
      {
        key: 'name',
        title: t('customers.contacts.name'),
        width: 150,
        fixed: 'start',
        ellipsis: true,
        render: (_, c) => (
          <Button
            type="link"
            size="small"
            style={{ padding: 0 }}
            aria-label={t('customers.contacts.open', { name: c.name })}
            onClick={() => onOpen(c.id)}
          >
            {c.name}
          </Button>
        ),
      },
      ...(withCustomer
        ? [
            {
              key: 'customer',
              title: t('customers.contacts.customer'),
              width: 160,
              ellipsis: true,
              render: (_: unknown, c: ContactSummary) => c.customerName ?? empty,
            },
          ]
        : []),
      {
        key: 'title',
        title: t('customers.contacts.title_'),
        width: 130,
        ellipsis: true,
        render: (_, c) => c.title ?? empty,
      },
      {
        key: 'department',
        title: t('customers.contacts.department'),
        width: 120,
        ellipsis: true,
        render: (_, c) => c.department ?? empty,
      },
      {
        key: 'role',
        title: t('customers.contacts.role'),
        width: 130,
        render: (_, c) => (c.role ? <Tag color="geekblue">{t(`customers.role.${c.role}`)}</Tag> : empty),
      },
      {
        key: 'attitude',
        title: t('customers.contacts.attitude'),
        width: 100,
        render: (_, c) => (
          <Tag color={ATTITUDE_COLORS[c.attitude]}>{t(`customers.attitude.${c.attitude}`)}</Tag>
        ),
      },
      ...(withCustomer
        ? []
        : [
            {
              key: 'reportsTo',
              title: t('customers.contacts.reportsTo'),
              width: 120,
              ellipsis: true,
              render: (_: unknown, c: ContactSummary) =>
                c.reportsToId ? (names.get(c.reportsToId) ?? empty) : empty,
            },
          ]),
      {
        key: 'phone',
        title: t('customers.contacts.phone'),
        width: 140,
        ellipsis: true,
        render: (_, c) => c.phone ?? empty,
      },
      {
        key: 'email',
        title: t('customers.contacts.email'),
        width: 200,
        ellipsis: true,
        render: (_, c) => c.email ?? empty,
      },
      {
        key: 'tags',
        title: t('customers.contacts.tags'),
        width: 160,
        render: (_, c) => <CustomerTagList tags={c.tags} />,
      },
      {
        key: 'lastActivityAt',
        title: t('customers.contacts.lastActivity'),
        width: 160,
        render: (_, c) => formatDateTime(c.lastActivityAt),
      },
    ];
  }, [t, formatDateTime, names, onOpen, withCustomer]);
  const x = columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 120), 0);
  return (
    <Table<ContactSummary>
      aria-label={t('customers.contacts.table')}
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={[...contacts]}
      loading={loading}
      pagination={false}
      virtual={Boolean(scroll?.y)}
      scroll={{ x, ...scroll }}
      onScroll={onScroll}
      footer={footer}
      locale={{ emptyText: t('customers.contacts.empty') }}
    />
  );
}
