import type { Deal } from '@contracts/deals.contract';
import type { Stage, UnmetGate } from '@contracts/pipelines.contract';
import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormRules } from '../../../shared/use-form-rules';
import { unmetGatesOf } from '../gate-problem';
import { UnmetGatesAlert } from '../unmet-gates-alert';
import { useDealGates, useMoveDeal } from '../use-deals';

type Values = { stageId: string; note: string };

type MoveDealModalProps = { deal: Deal; stages: readonly Stage[]; open: boolean; onClose: () => void };

/** Moves a deal to another stage of its pipeline, showing beforehand which gates stand in the way. */
export function MoveDealModal({ deal, stages, open, onClose }: MoveDealModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rules = useFormRules();
  const handleError = useErrorHandler();
  const [form] = Form.useForm<Values>();
  const move = useMoveDeal();
  const target = Form.useWatch('stageId', form);
  const gates = useDealGates(deal.id, target, open && Boolean(target));
  const [refused, setRefused] = useState<UnmetGate[] | null>(null);
  const unmet = refused ?? gates.data ?? [];
  const submit = (v: Values) =>
    move.mutate(
      { id: deal.id, version: deal.version, stageId: v.stageId, note: v.note.trim() || undefined },
      {
        onSuccess: () => {
          void message.success(t('deals.move.done'));
          onClose();
        },
        onError: (error) => {
          const blocked = unmetGatesOf(error);
          if (blocked) setRefused(blocked);
          else handleError(error, form);
        },
      },
    );
  return (
    <Modal
      open={open}
      title={t('deals.move.title', { name: deal.name })}
      okText={t('deals.move.submit')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={move.isPending}
      afterClose={() => setRefused(null)}
      destroyOnHidden
    >
      <UnmetGatesAlert unmet={unmet} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={() => setRefused(null)}
        initialValues={{ note: '' }}
        preserve={false}
      >
        <Form.Item name="stageId" label={t('deals.move.stage')} rules={[rules.required]}>
          <Select<string>
            aria-label={t('deals.move.stage')}
            options={stages.filter((s) => s.id !== deal.stageId).map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('deals.move.note')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
