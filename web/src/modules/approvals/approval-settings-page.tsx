import {
  APPROVER_LEVELS,
  type ApprovalRules,
  type ApproverLevel,
  type CategoryLimit,
} from '@contracts/approvals.contract';
import { App, Button, Card, Flex, Form, Input, InputNumber, Select, Skeleton, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../shared/error-alert';
import { useErrorHandler } from '../../shared/use-error-handler';
import { bpToPercent, percentToBp } from './approval-format';
import { useApprovalSettings, useSaveApprovalSettings } from './use-approvals';

const ROLES = ['rep', 'manager', 'director', 'admin'] as const;

/** The form speaks percent; the server keeps basis points. */
type FormValues = {
  roleLimits: Record<(typeof ROLES)[number], number>;
  marginFloor: number | null;
  belowFloorLevel: ApproverLevel;
  categoryLimits: { category: string; role: CategoryLimit['role']; maxDiscount: number }[];
  reminderHours: number;
  escalateHours: number;
};

const toForm = (rules: ApprovalRules): FormValues => ({
  roleLimits: {
    rep: bpToPercent(rules.roleLimits.rep),
    manager: bpToPercent(rules.roleLimits.manager),
    director: bpToPercent(rules.roleLimits.director),
    admin: bpToPercent(rules.roleLimits.admin),
  },
  marginFloor: rules.marginFloorBp === null ? null : bpToPercent(rules.marginFloorBp),
  belowFloorLevel: rules.belowFloorLevel,
  categoryLimits: rules.categoryLimits.map((c) => ({
    category: c.category,
    role: c.role,
    maxDiscount: bpToPercent(c.maxDiscountBp),
  })),
  reminderHours: rules.reminderHours,
  escalateHours: rules.escalateHours,
});

const toRules = (v: FormValues): ApprovalRules => ({
  roleLimits: {
    rep: percentToBp(v.roleLimits.rep),
    manager: percentToBp(v.roleLimits.manager),
    director: percentToBp(v.roleLimits.director),
    admin: percentToBp(v.roleLimits.admin),
  },
  marginFloorBp: v.marginFloor === null || v.marginFloor === undefined ? null : percentToBp(v.marginFloor),
  belowFloorLevel: v.belowFloorLevel,
  categoryLimits: (v.categoryLimits ?? []).map((c) => ({
    category: c.category.trim(),
    role: c.role,
    maxDiscountBp: percentToBp(c.maxDiscount),
  })),
  reminderHours: v.reminderHours,
  escalateHours: v.escalateHours,
});

/** /quote-to-cash/approvals/settings: the discount authority matrix (approvals.configure). */
export function ApprovalSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const settings = useApprovalSettings();
  const save = useSaveApprovalSettings();
  const handleError = useErrorHandler();
  const [form] = Form.useForm<FormValues>();
  const data = settings.data;

  useEffect(() => {
    if (data) form.setFieldsValue(toForm(data.rules));
  }, [data, form]);

  if (settings.isError) return <ErrorAlert error={settings.error} />;
  if (!data) return <Skeleton active />;
  const percent = { min: 0, max: 100, step: 0.5, suffix: '%', style: { width: 140 } } as const;
  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`approvals.settings.roles.${r}`) }));
  const levelOptions = APPROVER_LEVELS.map((l) => ({ value: l, label: t(`approvals.levels.${l}`) }));

  return (
    <Flex vertical gap={16} style={{ maxWidth: 760 }}>
      <Link to="/quote-to-cash/approvals">{t('approvals.settings.back')}</Link>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('approvals.settings.title')}
      </Typography.Title>
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={toForm(data.rules)}
        onFinish={(values) =>
          save.mutate(
            { rules: toRules(values), version: data.version },
            {
              onSuccess: () => void message.success(t('common.saved')),
              onError: (error) => handleError(error, form),
            },
          )
        }
      >
        <Card size="small" title={t('approvals.settings.roleLimits')} style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">
            {t('approvals.settings.roleLimitsHelp')}
          </Typography.Paragraph>
          <Flex gap={16} wrap>
            {ROLES.map((role) => (
              <Form.Item
                key={role}
                name={['roleLimits', role]}
                label={t(`approvals.settings.roles.${role}`)}
                rules={[{ required: true }]}
              >
                <InputNumber {...percent} />
              </Form.Item>
            ))}
          </Flex>
        </Card>
        <Card size="small" title={t('approvals.settings.marginFloor')} style={{ marginBottom: 16 }}>
          <Form.Item name="marginFloor" extra={t('approvals.settings.marginFloorHelp')}>
            <InputNumber {...percent} min={-100} />
          </Form.Item>
        </Card>
        <Card size="small" title={t('approvals.settings.belowFloorLevel')} style={{ marginBottom: 16 }}>
          <Form.Item
            name="belowFloorLevel"
            extra={t('approvals.settings.belowFloorLevelHelp')}
            rules={[{ required: true }]}
          >
            <Select options={levelOptions} style={{ width: 200 }} />
          </Form.Item>
        </Card>
        <Card size="small" title={t('approvals.settings.categoryLimits')} style={{ marginBottom: 16 }}>
          <Form.List name="categoryLimits">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" wrap>
                    <Form.Item
                      name={[field.name, 'category']}
                      label={t('approvals.settings.category')}
                      rules={[{ required: true, whitespace: true, max: 100 }]}
                    >
                      <Input style={{ width: 180 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'role']}
                      label={t('approvals.settings.role')}
                      rules={[{ required: true }]}
                    >
                      <Select options={roleOptions} style={{ width: 140 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'maxDiscount']}
                      label={t('approvals.settings.maxDiscount')}
                      rules={[{ required: true }]}
                    >
                      <InputNumber {...percent} />
                    </Form.Item>
                    <Button onClick={() => remove(field.name)}>{t('common.delete')}</Button>
                  </Space>
                ))}
                <Button onClick={() => add({ category: '', role: 'rep', maxDiscount: 0 })}>
                  {t('approvals.settings.addCategoryLimit')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Card>
        <Flex gap={16} wrap>
          <Form.Item
            name="reminderHours"
            label={t('approvals.settings.reminderHours')}
            rules={[{ required: true }]}
          >
            <InputNumber min={1} max={720} precision={0} />
          </Form.Item>
          <Form.Item
            name="escalateHours"
            label={t('approvals.settings.escalateHours')}
            rules={[{ required: true }]}
          >
            <InputNumber min={1} max={720} precision={0} />
          </Form.Item>
        </Flex>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Form>
    </Flex>
  );
}
