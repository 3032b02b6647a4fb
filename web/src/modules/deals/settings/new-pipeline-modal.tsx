import { PIPELINE_KINDS, type Pipeline, type PipelineKind } from '@contracts/pipelines.contract';
import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormRules } from '../../../shared/use-form-rules';
import { useCreatePipeline } from '../use-deals';

type Values = { name: string; kind: PipelineKind; copyFrom?: string };

type NewPipelineModalProps = {
  open: boolean;
  pipelines: readonly Pipeline[];
  onClose: () => void;
  onCreated: (id: string) => void;
};

/** A new pipeline, starting from the stages and gates of an existing one (edited afterwards). */
export function NewPipelineModal({ open, pipelines, onClose, onCreated }: NewPipelineModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rules = useFormRules();
  const handleError = useErrorHandler();
  const [form] = Form.useForm<Values>();
  const create = useCreatePipeline();
  const submit = (v: Values) => {
    const source = pipelines.find((p) => p.id === v.copyFrom);
    const stages = source
      ? source.stages.map((s) => ({
          name: s.name,
          probability: s.probability,
          forecastCategory: s.forecastCategory,
          agingDays: s.agingDays,
          gates: s.gates,
        }))
      : [{ name: t('deals.settings.firstStage'), probability: 10 }];
    create.mutate(
      { name: v.name.trim(), kind: v.kind, stages },
      {
        onSuccess: (pipeline) => {
          void message.success(t('deals.settings.created', { name: pipeline.name }));
          onClose();
          onCreated(pipeline.id);
        },
        onError: (error) => handleError(error, form),
      },
    );
  };
  return (
    <Modal
      open={open}
      title={t('deals.settings.newPipeline')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        preserve={false}
        initialValues={{ name: '', kind: 'new_customer', copyFrom: pipelines[0]?.id }}
      >
        <Form.Item name="name" label={t('deals.settings.pipelineName')} rules={[rules.required]}>
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="kind" label={t('deals.settings.kind')}>
          <Select<PipelineKind>
            aria-label={t('deals.settings.kind')}
            options={PIPELINE_KINDS.map((kind) => ({ value: kind, label: t(`deals.pipelineKind.${kind}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="copyFrom"
          label={t('deals.settings.copyFrom')}
          extra={t('deals.settings.copyFromHint')}
        >
          <Select<string>
            allowClear
            aria-label={t('deals.settings.copyFrom')}
            options={pipelines.map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
