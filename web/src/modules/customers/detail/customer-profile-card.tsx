import type { Customer } from '@contracts/customers.contract';
import { LEAD_SOURCES, type LeadSource } from '@contracts/leads.contract';
import { Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { useCustomValueItems } from '../../admin-custom-fields/custom-field-inputs';
import { CustomerTagList } from '../customer-tag-list';

const isLeadSource = (value: string | null): value is LeadSource =>
  value !== null && (LEAD_SOURCES as readonly string[]).includes(value);

/** The basic profile of DOMAIN.md §7 as read; the edit drawer changes it. */
export function CustomerProfileCard({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const empty = t('common.empty');
  const text = (value: string | null) => value || empty;
  const customItems = useCustomValueItems('customer', customer.custom);
  return (
    <Card size="small" title={t('customers.detail.profile')} style={{ marginBottom: 16 }}>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'legalName', label: t('customers.fields.legalName'), children: text(customer.legalName) },
          {
            key: 'creditCode',
            label: t('customers.fields.creditCode'),
            children: customer.creditCode ? (
              <Typography.Text copyable code>
                {customer.creditCode}
              </Typography.Text>
            ) : (
              empty
            ),
          },
          ...(customer.taxId
            ? [{ key: 'taxId', label: t('customers.fields.taxId'), children: customer.taxId }]
            : []),
          { key: 'industry', label: t('customers.fields.industry'), children: text(customer.industry) },
          {
            key: 'companySize',
            label: t('customers.fields.companySize'),
            children: customer.companySize ? t(`leads.companySize.${customer.companySize}`) : empty,
          },
          { key: 'region', label: t('customers.fields.region'), children: text(customer.region) },
          { key: 'address', label: t('customers.fields.address'), children: text(customer.address) },
          { key: 'phone', label: t('customers.fields.phone'), children: text(customer.phone) },
          {
            key: 'website',
            label: t('customers.fields.website'),
            children: customer.website ? (
              <Typography.Link
                href={
                  /^https?:\/\//i.test(customer.website) ? customer.website : `https://${customer.website}`
                }
                target="_blank"
                rel="noopener noreferrer"
              >
                {customer.website}
              </Typography.Link>
            ) : (
              empty
            ),
          },
          {
            key: 'parent',
            label: t('customers.fields.parent'),
            children: customer.parentId ? (
              <Link to={`/customers/${customer.parentId}`}>{customer.parentName ?? customer.parentId}</Link>
            ) : (
              empty
            ),
          },
          ...(customer.children.length > 0
            ? [
                {
                  key: 'children',
                  label: t('customers.detail.subsidiaries'),
                  children: (
                    <span>
                      {customer.children.map((child, i) => (
                        <span key={child.id}>
                          {i > 0 && t('customers.map.separator')}
                          <Link to={`/customers/${child.id}`}>{child.name}</Link>
                        </span>
                      ))}
                    </span>
                  ),
                },
              ]
            : []),
          {
            key: 'tags',
            label: t('customers.fields.tags'),
            children: <CustomerTagList tags={customer.tags} emptyText />,
          },
          {
            key: 'source',
            label: t('customers.fields.source'),
            children: isLeadSource(customer.source)
              ? t(`leads.source.${customer.source}`)
              : text(customer.source),
          },
          ...customItems,
          {
            key: 'lastActivityAt',
            label: t('customers.fields.lastActivityAt'),
            children: formatDateTime(customer.lastActivityAt),
          },
          {
            key: 'createdAt',
            label: t('customers.fields.createdAt'),
            children: formatDateTime(customer.createdAt),
          },
          ...(customer.notes
            ? [
                {
                  key: 'notes',
                  label: t('customers.fields.notes'),
                  children: (
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                      {customer.notes}
                    </Typography.Paragraph>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
