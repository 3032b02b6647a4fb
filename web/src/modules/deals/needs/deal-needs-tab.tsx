import type { DealNeeds, NeedsShareLink } from '@contracts/deal-needs.contract';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Row,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/api-error';
import { CurrencySelect } from '../../../shared/currency-select';
import { ErrorAlert } from '../../../shared/error-alert';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { minorDigits } from '../../leads/detail/convert/money';
import { NeedItemsEditor } from './need-items-editor';
import { NeedPrompts, type PromptSection } from './need-prompts';
import { NeedsConfirmation, NeedsLinkModal } from './needs-confirmation';
import {
  corePainPoints,
  formValuesOf,
  type ItemDraft,
  itemDraftsOf,
  type NeedsFormValues,
  needsBody,
} from './needs-form-values';
import { NeedsPrintView } from './needs-print-view';
import { useDealNeeds, useSaveNeeds } from './use-deal-needs';

/** What the needs gate of the default pipelines asks for; shown as a recommendation, the gate decides. */
const RECOMMENDED_CORE_PAIN_POINTS = 3;

/**
 * The needs tab of a deal (DOMAIN.md §2): a guided form with SPIN and 5W2H prompts beside each section, the
 * needs grouped by priority, the core pain point count, and the confirmation with the customer (read-only
 * link, print).
 */
export function DealNeedsTab({ dealId }: { dealId: string }) {
  const needs = useDealNeeds(dealId);
  const [link, setLink] = useState<NeedsShareLink | null>(null);
  if (needs.isError) return <ErrorAlert error={needs.error} />;
  if (!needs.data) return <Skeleton active />;
  return (
    <>
      {/* A saved version starts the editor afresh from what the server holds. */}
      <NeedsEditor key={needs.data.version} dealId={dealId} needs={needs.data} onLink={setLink} />
      <NeedsLinkModal link={link} onClose={() => setLink(null)} />
    </>
  );
}

function Section({
  title,
  prompts,
  children,
}: {
  title: string;
  prompts: PromptSection;
  children: ReactNode;
}) {
  return (
    <Card size="small" title={title}>
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={16}>
          {children}
        </Col>
        <Col xs={24} lg={8}>
          <NeedPrompts section={prompts} />
        </Col>
      </Row>
    </Card>
  );
}

const toDay = (value: string | null | undefined) => ({ value: value ? dayjs(value) : null });
const fromDay = (value: Dayjs | null) => (value ? value.format('YYYY-MM-DD') : null);

type NeedsEditorProps = { dealId: string; needs: DealNeeds; onLink: (link: NeedsShareLink) => void };

function NeedsEditor({ dealId, needs, onLink }: NeedsEditorProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const [form] = Form.useForm<NeedsFormValues>();
  const save = useSaveNeeds(dealId);
  const [items, setItems] = useState<ItemDraft[]>(() => itemDraftsOf(needs));
  const [dirty, setDirty] = useState(false);
  const [itemErrors, setItemErrors] = useState<Record<string, string>>({});
  const currency = Form.useWatch('budgetCurrency', form) ?? needs.budgetCurrency ?? 'CNY';
  const core = corePainPoints(items);

  const changeItems = (next: ItemDraft[]) => {
    setItems(next);
    setDirty(true);
    setItemErrors({});
  };

  const submit = (values: NeedsFormValues) => {
    const body = needsBody(needs.version, needs.summary, values, items);
    if ('problems' in body) {
      form.setFields(
        body.problems.map((p) => ({ name: p.field, errors: [t(`dealNeeds.validation.${p.problem}`)] })),
      );
      return;
    }
    const sent = items.filter((i) => i.description.trim() !== '');
    save.mutate(body, {
      onSuccess: () => void message.success(t('dealNeeds.saved')),
      onError: (error) => {
        if (error instanceof ApiError) {
          const byKey: Record<string, string> = {};
          for (const e of error.problem?.errors ?? []) {
            const m = /^items\.(\d+)/.exec(e.path);
            const key = m ? sent[Number(m[1])]?.key : undefined;
            if (key) byKey[key] = e.detail;
          }
          setItemErrors(byKey);
          // The server names budget fields by their minor-unit names.
          for (const e of error.problem?.errors ?? []) {
            if (e.path === 'budgetMinMinor' || e.path === 'budgetMaxMinor') {
              form.setFields([
                { name: e.path === 'budgetMinMinor' ? 'budgetMin' : 'budgetMax', errors: [e.detail] },
              ]);
            }
          }
        }
        handleError(error, form);
      },
    });
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('dealNeeds.intro')}
      </Typography.Paragraph>
      <NeedsConfirmation
        dealId={dealId}
        needs={needs}
        dirty={dirty}
        onPrint={() => window.print()}
        onLink={onLink}
      />
      <Form<NeedsFormValues>
        form={form}
        layout="vertical"
        initialValues={formValuesOf(needs)}
        onValuesChange={() => setDirty(true)}
        onFinish={submit}
      >
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Section title={t('dealNeeds.sections.situation')} prompts="situation">
            <Form.Item name="currentBusiness" label={t('dealNeeds.fields.currentBusiness')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} />
            </Form.Item>
            <Form.Item
              name="currentTools"
              label={t('dealNeeds.fields.currentTools')}
              style={{ marginBottom: 0 }}
            >
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 6 }} maxLength={5000} />
            </Form.Item>
          </Section>

          <Section title={t('dealNeeds.sections.needs')} prompts="needs">
            <Space style={{ marginBottom: 12 }} wrap>
              <Tag color={core >= RECOMMENDED_CORE_PAIN_POINTS ? 'success' : 'warning'}>
                {t('dealNeeds.items.corePainPoints', { count: core })}
              </Tag>
              <Typography.Text type="secondary">{t('dealNeeds.items.recommended')}</Typography.Text>
            </Space>
            <NeedItemsEditor
              items={items}
              onChange={changeItems}
              disabled={save.isPending}
              errors={itemErrors}
            />
          </Section>

          <Section title={t('dealNeeds.sections.results')} prompts="results">
            <Form.Item name="expectedResults" label={t('dealNeeds.fields.expectedResults')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} />
            </Form.Item>
            <Form.Item
              name="deadlineOn"
              label={t('dealNeeds.fields.deadlineOn')}
              getValueProps={toDay}
              normalize={fromDay}
              style={{ marginBottom: 0 }}
            >
              <DatePicker aria-label={t('dealNeeds.fields.deadlineOn')} />
            </Form.Item>
          </Section>

          <Section title={t('dealNeeds.sections.decision')} prompts="decision">
            <Form.Item name="decisionProcess" label={t('dealNeeds.fields.decisionProcess')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} />
            </Form.Item>
            <Form.Item label={t('dealNeeds.fields.budget')} style={{ marginBottom: 0 }}>
              <Space wrap align="start">
                <Form.Item name="budgetMin">
                  <InputNumber<string>
                    stringMode
                    min="0"
                    precision={minorDigits(currency)}
                    placeholder={t('dealNeeds.fields.budgetMin')}
                    aria-label={t('dealNeeds.fields.budgetMin')}
                    style={{ width: 180 }}
                  />
                </Form.Item>
                <Form.Item name="budgetMax">
                  <InputNumber<string>
                    stringMode
                    min="0"
                    precision={minorDigits(currency)}
                    placeholder={t('dealNeeds.fields.budgetMax')}
                    aria-label={t('dealNeeds.fields.budgetMax')}
                    style={{ width: 180 }}
                  />
                </Form.Item>
                <Form.Item name="budgetCurrency">
                  <CurrencySelect
                    allowClear
                    placeholder={t('dealNeeds.fields.budgetCurrency')}
                    aria-label={t('dealNeeds.fields.budgetCurrency')}
                    style={{ width: 200 }}
                  />
                </Form.Item>
              </Space>
            </Form.Item>
            <Form.Item
              name="paymentPreference"
              label={t('dealNeeds.fields.paymentPreference')}
              style={{ marginBottom: 0 }}
            >
              <Input maxLength={1000} />
            </Form.Item>
          </Section>

          <Section title={t('dealNeeds.sections.requirements')} prompts="requirements">
            <Form.Item
              name="specialRequirements"
              label={t('dealNeeds.fields.specialRequirements')}
              style={{ marginBottom: 0 }}
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} />
            </Form.Item>
          </Section>

          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('dealNeeds.save')}
            </Button>
            {dirty && <Typography.Text type="warning">{t('dealNeeds.unsaved')}</Typography.Text>}
          </Space>
        </Space>
      </Form>
      {/* Hidden on screen; the only thing printed. */}
      <NeedsPrintView needs={needs} />
    </Space>
  );
}
