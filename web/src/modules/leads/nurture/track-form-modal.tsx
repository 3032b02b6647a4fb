import type { NurtureStep, NurtureTrack } from '@contracts/lead-routing.contract';
import { Form, Input, Modal, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isVersionConflict } from '../../../api/api-error';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormRules } from '../../../shared/use-form-rules';
import { TrackStepList } from './track-step-list';
import { useCreateTrack, useUpdateTrack } from './use-nurture-tracks';

type TrackValues = { name: string; repeat: boolean; active: boolean; steps: NurtureStep[] };

/** `track` null: closed; 'new': create; a track: edit it. */
type TrackFormModalProps = { track: NurtureTrack | 'new' | null; onClose: () => void };

/** The track editor: name, its steps (mail or task, wait, subject, text), repeating and active switches. */
export function TrackFormModal({ track, onClose }: TrackFormModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TrackValues>();
  const create = useCreateTrack();
  const update = useUpdateTrack();
  const handleError = useErrorHandler();
  const rules = useFormRules();
  const editing = track !== null && track !== 'new' ? track : null;
  const onError = (error: unknown) => {
    handleError(error, form);
    if (isVersionConflict(error)) onClose();
  };
  const submit = (values: TrackValues) => {
    const steps = values.steps.map((s) => ({ ...s, body: s.body ?? '' }));
    if (editing) {
      update.mutate(
        { id: editing.id, version: editing.version, ...values, steps },
        { onSuccess: onClose, onError },
      );
    } else create.mutate({ ...values, steps }, { onSuccess: onClose, onError });
  };
  return (
    <Modal
      open={track !== null}
      title={editing ? t('leadRouting.nurture.editTitle') : t('leadRouting.nurture.createTitle')}
      okText={editing ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={760}
      destroyOnHidden
    >
      <Form<TrackValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{
          name: editing?.name ?? '',
          repeat: editing?.repeat ?? false,
          active: editing?.active ?? true,
          steps: editing?.steps ?? [{ kind: 'email', delayDays: 0, subject: '', body: '' }],
        }}
        onFinish={submit}
      >
        <Form.Item name="name" label={t('leadRouting.nurture.name')} rules={[rules.required]}>
          <Input maxLength={100} />
        </Form.Item>
        <Typography.Title level={5}>{t('leadRouting.nurture.steps')}</Typography.Title>
        <TrackStepList />
        <Form.Item
          name="repeat"
          label={t('leadRouting.nurture.repeat')}
          valuePropName="checked"
          style={{ marginTop: 16 }}
        >
          <Switch />
        </Form.Item>
        <Form.Item name="active" label={t('leadRouting.nurture.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
