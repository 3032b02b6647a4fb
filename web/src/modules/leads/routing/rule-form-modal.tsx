import {
  type AssignmentRule,
  ROUTING_STRATEGIES,
  type RoutingStrategy,
} from '@contracts/lead-routing.contract';
import {
  COMPANY_SIZES,
  type CompanySize,
  LEAD_GRADES,
  LEAD_SOURCES,
  type LeadGrade,
  type LeadSource,
} from '@contracts/leads.contract';
import { Flex, Form, Input, InputNumber, Modal, Radio, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isVersionConflict } from '../../../api/api-error';
import { useAllTeams } from '../../../shared/use-all-teams';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormRules } from '../../../shared/use-form-rules';
import { useCreateRule, useUpdateRule } from './use-routing';

type RuleValues = {
  name: string;
  teamId: string;
  strategy: RoutingStrategy;
  seniorOnly: boolean;
  active: boolean;
  conditions: {
    grades: LeadGrade[];
    regions: string[];
    industries: string[];
    sources: LeadSource[];
    companySizes: CompanySize[];
    minScore: number | null;
    maxScore: number | null;
  };
};

/** `rule` null: closed; 'new': create; a rule: edit it. */
type RuleFormModalProps = { rule: AssignmentRule | 'new' | null; onClose: () => void };

const EMPTY_CONDITIONS: RuleValues['conditions'] = {
  grades: [],
  regions: [],
  industries: [],
  sources: [],
  companySizes: [],
  minScore: null,
  maxScore: null,
};

/** The rule editor: conditions on grade, source, size, region, industry and score, the team and how it picks a rep. */
export function RuleFormModal({ rule, onClose }: RuleFormModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RuleValues>();
  const teams = useAllTeams();
  const create = useCreateRule();
  const update = useUpdateRule();
  const handleError = useErrorHandler();
  const rules = useFormRules();
  const editing = rule !== null && rule !== 'new' ? rule : null;
  const onError = (error: unknown) => {
    handleError(error, form);
    if (isVersionConflict(error)) onClose();
  };
  const submit = (values: RuleValues) => {
    const conditions = {
      ...values.conditions,
      minScore: values.conditions.minScore ?? null,
      maxScore: values.conditions.maxScore ?? null,
    };
    const body = { ...values, conditions };
    if (editing)
      update.mutate({ id: editing.id, version: editing.version, ...body }, { onSuccess: onClose, onError });
    else create.mutate(body, { onSuccess: onClose, onError });
  };
  const tags = (name: 'regions' | 'industries') => (
    <Form.Item name={['conditions', name]} label={t(`leadRouting.rules.${name}`)}>
      <Select<string[]>
        mode="tags"
        open={false}
        tokenSeparators={[',', '，']}
        placeholder={t('leadRouting.rules.tagsPlaceholder')}
        aria-label={t(`leadRouting.rules.${name}`)}
      />
    </Form.Item>
  );
  return (
    <Modal
      open={rule !== null}
      title={editing ? t('leadRouting.rules.editTitle') : t('leadRouting.rules.createTitle')}
      okText={editing ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={640}
      destroyOnHidden
    >
      <Form<RuleValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{
          name: editing?.name ?? '',
          teamId: editing?.teamId,
          strategy: editing?.strategy ?? 'round_robin',
          seniorOnly: editing?.seniorOnly ?? false,
          active: editing?.active ?? true,
          conditions: editing?.conditions ?? EMPTY_CONDITIONS,
        }}
        onFinish={submit}
      >
        <Form.Item name="name" label={t('leadRouting.rules.name')} rules={[rules.required]}>
          <Input maxLength={100} />
        </Form.Item>
        <Typography.Title level={5}>{t('leadRouting.rules.conditions')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('leadRouting.rules.conditionsHint')}</Typography.Paragraph>
        <Form.Item name={['conditions', 'grades']} label={t('leadRouting.rules.grades')}>
          <Select<LeadGrade[]>
            mode="multiple"
            allowClear
            options={LEAD_GRADES.map((g) => ({ value: g, label: t(`leads.grade.${g}`) }))}
          />
        </Form.Item>
        <Form.Item name={['conditions', 'sources']} label={t('leadRouting.rules.sources')}>
          <Select<LeadSource[]>
            mode="multiple"
            allowClear
            options={LEAD_SOURCES.map((s) => ({ value: s, label: t(`leads.source.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name={['conditions', 'companySizes']} label={t('leadRouting.rules.companySizes')}>
          <Select<CompanySize[]>
            mode="multiple"
            allowClear
            options={COMPANY_SIZES.map((s) => ({ value: s, label: t(`leads.companySize.${s}`) }))}
          />
        </Form.Item>
        {tags('regions')}
        {tags('industries')}
        <Form.Item label={t('leadRouting.rules.score')} style={{ marginBottom: 0 }}>
          <Flex gap={12} wrap>
            <Form.Item name={['conditions', 'minScore']} label={t('leadRouting.rules.minScore')}>
              <InputNumber precision={0} min={-100000} max={100000} />
            </Form.Item>
            <Form.Item name={['conditions', 'maxScore']} label={t('leadRouting.rules.maxScore')}>
              <InputNumber precision={0} min={-100000} max={100000} />
            </Form.Item>
          </Flex>
        </Form.Item>
        <Form.Item
          name="teamId"
          label={t('leadRouting.rules.team')}
          rules={[{ required: true, message: t('errors.required') }]}
        >
          <Select<string>
            showSearch={{ optionFilterProp: 'label' }}
            loading={teams.isPending}
            options={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
          />
        </Form.Item>
        <Form.Item name="strategy" label={t('leadRouting.rules.strategy')}>
          <Radio.Group
            options={ROUTING_STRATEGIES.map((s) => ({
              value: s,
              label: t(`leadRouting.rules.strategies.${s}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="seniorOnly"
          label={t('leadRouting.rules.seniorOnly')}
          valuePropName="checked"
          extra={t('leadRouting.rules.seniorOnlyHint')}
        >
          <Switch />
        </Form.Item>
        <Form.Item name="active" label={t('leadRouting.rules.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
