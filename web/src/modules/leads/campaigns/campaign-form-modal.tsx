import { LEAD_SOURCES, type LeadSource } from '@contracts/leads.contract';
import type { Campaign } from '@contracts/marketing.contract';
import { DatePicker, Flex, Form, Input, Modal, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { isVersionConflict } from '../../../api/api-error';
import { CurrencySelect } from '../../../shared/currency-select';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormRules } from '../../../shared/use-form-rules';
import { useSession } from '../../auth/use-session';
import { minorDigits, toMinorUnits } from '../detail/convert/money';
import { useCreateCampaign, useUpdateCampaign } from './use-campaigns';
import { minorToAmount } from './use-format-money';

type CampaignValues = {
  name: string;
  channel: LeadSource;
  /** Typed amount in major units ("1234.50"); the API takes minor units. */
  costMinor: string;
  currency: string;
  utmCampaign: string;
  startsOn: Dayjs | null;
  endsOn: Dayjs | null;
  notes: string;
  active: boolean;
};

/** `campaign` null: closed; 'new': create; a campaign: edit it. */
type CampaignFormModalProps = { campaign: Campaign | 'new' | null; onClose: () => void };

const day = (value: Dayjs | null) => (value ? value.format('YYYY-MM-DD') : null);

export function CampaignFormModal({ campaign, onClose }: CampaignFormModalProps) {
  const { t } = useTranslation();
  const me = useSession();
  const [form] = Form.useForm<CampaignValues>();
  const create = useCreateCampaign();
  const update = useUpdateCampaign();
  const handleError = useErrorHandler();
  const rules = useFormRules();
  const editing = campaign !== null && campaign !== 'new' ? campaign : null;
  const currency = editing?.currency ?? me.tenant.currency;

  const onError = (error: unknown) => {
    handleError(error, form);
    if (isVersionConflict(error)) onClose();
  };
  const submit = (values: CampaignValues) => {
    const body = {
      name: values.name,
      channel: values.channel,
      costMinor: toMinorUnits(values.costMinor || '0', minorDigits(values.currency)) ?? 0,
      currency: values.currency,
      utmCampaign: values.utmCampaign.trim() || null,
      startsOn: day(values.startsOn),
      endsOn: day(values.endsOn),
      notes: values.notes,
      active: values.active,
    };
    if (editing)
      update.mutate({ id: editing.id, version: editing.version, ...body }, { onSuccess: onClose, onError });
    else create.mutate(body, { onSuccess: onClose, onError });
  };

  return (
    <Modal
      open={campaign !== null}
      title={editing ? t('marketing.campaigns.editTitle') : t('marketing.campaigns.createTitle')}
      okText={editing ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<CampaignValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{
          name: editing?.name ?? '',
          channel: editing?.channel ?? 'event',
          costMinor: editing ? minorToAmount(editing.costMinor, minorDigits(currency)) : '',
          currency,
          utmCampaign: editing?.utmCampaign ?? '',
          startsOn: editing?.startsOn ? dayjs(editing.startsOn) : null,
          endsOn: editing?.endsOn ? dayjs(editing.endsOn) : null,
          notes: editing?.notes ?? '',
          active: editing?.active ?? true,
        }}
        onFinish={submit}
      >
        <Form.Item name="name" label={t('marketing.campaigns.name')} rules={[rules.required]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="channel" label={t('marketing.campaigns.channel')}>
          <Select options={LEAD_SOURCES.map((s) => ({ value: s, label: t(`leads.source.${s}`) }))} />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item
            name="costMinor"
            label={t('marketing.campaigns.cost')}
            style={{ flex: 2 }}
            dependencies={['currency']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) => {
                  const digits = minorDigits(getFieldValue('currency') as string);
                  return toMinorUnits(value || '0', digits) === null
                    ? Promise.reject(new Error(t('marketing.campaigns.invalidAmount', { digits })))
                    : Promise.resolve();
                },
              }),
            ]}
          >
            <Input inputMode="decimal" placeholder="0" />
          </Form.Item>
          <Form.Item name="currency" label={t('marketing.campaigns.currency')} style={{ flex: 1 }}>
            <CurrencySelect />
          </Form.Item>
        </Flex>
        <Form.Item
          name="utmCampaign"
          label={t('marketing.campaigns.utmCampaign')}
          extra={t('marketing.campaigns.utmHint')}
        >
          <Input maxLength={200} placeholder="summer-sem-2025" />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="startsOn" label={t('marketing.campaigns.period')} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="endsOn" label=" " style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="notes" label={t('marketing.campaigns.notes')}>
          <Input.TextArea maxLength={10_000} autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Form.Item name="active" label={t('marketing.campaigns.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
