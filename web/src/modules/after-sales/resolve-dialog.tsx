import type { Complaint } from '@contracts/after-sales.contract';
import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../shared/use-error-handler';
import { usePatchComplaint } from './use-after-sales';

type ResolveDialogProps = { complaint: Complaint | null; onClose: () => void };

/** Resolves a complaint; the resolution (what was done) is required. */
export function ResolveDialog({ complaint, onClose }: ResolveDialogProps) {
  return complaint ? <ResolveForm key={complaint.id} complaint={complaint} onClose={onClose} /> : null;
}

function ResolveForm({ complaint, onClose }: { complaint: Complaint; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const patch = usePatchComplaint();
  const [form] = Form.useForm<{ resolution: string }>();
  return (
    <Modal
      open
      title={t('afterSales.complaints.resolveTitle', { title: complaint.title })}
      okText={t('afterSales.complaints.resolve')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={patch.isPending}
      destroyOnHidden
    >
      <Form<{ resolution: string }>
        form={form}
        name="resolveComplaint"
        layout="vertical"
        initialValues={{ resolution: complaint.resolution ?? '' }}
        onFinish={({ resolution }) =>
          patch.mutate(
            {
              id: complaint.id,
              version: complaint.version,
              status: 'resolved',
              resolution: resolution.trim(),
            },
            {
              onSuccess: () => {
                void message.success(t('afterSales.complaints.resolved'));
                onClose();
              },
              onError: (error) => handleError(error, form),
            },
          )
        }
      >
        <Form.Item
          name="resolution"
          label={t('afterSales.complaints.resolution')}
          extra={t('afterSales.complaints.resolutionHint')}
          rules={[
            { required: true, whitespace: true, message: t('afterSales.complaints.resolutionRequired') },
          ]}
        >
          <Input.TextArea maxLength={5000} autoSize={{ minRows: 3, maxRows: 10 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
