import { type RepProfile, SENIORITIES, type Seniority } from '@contracts/lead-routing.contract';
import { DatePicker, Form, InputNumber, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { isVersionConflict } from '../../../api/api-error';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useUpdateRepProfile } from './use-routing';

type ProfileValues = {
  capacity: number | null;
  seniority: Seniority;
  away: [Dayjs | null, Dayjs | null] | null;
};

type RepProfileModalProps = { rep: RepProfile | null; onClose: () => void };

/** A rep's capacity, seniority and absence (the end may stay open: away until further notice). */
export function RepProfileModal({ rep, onClose }: RepProfileModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ProfileValues>();
  const update = useUpdateRepProfile();
  const handleError = useErrorHandler();
  const submit = (values: ProfileValues) => {
    if (!rep) return;
    const [from, until] = values.away ?? [null, null];
    update.mutate(
      {
        userId: rep.userId,
        version: rep.version,
        capacity: values.capacity ?? null,
        seniority: values.seniority,
        awayFrom: from ? from.toISOString() : null,
        awayUntil: until ? until.toISOString() : null,
      },
      {
        onSuccess: onClose,
        onError: (error) => {
          handleError(error, form);
          if (isVersionConflict(error)) onClose();
        },
      },
    );
  };
  return (
    <Modal
      open={rep !== null}
      title={t('leadRouting.reps.editTitle', { name: rep?.name ?? '' })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<ProfileValues>
        form={form}
        layout="vertical"
        initialValues={{
          capacity: rep?.capacity ?? null,
          seniority: rep?.seniority ?? 'standard',
          away:
            rep?.awayFrom || rep?.awayUntil
              ? [rep.awayFrom ? dayjs(rep.awayFrom) : null, rep.awayUntil ? dayjs(rep.awayUntil) : null]
              : null,
        }}
        onFinish={submit}
      >
        <Form.Item
          name="capacity"
          label={t('leadRouting.reps.capacity')}
          extra={t('leadRouting.reps.capacityHint')}
        >
          <InputNumber precision={0} min={0} max={100000} placeholder={t('leadRouting.reps.noLimit')} />
        </Form.Item>
        <Form.Item name="seniority" label={t('leadRouting.reps.seniority')}>
          <Radio.Group
            options={SENIORITIES.map((s) => ({ value: s, label: t(`leadRouting.reps.seniorities.${s}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="away"
          label={t('leadRouting.reps.awayPeriod')}
          extra={t('leadRouting.reps.awayHint')}
        >
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            allowEmpty={[true, true]}
            aria-label={t('leadRouting.reps.awayPeriod')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
