import { DeleteOutlined, EditOutlined, PlusOutlined, SignatureOutlined } from '@ant-design/icons';
import type { ApproverLevel } from '@contracts/approvals.contract';
import {
  type FloorApproval,
  MINUTES_RESULTS,
  type MinutesResult,
  type NegotiationMinutes,
  type PriceFloor,
} from '@contracts/deal-negotiation.contract';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CurrencySelect } from '../../../shared/currency-select';
import { ErrorAlert } from '../../../shared/error-alert';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormRules } from '../../../shared/use-form-rules';
import { minorToAmount, useFormatMoney } from '../../leads/campaigns/use-format-money';
import { minorDigits, toMinorUnits } from '../../leads/detail/convert/money';
import {
  useCreateMinutes,
  useDealMinutes,
  useDeleteMinutes,
  useSignOffMinutes,
  useUpdateMinutes,
} from './use-negotiation';

const APPROVAL_COLORS: Record<FloorApproval, string> = {
  not_needed: 'default',
  pending: 'orange',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'default',
};

const day = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : null);
const toDay = (value: string | null) => (value ? dayjs(value) : null);

type Values = {
  heldOn: Dayjs;
  attendees: string;
  result: MinutesResult;
  price: string | null;
  currency: string;
  deliveryTime: string;
  paymentTerms: string;
  liability: string;
  otherTerms: string;
  nextSteps: string;
  nextMeetingOn: Dayjs | null;
  strategyNote: string;
};

/** The negotiation minutes of a deal with the price floor, the customer's sign-off and the price approval. */
/** readOnly: a won or lost deal keeps its minutes as they were. */
export function MinutesSection({ dealId, readOnly = false }: { dealId: string; readOnly?: boolean }) {
  const { t } = useTranslation();
  const minutes = useDealMinutes(dealId);
  const [editing, setEditing] = useState<NegotiationMinutes | 'new' | null>(null);
  const floor = minutes.data?.floor;
  const items = minutes.data?.items ?? [];
  return (
    <Card
      size="small"
      title={t('dealNegotiation.minutes.title')}
      extra={
        !readOnly && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('dealNegotiation.minutes.add')}
          </Button>
        )
      }
    >
      {minutes.isError && <ErrorAlert error={minutes.error} />}
      {floor && <FloorAlert floor={floor} />}
      {minutes.data && items.length === 0 && <Empty description={t('dealNegotiation.minutes.empty')} />}
      <Space orientation="vertical" style={{ width: '100%' }}>
        {items.map((m) => (
          <MinutesCard
            key={m.id}
            dealId={dealId}
            minutes={m}
            readOnly={readOnly}
            onEdit={() => setEditing(m)}
          />
        ))}
      </Space>
      {editing && floor && (
        <MinutesModal
          dealId={dealId}
          floor={floor}
          minutes={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Card>
  );
}

function FloorAlert({ floor }: { floor: PriceFloor }) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  if (floor.floorMinor === null || floor.referenceMinor === null) {
    return (
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('dealNegotiation.floor.title')}
        description={t('dealNegotiation.floor.source.none')}
      />
    );
  }
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      title={t('dealNegotiation.floor.value', {
        floor: formatMoney(floor.floorMinor, floor.currency),
        reference: formatMoney(floor.referenceMinor, floor.currency),
        buffer: floor.bufferPercent,
      })}
      description={t(`dealNegotiation.floor.source.${floor.source}`)}
    />
  );
}

function MinutesCard({
  dealId,
  minutes: m,
  readOnly,
  onEdit,
}: {
  dealId: string;
  minutes: NegotiationMinutes;
  readOnly: boolean;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const remove = useDeleteMinutes(dealId);
  const handleError = useErrorHandler();
  const [signing, setSigning] = useState(false);
  const agreed = m.result === 'agreed';
  const below =
    agreed && m.floorMinor !== null && m.finalPriceMinor !== null && m.finalPriceMinor < m.floorMinor;
  // The approvals matrix decides a price below the floor: the minutes show where it waits and why.
  const request = m.floorRequest;
  const waiting = m.floorApproval === 'pending' && request?.waitingFor;
  const currency = m.currency ?? '';
  const terms = [
    { key: 'attendees', label: t('dealNegotiation.minutes.attendees'), value: m.attendees },
    { key: 'deliveryTime', label: t('dealNegotiation.minutes.deliveryTime'), value: m.deliveryTime },
    { key: 'paymentTerms', label: t('dealNegotiation.minutes.paymentTerms'), value: m.paymentTerms },
    { key: 'liability', label: t('dealNegotiation.minutes.liability'), value: m.liability },
    { key: 'otherTerms', label: t('dealNegotiation.minutes.otherTerms'), value: m.otherTerms },
    { key: 'nextSteps', label: t('dealNegotiation.minutes.nextSteps'), value: m.nextSteps },
    { key: 'nextMeetingOn', label: t('dealNegotiation.minutes.nextMeetingOn'), value: m.nextMeetingOn ?? '' },
    { key: 'strategyNote', label: t('dealNegotiation.minutes.strategyNote'), value: m.strategyNote },
  ].filter((item) => item.value !== '');
  return (
    <Card
      size="small"
      type="inner"
      title={
        <Space wrap>
          <span>{m.heldOn}</span>
          <Tag color={agreed ? 'blue' : 'red'}>{t(`dealNegotiation.result.${m.result}`)}</Tag>
          {agreed && <Typography.Text strong>{formatMoney(m.finalPriceMinor, currency)}</Typography.Text>}
          {agreed && m.floorMinor !== null && (
            <Tag color={below ? 'orange' : 'green'}>
              {t(below ? 'dealNegotiation.floor.below' : 'dealNegotiation.floor.within', {
                floor: formatMoney(m.floorMinor, currency),
              })}
            </Tag>
          )}
          {agreed && m.floorApproval !== 'not_needed' && (
            <Tag color={APPROVAL_COLORS[m.floorApproval]}>
              {waiting
                ? t('dealNegotiation.floor.waitingFor', {
                    level: t(`approvals.levels.${request.waitingFor as ApproverLevel}`),
                  })
                : t(`dealNegotiation.floor.approval.${m.floorApproval}`)}
            </Tag>
          )}
          {agreed && (
            <Tag color={m.countsAsSigned ? 'green' : 'default'}>
              {t(
                m.countsAsSigned
                  ? 'dealNegotiation.minutes.countsAsSigned'
                  : 'dealNegotiation.minutes.notCounted',
              )}
            </Tag>
          )}
        </Space>
      }
      extra={
        !readOnly && (
          <Space>
            {agreed && !m.signedByName && (
              <Button size="small" icon={<SignatureOutlined />} onClick={() => setSigning(true)}>
                {t('dealNegotiation.minutes.signOff')}
              </Button>
            )}
            <Button size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={onEdit} />
            <Popconfirm
              title={t('dealNegotiation.minutes.deleteConfirm')}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => remove.mutateAsync(m.id).catch((error: unknown) => handleError(error))}
            >
              <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
            </Popconfirm>
          </Space>
        )
      }
    >
      {terms.length > 0 && (
        <Descriptions
          size="small"
          column={1}
          items={terms.map((item) => ({ key: item.key, label: item.label, children: item.value }))}
        />
      )}
      <Space orientation="vertical" size={0}>
        {agreed && (
          <Typography.Text type="secondary">
            {m.signedByName && m.signedOn
              ? t('dealNegotiation.minutes.signedBy', { name: m.signedByName, date: m.signedOn })
              : t('dealNegotiation.minutes.notSigned')}
          </Typography.Text>
        )}
        {agreed && request && request.reasons.length > 0 && m.floorApproval !== 'not_needed' && (
          <Typography.Text type="secondary">
            {t('dealNegotiation.floor.reasons', {
              reasons: request.reasons.map((r) => t(r as 'approvals.title', r)).join('; '),
            })}
          </Typography.Text>
        )}
        {m.floorApproval === 'pending' && request?.status === 'pending' && (
          <Link to="/quote-to-cash/approvals">{t('dealNegotiation.floor.openInbox')}</Link>
        )}
        {(m.floorApproval === 'rejected' ||
          m.floorApproval === 'withdrawn' ||
          (m.floorApproval === 'pending' && request?.status !== 'pending')) && (
          <Typography.Text type="secondary">{t('dealNegotiation.floor.askAgain')}</Typography.Text>
        )}
        {m.floorApprovedByName && (
          <Typography.Text type="secondary">
            {t('dealNegotiation.floor.decidedBy', {
              name: m.floorApprovedByName,
              comment: m.floorComment || t('common.empty'),
            })}
          </Typography.Text>
        )}
        {m.createdByName && (
          <Typography.Text type="secondary">
            {t('dealNegotiation.minutes.author', { name: m.createdByName })}
          </Typography.Text>
        )}
      </Space>
      {signing && <SignOffModal dealId={dealId} minutesId={m.id} onClose={() => setSigning(false)} />}
    </Card>
  );
}

function MinutesModal({
  dealId,
  floor,
  minutes,
  onClose,
}: {
  dealId: string;
  floor: PriceFloor;
  minutes: NegotiationMinutes | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const formatMoney = useFormatMoney();
  const [form] = Form.useForm<Values>();
  const create = useCreateMinutes(dealId);
  const update = useUpdateMinutes(dealId);
  const handleError = useErrorHandler();
  const result = Form.useWatch('result', form) ?? minutes?.result ?? 'agreed';
  const currency = Form.useWatch('currency', form) ?? minutes?.currency ?? floor.currency;
  const price = Form.useWatch('price', form);
  const digits = minorDigits(currency);
  const priceMinor = price ? toMinorUnits(String(price), digits) : null;
  const below =
    result === 'agreed' && floor.floorMinor !== null && priceMinor !== null && priceMinor < floor.floorMinor;
  const submit = (v: Values) => {
    const finalPriceMinor = v.result === 'agreed' && v.price ? toMinorUnits(String(v.price), digits) : null;
    const body = {
      heldOn: day(v.heldOn) ?? dayjs().format('YYYY-MM-DD'),
      attendees: v.attendees ?? '',
      result: v.result,
      finalPriceMinor,
      currency: v.result === 'agreed' ? v.currency : null,
      deliveryTime: v.deliveryTime ?? '',
      paymentTerms: v.paymentTerms ?? '',
      liability: v.liability ?? '',
      otherTerms: v.otherTerms ?? '',
      nextSteps: v.nextSteps ?? '',
      nextMeetingOn: v.result === 'no_agreement' ? day(v.nextMeetingOn) : null,
      strategyNote: v.result === 'no_agreement' ? (v.strategyNote ?? '') : '',
    };
    const options = { onSuccess: onClose, onError: (error: unknown) => handleError(error, form) };
    if (minutes) update.mutate({ minutesId: minutes.id, version: minutes.version, ...body }, options);
    else create.mutate(body, options);
  };
  return (
    <Modal
      open
      width={720}
      title={t(minutes ? 'dealNegotiation.minutes.editTitle' : 'dealNegotiation.minutes.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {minutes && (
        <Typography.Paragraph type="secondary">
          {t('dealNegotiation.minutes.priceChangeHint')}
        </Typography.Paragraph>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          heldOn: toDay(minutes?.heldOn ?? null) ?? dayjs(),
          attendees: minutes?.attendees ?? '',
          result: minutes?.result ?? 'agreed',
          price:
            minutes?.finalPriceMinor == null
              ? null
              : minorToAmount(minutes.finalPriceMinor, minorDigits(minutes.currency ?? floor.currency)),
          currency: minutes?.currency ?? floor.currency,
          deliveryTime: minutes?.deliveryTime ?? '',
          paymentTerms: minutes?.paymentTerms ?? '',
          liability: minutes?.liability ?? '',
          otherTerms: minutes?.otherTerms ?? '',
          nextSteps: minutes?.nextSteps ?? '',
          nextMeetingOn: toDay(minutes?.nextMeetingOn ?? null),
          strategyNote: minutes?.strategyNote ?? '',
        }}
      >
        <Space wrap>
          <Form.Item
            name="heldOn"
            label={t('dealNegotiation.minutes.heldOn')}
            rules={[{ required: true, message: t('errors.required') }]}
          >
            <DatePicker aria-label={t('dealNegotiation.minutes.heldOn')} />
          </Form.Item>
          <Form.Item name="result" label={t('dealNegotiation.minutes.result')}>
            <Select
              aria-label={t('dealNegotiation.minutes.result')}
              style={{ width: 180 }}
              options={MINUTES_RESULTS.map((value) => ({
                value,
                label: t(`dealNegotiation.result.${value}`),
              }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="attendees" label={t('dealNegotiation.minutes.attendees')}>
          <Input maxLength={2000} />
        </Form.Item>
        {result === 'agreed' ? (
          <>
            <Form.Item
              label={t('dealNegotiation.minutes.finalPrice')}
              style={{ marginBottom: 0 }}
              extra={
                floor.floorMinor === null
                  ? undefined
                  : t(below ? 'dealNegotiation.floor.below' : 'dealNegotiation.floor.within', {
                      floor: formatMoney(floor.floorMinor, floor.currency),
                    })
              }
            >
              <Form.Item
                name="price"
                rules={[{ required: true, message: t('errors.required') }]}
                style={{ display: 'inline-block', width: 'calc(65% - 8px)', marginInlineEnd: 8 }}
              >
                <InputNumber<string>
                  stringMode
                  min="0"
                  precision={digits}
                  status={below ? 'warning' : undefined}
                  aria-label={t('dealNegotiation.minutes.finalPrice')}
                  style={{ width: '100%' }}
                />
              </Form.Item>
              <Form.Item name="currency" style={{ display: 'inline-block', width: '35%' }}>
                <CurrencySelect aria-label={t('dealNegotiation.minutes.currency')} />
              </Form.Item>
            </Form.Item>
            <Form.Item name="deliveryTime" label={t('dealNegotiation.minutes.deliveryTime')}>
              <Input maxLength={1000} />
            </Form.Item>
            <Form.Item name="paymentTerms" label={t('dealNegotiation.minutes.paymentTerms')}>
              <Input maxLength={1000} />
            </Form.Item>
            <Form.Item name="liability" label={t('dealNegotiation.minutes.liability')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <Form.Item name="otherTerms" label={t('dealNegotiation.minutes.otherTerms')}>
              <Input.TextArea rows={2} maxLength={5000} />
            </Form.Item>
          </>
        ) : (
          <>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('dealNegotiation.minutes.noAgreementHint')}
            />
            <Form.Item
              name="nextMeetingOn"
              label={t('dealNegotiation.minutes.nextMeetingOn')}
              rules={[{ required: true, message: t('errors.required') }]}
            >
              <DatePicker aria-label={t('dealNegotiation.minutes.nextMeetingOn')} />
            </Form.Item>
            <Form.Item
              name="strategyNote"
              label={t('dealNegotiation.minutes.strategyNote')}
              rules={[rules.required]}
            >
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
          </>
        )}
        <Form.Item name="nextSteps" label={t('dealNegotiation.minutes.nextSteps')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SignOffModal({
  dealId,
  minutesId,
  onClose,
}: {
  dealId: string;
  minutesId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const [form] = Form.useForm<{ signedByName: string; signedOn: Dayjs }>();
  const signOff = useSignOffMinutes(dealId);
  const handleError = useErrorHandler();
  return (
    <Modal
      open
      title={t('dealNegotiation.minutes.signOffTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={signOff.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ signedByName: '', signedOn: dayjs() }}
        onFinish={(v) =>
          signOff.mutate(
            { minutesId, signedByName: v.signedByName.trim(), signedOn: day(v.signedOn) ?? '' },
            { onSuccess: onClose, onError: (error) => handleError(error, form) },
          )
        }
      >
        <Form.Item
          name="signedByName"
          label={t('dealNegotiation.minutes.signedByName')}
          rules={[rules.required]}
        >
          <Input maxLength={200} autoFocus />
        </Form.Item>
        <Form.Item
          name="signedOn"
          label={t('dealNegotiation.minutes.signedOn')}
          rules={[{ required: true, message: t('errors.required') }]}
        >
          <DatePicker aria-label={t('dealNegotiation.minutes.signedOn')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
