import type { Lead } from '@contracts/leads.contract';
import {
  Checkbox,
  DatePicker,
  Descriptions,
  Divider,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Result,
  Select,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isVersionConflict } from '../../../../api/api-error';
import { useErrorHandler } from '../../../../shared/use-error-handler';
import { useFormRules } from '../../../../shared/use-form-rules';
import { useSession } from '../../../auth/use-session';
import { useConvertLead } from '../use-lead';
import { minorDigits, toMinorUnits } from './money';

type ConvertLeadModalProps = {
  lead: Lead;
  open: boolean;
  /** A customer the duplicate check found, chosen from the duplicates card. */
  customerId: string | null;
  onClose: () => void;
};

type Values = {
  customerMode: 'new' | 'existing';
  customerName: string;
  customerId?: string;
  contactMode: 'new' | 'existing' | 'none';
  contactId?: string;
  withDeal: boolean;
  dealName: string;
  amount: string | null;
  expectedCloseOn: Dayjs | null;
};

type Converted = { customerId: string; contactId: string | null; dealId: string | null };

/**
 * Converting a sales-qualified lead (DOMAIN.md §1): into a new customer or one the duplicate check found,
 * with a contact (new from the lead, a matching one, or none) and optionally a deal in the company's currency.
 */
export function ConvertLeadModal({ lead, open, customerId, onClose }: ConvertLeadModalProps) {
  const { t } = useTranslation();
  const me = useSession();
  const [form] = Form.useForm<Values>();
  const convert = useConvertLead();
  const handleError = useErrorHandler();
  const rules = useFormRules();
  const [done, setDone] = useState<Converted | null>(null);
  const currency = me.tenant.currency;
  const digits = minorDigits(currency);
  const customers = lead.duplicates.filter((d) => d.kind === 'customer');
  const contacts = lead.duplicates.filter((d) => d.kind === 'contact');
  const preselected = customerId ?? customers[0]?.id;
  const customerMode = Form.useWatch('customerMode', form);
  const contactMode = Form.useWatch('contactMode', form);
  const withDeal = Form.useWatch('withDeal', form);
  const company = lead.companyName ?? lead.contactName ?? '';

  const submit = (v: Values) => {
    const amountMinor = v.withDeal && v.amount ? toMinorUnits(String(v.amount), digits) : null;
    if (v.withDeal && v.amount && amountMinor === null) {
      form.setFields([{ name: 'amount', errors: [t('leadScreens.convert.badAmount')] }]);
      return;
    }
    convert.mutate(
      {
        id: lead.id,
        version: lead.version,
        customer:
          v.customerMode === 'existing' && v.customerId
            ? { mode: 'existing', id: v.customerId }
            : { mode: 'new', ...(v.customerName.trim() ? { name: v.customerName.trim() } : {}) },
        contact:
          v.contactMode === 'existing' && v.contactId
            ? { mode: 'existing', id: v.contactId }
            : { mode: v.contactMode === 'new' ? 'new' : 'none' },
        deal: v.withDeal
          ? {
              name: v.dealName.trim(),
              amountMinor,
              currency,
              expectedCloseOn: v.expectedCloseOn ? v.expectedCloseOn.format('YYYY-MM-DD') : null,
            }
          : null,
      },
      {
        onSuccess: (result) =>
          setDone({ customerId: result.customerId, contactId: result.contactId, dealId: result.dealId }),
        onError: (error) => {
          handleError(error, form);
          if (isVersionConflict(error)) onClose();
        },
      },
    );
  };

  const close = () => {
    setDone(null);
    onClose();
  };
  const id = (value: string | null) =>
    value ? (
      <Typography.Text code copyable>
        {value}
      </Typography.Text>
    ) : (
      t('common.empty')
    );

  return (
    <Modal
      open={open}
      title={t('leadScreens.convert.title')}
      okText={done ? t('common.close') : t('leadScreens.convert.submit')}
      cancelText={t('common.cancel')}
      cancelButtonProps={done ? { style: { display: 'none' } } : {}}
      confirmLoading={convert.isPending}
      onOk={() => (done ? close() : form.submit())}
      onCancel={close}
      destroyOnHidden
      width={640}
    >
      {done ? (
        <Result
          status="success"
          title={t('leadScreens.convert.done')}
          subTitle={t('leadScreens.converted.readOnly')}
          extra={
            <Descriptions
              size="small"
              column={1}
              items={[
                {
                  key: 'customer',
                  label: t('leadScreens.converted.customer'),
                  children: id(done.customerId),
                },
                { key: 'contact', label: t('leadScreens.converted.contact'), children: id(done.contactId) },
                { key: 'deal', label: t('leadScreens.converted.deal'), children: id(done.dealId) },
              ]}
            />
          }
        />
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{
            customerMode: preselected ? 'existing' : 'new',
            customerName: company,
            customerId: preselected,
            contactMode: lead.contactName ? 'new' : contacts.length > 0 ? 'existing' : 'none',
            contactId: contacts[0]?.id,
            withDeal: true,
            dealName: `${company} – ${t(`leads.source.${lead.source}`)}`,
            amount: null,
            expectedCloseOn: null,
          }}
          onFinish={submit}
        >
          <Form.Item name="customerMode" label={t('leadScreens.convert.customer')}>
            <Radio.Group>
              <Radio value="new">{t('leadScreens.convert.customerNew')}</Radio>
              <Radio value="existing" disabled={customers.length === 0}>
                {t('leadScreens.convert.customerExisting')}
              </Radio>
            </Radio.Group>
          </Form.Item>
          {customerMode === 'existing' ? (
            <Form.Item
              name="customerId"
              label={t('leadScreens.convert.customerMatch')}
              rules={[rules.required]}
            >
              <Select
                aria-label={t('leadScreens.convert.customerMatch')}
                options={customers.map((c) => ({ value: c.id, label: c.name }))}
              />
            </Form.Item>
          ) : (
            <Form.Item
              name="customerName"
              label={t('leadScreens.convert.customerName')}
              rules={[rules.required]}
            >
              <Input maxLength={200} />
            </Form.Item>
          )}
          <Form.Item name="contactMode" label={t('leadScreens.convert.contact')}>
            <Radio.Group>
              <Radio value="new" disabled={!lead.contactName}>
                {lead.contactName
                  ? t('leadScreens.convert.contactNew', { name: lead.contactName })
                  : t('leadScreens.convert.contactNewMissing')}
              </Radio>
              <Radio value="existing" disabled={contacts.length === 0}>
                {t('leadScreens.convert.contactExisting')}
              </Radio>
              <Radio value="none">{t('leadScreens.convert.contactNone')}</Radio>
            </Radio.Group>
          </Form.Item>
          {contactMode === 'existing' && (
            <Form.Item
              name="contactId"
              label={t('leadScreens.convert.contactMatch')}
              rules={[rules.required]}
            >
              <Select
                aria-label={t('leadScreens.convert.contactMatch')}
                options={contacts.map((c) => ({ value: c.id, label: c.name }))}
              />
            </Form.Item>
          )}
          <Divider titlePlacement="start" plain>
            {t('leadScreens.convert.deal')}
          </Divider>
          <Form.Item name="withDeal" valuePropName="checked">
            <Checkbox>{t('leadScreens.convert.withDeal')}</Checkbox>
          </Form.Item>
          {withDeal && (
            <>
              <Form.Item name="dealName" label={t('leadScreens.convert.dealName')} rules={[rules.required]}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="amount" label={t('leadScreens.convert.amount', { currency })}>
                <InputNumber<string>
                  stringMode
                  min="0"
                  precision={digits}
                  prefix={currency}
                  aria-label={t('leadScreens.convert.amount', { currency })}
                  style={{ width: '100%' }}
                />
              </Form.Item>
              <Form.Item name="expectedCloseOn" label={t('leadScreens.convert.expectedCloseOn')}>
                <DatePicker aria-label={t('leadScreens.convert.expectedCloseOn')} />
              </Form.Item>
            </>
          )}
        </Form>
      )}
    </Modal>
  );
}
