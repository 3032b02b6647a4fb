import { SyncOutlined } from '@ant-design/icons';
import { CUSTOMER_TIERS } from '@contracts/customers.contract';
import { HEALTH_SIGNALS } from '@contracts/retention.contract';
import { App, Button, Card, Col, Flex, Form, InputNumber, Row, Skeleton, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/api-error';
import { ErrorAlert } from '../../../shared/error-alert';
import { PageTitle } from '../../../shared/page-title';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useSession } from '../../auth/use-session';
import { minorDigits } from '../../leads/detail/convert/money';
import { firstNotAscending, formToRules, minorToMajor, type RulesForm, rulesToForm } from './retention-text';
import { useRecomputeAll, useRetentionSettings, useSaveRetentionSettings } from './use-retention';

/** The form holds the rules as the API does (so field errors land by path), money in major units. */
type Values = { rules: RulesForm };

type CutoffsInputProps = {
  value?: (number | null)[];
  onChange?: (value: (number | null)[]) => void;
  label: (n: number) => string;
  max: number;
  unit?: string;
  precision?: number;
};

/** Four ascending cut-offs side by side, edited as one value so an error on the list shows under all four. */
function CutoffsInput({ value = [], onChange, label, max, unit, precision = 0 }: CutoffsInputProps) {
  return (
    <Flex gap={8} wrap>
      {[0, 1, 2, 3].map((i) => (
        <InputNumber
          key={i}
          aria-label={label(i + 1)}
          placeholder={label(i + 1)}
          min={0}
          max={max}
          precision={precision}
          value={value[i] ?? null}
          suffix={unit}
          onChange={(v) => {
            const next = [0, 1, 2, 3].map((j) => value[j] ?? null);
            next[i] = typeof v === 'number' ? v : null;
            onChange?.(next);
          }}
          style={{ width: 150 }}
        />
      ))}
    </Flex>
  );
}

function Section({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  return (
    <Card size="small" title={title} style={{ marginBottom: 16 }}>
      {intro && <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>}
      {children}
    </Card>
  );
}

/**
 * The company's retention rules (managers and admins): RFM cut-offs, tier minimums, follow-up per tier,
 * lifecycle and health. Saving queues a recompute of every customer; one can also be asked for directly.
 */
export function RetentionSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const settings = useRetentionSettings();
  const save = useSaveRetentionSettings();
  const recompute = useRecomputeAll();
  const handleError = useErrorHandler();
  const [form] = Form.useForm<Values>();
  if (settings.isError) return <ErrorAlert error={settings.error} />;
  if (!settings.data) return <Skeleton active />;
  const current = settings.data;
  const currency = me.tenant.currency;
  const digits = minorDigits(currency);
  const initial: Values = { rules: rulesToForm(current.rules, digits) };
  const wide = { width: 150 };
  const days = { min: 1, max: 3650, precision: 0, suffix: t('retention.settings.days'), style: wide };
  const months = { min: 1, max: 120, precision: 0, suffix: t('retention.settings.months'), style: wide };
  const cutoffLabel = (n: number) => t('retention.settings.rfm.cutoff', { n });
  const ascending = {
    validator: (_: unknown, value: (number | null)[] | undefined) =>
      (value ?? []).some((v) => v === null || v === undefined)
        ? Promise.reject(new Error(t('retention.settings.rfm.missing')))
        : firstNotAscending(value ?? []) === null
          ? Promise.resolve()
          : Promise.reject(new Error(t('retention.settings.rfm.notAscending'))),
  };
  const col = { xs: 24, md: 12 };
  return (
    <>
      <PageTitle
        extra={
          <Button
            icon={<SyncOutlined />}
            loading={recompute.isPending}
            onClick={() =>
              recompute
                .mutateAsync()
                .then(() => message.success(t('retention.settings.recomputeQueued')))
                .catch((error: unknown) => handleError(error))
            }
          >
            {t('retention.settings.recompute')}
          </Button>
        }
      >
        {t('retention.settings.title')}
      </PageTitle>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 860 }}>
        {t('retention.settings.intro')}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        key={current.version}
        scrollToFirstError
        style={{ maxWidth: 860 }}
        onFinish={({ rules }) =>
          save
            .mutateAsync({ version: current.version, rules: formToRules(rules, digits) })
            .then(() => message.success(t('retention.settings.saved')))
            .catch((error: unknown) => {
              handleError(error, form);
              // The form is long: bring the first field the server refused into view.
              const path = error instanceof ApiError ? error.problem?.errors?.[0]?.path : undefined;
              if (path) form.scrollToField(path.split('.'));
            })
        }
      >
        <Section title={t('retention.settings.rfm.title')} intro={t('retention.settings.rfm.intro')}>
          <Form.Item
            name={['rules', 'rfm', 'windowDays']}
            label={t('retention.settings.rfm.windowDays')}
            extra={t('retention.settings.rfm.windowDaysHint')}
            rules={[{ required: true }]}
          >
            <InputNumber {...days} />
          </Form.Item>
          <Form.Item
            name={['rules', 'rfm', 'recencyDays']}
            label={t('retention.settings.rfm.recencyDays')}
            extra={t('retention.settings.rfm.recencyDaysHint')}
            rules={[ascending]}
          >
            <CutoffsInput label={cutoffLabel} max={3650} unit={t('retention.settings.days')} />
          </Form.Item>
          <Form.Item
            name={['rules', 'rfm', 'frequency']}
            label={t('retention.settings.rfm.frequency')}
            extra={t('retention.settings.rfm.frequencyHint')}
            rules={[ascending]}
          >
            <CutoffsInput label={cutoffLabel} max={100_000} />
          </Form.Item>
          <Form.Item
            name={['rules', 'rfm', 'monetaryMinor']}
            label={t('retention.settings.rfm.monetary', { currency })}
            extra={t('retention.settings.rfm.monetaryHint')}
            rules={[ascending]}
          >
            <CutoffsInput label={cutoffLabel} max={minorToMajor(1e15, digits)} precision={digits} />
          </Form.Item>
        </Section>
        <Section title={t('retention.settings.tiers.title')} intro={t('retention.settings.tiers.intro')}>
          <Row gutter={16}>
            {(['strategicMin', 'growthMin', 'potentialMin'] as const).map((key) => (
              <Col key={key} xs={24} md={8}>
                <Form.Item
                  name={['rules', 'tiers', key]}
                  label={t(`retention.settings.tiers.${key}`)}
                  rules={[{ required: true }]}
                >
                  <InputNumber
                    min={3}
                    max={15}
                    precision={0}
                    suffix={t('retention.settings.points')}
                    style={wide}
                  />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Form.Item
            name={['rules', 'tiers', 'dormantAfterDays']}
            label={t('retention.settings.tiers.dormantAfterDays')}
            extra={t('retention.settings.tiers.dormantAfterDaysHint')}
            rules={[{ required: true }]}
          >
            <InputNumber {...days} />
          </Form.Item>
        </Section>
        <Section
          title={t('retention.settings.followUp.title')}
          intro={t('retention.settings.followUp.intro')}
        >
          <Row gutter={16}>
            {CUSTOMER_TIERS.map((tier) => (
              <Col key={tier} xs={24} md={6}>
                <Form.Item name={['rules', 'followUpDays', tier]} label={t(`customers.tier.${tier}`)}>
                  <InputNumber {...days} placeholder={t('retention.settings.none')} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Section>
        <Section title={t('retention.settings.lifecycle.title')}>
          <Row gutter={16}>
            <Col {...col}>
              <Form.Item
                name={['rules', 'lifecycle', 'matureDeals']}
                label={t('retention.settings.lifecycle.matureDeals')}
                rules={[{ required: true }]}
              >
                <InputNumber min={2} max={1000} precision={0} style={wide} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item
                name={['rules', 'lifecycle', 'matureMonths']}
                label={t('retention.settings.lifecycle.matureMonths')}
                rules={[{ required: true }]}
              >
                <InputNumber {...months} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item
                name={['rules', 'lifecycle', 'declineMonths']}
                label={t('retention.settings.lifecycle.declineMonths')}
                rules={[{ required: true }]}
              >
                <InputNumber {...months} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item
                name={['rules', 'lifecycle', 'activityDropPercent']}
                label={t('retention.settings.lifecycle.activityDropPercent')}
                extra={t('retention.settings.lifecycle.activityDropPercentHint')}
                rules={[{ required: true }]}
              >
                <InputNumber
                  min={1}
                  max={100}
                  precision={0}
                  suffix={t('retention.settings.percent')}
                  style={wide}
                />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item
                name={['rules', 'lifecycle', 'activityWindowDays']}
                label={t('retention.settings.lifecycle.activityWindowDays')}
                rules={[{ required: true }]}
              >
                <InputNumber {...days} />
              </Form.Item>
            </Col>
          </Row>
        </Section>
        <Section title={t('retention.settings.health.title')} intro={t('retention.settings.health.intro')}>
          <Row gutter={16}>
            <Col {...col}>
              <Form.Item
                name={['rules', 'health', 'threshold']}
                label={t('retention.settings.health.threshold')}
                extra={t('retention.settings.health.thresholdHint')}
                rules={[{ required: true }]}
              >
                <InputNumber
                  min={1}
                  max={100}
                  precision={0}
                  suffix={t('retention.settings.points')}
                  style={wide}
                />
              </Form.Item>
            </Col>
            {(['needDays', 'activityDays', 'lossDays'] as const).map((key) => (
              <Col key={key} {...col}>
                <Form.Item
                  name={['rules', 'health', key]}
                  label={t(`retention.settings.health.${key}`)}
                  rules={[{ required: true }]}
                >
                  <InputNumber {...days} />
                </Form.Item>
              </Col>
            ))}
            <Col {...col}>
              <Form.Item
                name={['rules', 'health', 'usageWindowDays']}
                label={t('retention.settings.health.usageWindowDays')}
                extra={t('retention.settings.health.usageWindowDaysHint')}
                rules={[{ required: true }]}
              >
                <InputNumber {...days} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item
                name={['rules', 'health', 'usageDropPercent']}
                label={t('retention.settings.health.usageDropPercent')}
                extra={t('retention.settings.health.usageDropPercentHint')}
                rules={[{ required: true }]}
              >
                <InputNumber
                  min={1}
                  max={100}
                  precision={0}
                  suffix={t('retention.settings.percent')}
                  style={wide}
                />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Text strong>{t('retention.settings.health.weights')}</Typography.Text>
          <Row gutter={16} style={{ marginTop: 8 }}>
            {HEALTH_SIGNALS.map((signal) => (
              <Col key={signal} xs={24} sm={12} md={8}>
                <Form.Item
                  name={['rules', 'health', 'weights', signal]}
                  label={t(`retention.health.signalName.${signal}`)}
                  rules={[{ required: true }]}
                >
                  <InputNumber
                    min={0}
                    max={100}
                    precision={0}
                    suffix={t('retention.settings.points')}
                    style={wide}
                  />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Section>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Form>
    </>
  );
}
