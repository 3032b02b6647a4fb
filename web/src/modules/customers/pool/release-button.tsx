import { RollbackOutlined } from '@ant-design/icons';
import type { Customer } from '@contracts/customers.contract';
import { App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useSession } from '../../auth/use-session';
import { useReleaseCustomer } from './use-pool';

/** Puts the customer back into the public pool with a reason; shown to its owner and to whoever may reassign it. */
export function ReleaseButton({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const navigate = useNavigate();
  const handleError = useErrorHandler();
  const release = useReleaseCustomer();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  if (!customer.ownerId || (customer.ownerId !== me.user.id && !customer.can.assign)) return null;
  return (
    <>
      <Button icon={<RollbackOutlined />} onClick={() => setOpen(true)}>
        {t('customers.pool.release')}
      </Button>
      <Modal
        open={open}
        title={t('customers.pool.releaseTitle', { name: customer.name })}
        okText={t('customers.pool.release')}
        cancelText={t('common.cancel')}
        confirmLoading={release.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={(values) =>
            release
              .mutateAsync({ id: customer.id, reason: values.reason })
              .then(() => {
                setOpen(false);
                void message.success(t('customers.pool.released', { name: customer.name }));
                // A rep no longer sees the customer once it has no owner: go where it now is.
                void navigate('/customers/pool');
              })
              .catch((error: unknown) => handleError(error, form))
          }
        >
          <Form.Item
            name="reason"
            label={t('customers.pool.reason')}
            extra={t('customers.pool.releaseHint')}
            rules={[
              { required: true, whitespace: true, message: t('customers.pool.reasonRequired') },
              { max: 500 },
            ]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
