import { SCORE_ATTRIBUTE_FIELDS, type ScoreRule } from '@contracts/lead-scoring.contract';
import { LEAD_EVENT_KINDS } from '@contracts/leads.contract';
import { App, Form, Input, InputNumber, Modal, Radio, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { isVersionConflict } from '../../../api/api-error';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormRules } from '../../../shared/use-form-rules';
import {
  bodyOf,
  formValuesOf,
  newRuleValues,
  operatorsFor,
  type RuleFormValues,
  type RuleKind,
  valueInputFor,
} from './rule-form-values';
import { RuleValueInput } from './rule-value-input';
import { useScoreFieldLabel } from './use-score-field-label';
import { useCreateScoreRule, useReplaceScoreRule } from './use-scoring';

/** Closed: null; a new rule of a kind; or a rule to edit. */
export type RuleEditing = { kind: RuleKind } | { rule: ScoreRule } | null;

type ScoreRuleFormModalProps = { editing: RuleEditing; onClose: () => void };

/** Adds or edits a scoring rule; the inputs follow the kind, the field and the condition chosen. */
export function ScoreRuleFormModal({ editing, onClose }: ScoreRuleFormModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RuleFormValues>();
  const create = useCreateScoreRule();
  const replace = useReplaceScoreRule();
  const handleError = useErrorHandler();
  const rules = useFormRules();
  const fieldLabel = useScoreFieldLabel();
  const rule = editing && 'rule' in editing ? editing.rule : null;
  const initial = rule
    ? formValuesOf(rule)
    : newRuleValues(editing && 'kind' in editing ? editing.kind : 'attribute');
  const kind = Form.useWatch('kind', form) ?? initial.kind;
  const field = Form.useWatch('field', form) ?? initial.field;
  const operator = Form.useWatch('operator', form) ?? initial.operator;
  const input = valueInputFor(field, operator);

  const onError = (error: unknown) => {
    handleError(error, form);
    if (isVersionConflict(error)) onClose();
  };
  const onSuccess = () => {
    void message.success(t('leadScoring.rescoring'));
    onClose();
  };
  const submit = (values: RuleFormValues) => {
    const body = bodyOf({ ...initial, ...values });
    if (rule)
      replace.mutate({ id: rule.id, body: { ...body, version: rule.version } }, { onSuccess, onError });
    else create.mutate(body, { onSuccess, onError });
  };
  // A new field or condition may not take the old condition or value: start them afresh.
  const onValuesChange = (changed: Partial<RuleFormValues>) => {
    if (changed.kind) {
      const fresh = newRuleValues(changed.kind);
      form.setFieldsValue({ field: fresh.field, operator: fresh.operator, value: fresh.value });
    } else if (changed.field && kind === 'attribute') {
      form.setFieldsValue({ operator: operatorsFor(changed.field)[0], value: undefined });
    } else if (changed.operator) {
      form.setFieldsValue({ value: undefined });
    }
  };

  return (
    <Modal
      open={editing !== null}
      title={rule ? t('leadScoring.form.editTitle') : t('leadScoring.form.createTitle')}
      okText={rule ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || replace.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<RuleFormValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        // The form store outlives the modal: without this, the last rule's values would win over the next one's.
        preserve={false}
        initialValues={initial}
        onValuesChange={onValuesChange}
        onFinish={submit}
      >
        {!rule && (
          <Form.Item name="kind" label={t('leadScoring.form.kind')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'attribute', label: t('leadScoring.rules.attributes') },
                { value: 'behaviour', label: t('leadScoring.rules.behaviour') },
              ]}
            />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('leadScoring.form.name')} rules={[rules.required]}>
          <Input maxLength={100} placeholder={t('leadScoring.form.namePlaceholder')} />
        </Form.Item>
        {kind === 'attribute' ? (
          <>
            <Form.Item name="field" label={t('leadScoring.form.field')} rules={[rules.required]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={SCORE_ATTRIBUTE_FIELDS.map((f) => ({ value: f, label: fieldLabel(f) }))}
              />
            </Form.Item>
            <Form.Item name="operator" label={t('leadScoring.form.operator')} rules={[{ required: true }]}>
              <Select
                options={operatorsFor(field).map((op) => ({
                  value: op,
                  label: t(`leadScoring.operator.${op}`),
                }))}
              />
            </Form.Item>
            {input !== 'none' && (
              <Form.Item
                name="value"
                label={
                  input === 'codes' || input === 'texts'
                    ? t('leadScoring.form.values')
                    : t('leadScoring.form.value')
                }
                extra={input === 'texts' ? t('leadScoring.form.textValuesHint') : undefined}
                rules={[{ required: true, message: t('errors.required') }]}
              >
                <RuleValueInput field={field} operator={operator} />
              </Form.Item>
            )}
            <Form.Item
              name="points"
              label={t('leadScoring.form.points')}
              extra={t('leadScoring.form.pointsHint')}
              rules={[{ required: true, message: t('errors.required') }]}
            >
              <InputNumber min={-1000} max={1000} precision={0} style={{ width: 160 }} />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="field" label={t('leadScoring.form.event')} rules={[rules.required]}>
              <Select
                options={LEAD_EVENT_KINDS.map((k) => ({ value: k, label: t(`leads.eventKind.${k}`) }))}
              />
            </Form.Item>
            <Form.Item
              name="points"
              label={t('leadScoring.form.pointsPerEvent')}
              extra={t('leadScoring.form.pointsHint')}
              rules={[{ required: true, message: t('errors.required') }]}
            >
              <InputNumber min={-1000} max={1000} precision={0} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item
              name="halfLifeDays"
              label={t('leadScoring.form.halfLifeDays')}
              extra={t('leadScoring.form.halfLifeHint')}
            >
              <InputNumber min={1} max={3650} precision={0} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="cap" label={t('leadScoring.form.cap')} extra={t('leadScoring.form.capHint')}>
              <InputNumber min={1} max={10000} precision={0} style={{ width: 160 }} />
            </Form.Item>
          </>
        )}
        <Form.Item name="active" label={t('leadScoring.form.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
