import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { Customer } from '@contracts/customers.contract';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Popconfirm,
  Row,
  Space,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../../shared/error-alert';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { RecordTimeline } from '../../activities/record-timeline';
import { CustomerServiceTab } from '../../after-sales/customer-service-tab';
import { CustomerTransactionsSection } from '../../receivables/customer-transactions-section';
import { ContactDrawer, type ContactTarget } from '../contacts/contact-drawer';
import { LIFECYCLE_COLORS, TIER_COLORS } from '../customer-colors';
import { CustomerFormDrawer } from '../list/customer-form-drawer';
import { PoolHistoryCard } from '../pool/pool-history-card';
import { ReleaseButton } from '../pool/release-button';
import { RecordMatchList } from '../record-match-list';
import { RetentionCards } from '../retention/retention-cards';
import { useCustomerContacts, useDeleteCustomer } from '../use-customers';
import { ContactsTable } from './contacts-table';
import { CustomerDeals } from './customer-deals';
import { CustomerProfileCard } from './customer-profile-card';
import { RelationshipMap } from './relationship-map';

/** A customer's page: who they are, who we deal with there and how they stand, and the deals. */
export function CustomerView({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const handleError = useErrorHandler();
  const remove = useDeleteCustomer();
  const contacts = useCustomerContacts(customer.id);
  const [editing, setEditing] = useState(false);
  const [contact, setContact] = useState<ContactTarget | null>(null);
  const open = (id: string) => setContact({ kind: 'existing', id });
  const empty = t('common.empty');
  const computedHint = t('customers.hints.computed');
  return (
    <>
      <Link to="/customers">
        <ArrowLeftOutlined /> {t('customers.detail.back')}
      </Link>
      <Flex justify="space-between" align="flex-start" wrap gap={16} style={{ margin: '8px 0 16px' }}>
        <div>
          <Space align="center" wrap>
            <Typography.Title level={2} style={{ margin: 0 }}>
              {customer.name}
            </Typography.Title>
            {customer.tier && (
              <Tooltip title={computedHint}>
                <Tag color={TIER_COLORS[customer.tier]}>
                  {t('customers.fields.tier')}: {t(`customers.tier.${customer.tier}`)}
                </Tag>
              </Tooltip>
            )}
            {customer.lifecycleStage && (
              <Tooltip title={computedHint}>
                <Tag color={LIFECYCLE_COLORS[customer.lifecycleStage]}>
                  {t('customers.fields.lifecycleStage')}:{' '}
                  {t(`customers.lifecycle.${customer.lifecycleStage}`)}
                </Tag>
              </Tooltip>
            )}
          </Space>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, md: 4 }}
            style={{ marginTop: 8 }}
            items={[
              {
                key: 'owner',
                label: t('customers.fields.owner'),
                children: customer.ownerName ?? t('customers.list.unassigned'),
              },
              { key: 'team', label: t('customers.fields.team'), children: customer.teamName ?? empty },
              {
                key: 'industry',
                label: t('customers.fields.industry'),
                children: customer.industry ?? empty,
              },
              { key: 'region', label: t('customers.fields.region'), children: customer.region ?? empty },
            ]}
          />
        </div>
        <Space wrap>
          <ReleaseButton customer={customer} />
          {customer.can.edit && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('customers.detail.edit')}
            </Button>
          )}
          {customer.can.delete && (
            <Popconfirm
              title={t('customers.detail.deleteConfirm', { name: customer.name })}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() =>
                remove
                  .mutateAsync(customer.id)
                  .then(() => navigate('/customers'))
                  .catch((error: unknown) => handleError(error))
              }
            >
              <Button danger icon={<DeleteOutlined />}>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </Flex>
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card size="small" style={{ marginBottom: 16 }}>
            {contacts.isError && <ErrorAlert error={contacts.error} />}
            <Tabs
              tabBarExtraContent={
                customer.can.edit && (
                  <Button
                    size="small"
                    icon={<PlusOutlined />}
                    onClick={() =>
                      setContact({ kind: 'new', customerId: customer.id, customerName: customer.name })
                    }
                  >
                    {t('customers.contacts.add')}
                  </Button>
                )
              }
              items={[
                {
                  key: 'map',
                  label: t('customers.detail.tabs.map'),
                  children: (
                    <RelationshipMap
                      customerName={customer.name}
                      contacts={contacts.data ?? []}
                      editable={customer.can.edit}
                      onOpen={open}
                    />
                  ),
                },
                {
                  key: 'contacts',
                  label: t('customers.detail.tabs.contacts'),
                  children: (
                    <ContactsTable
                      contacts={contacts.data ?? []}
                      loading={contacts.isPending}
                      onOpen={open}
                    />
                  ),
                },
                {
                  key: 'deals',
                  label: t('customers.detail.tabs.deals'),
                  children: <CustomerDeals customerId={customer.id} />,
                },
                {
                  key: 'transactions',
                  label: t('receivables.transactions.tab'),
                  children: <CustomerTransactionsSection customerId={customer.id} />,
                },
                {
                  key: 'service',
                  label: t('afterSales.tab'),
                  children: (
                    <CustomerServiceTab
                      customerId={customer.id}
                      customerName={customer.name}
                      editable={customer.can.edit}
                    />
                  ),
                },
                {
                  key: 'timeline',
                  label: t('activities.timeline.title'),
                  children: <RecordTimeline record="customer" id={customer.id} canLog={customer.can.edit} />,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <RetentionCards customer={customer} />
          <CustomerProfileCard customer={customer} />
          <PoolHistoryCard customerId={customer.id} />
          <Card size="small" title={t('customers.duplicates.title')} style={{ marginBottom: 16 }}>
            {customer.duplicates.length === 0 ? (
              <Typography.Text type="secondary">{t('customers.duplicates.none')}</Typography.Text>
            ) : (
              <RecordMatchList
                matches={customer.duplicates}
                mergeInto={{ kind: 'customer', id: customer.id }}
              />
            )}
          </Card>
        </Col>
      </Row>
      <CustomerFormDrawer
        open={editing}
        customer={customer}
        onClose={() => setEditing(false)}
        onSaved={() => setEditing(false)}
      />
      <ContactDrawer target={contact} onClose={() => setContact(null)} />
    </>
  );
}
