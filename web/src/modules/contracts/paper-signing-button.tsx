import { UploadOutlined } from '@ant-design/icons';
import type { Contract } from '@contracts/contracts.contract';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useRecordPaperSigning } from './use-contracts';

type PaperForm = { signerName: string; signedOn: Dayjs };

/**
 * "Signed on paper": for a contract signed as a printed copy (seal and signatures) rather than through the
 * link, whoever counter-signs uploads the scan, which becomes the final document.
 */
export function PaperSigningButton({ contract }: { contract: Contract }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!contract.can.paperSign) return null;
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t('contracts.paper.record')}</Button>
      {open && <PaperSigningModal contract={contract} onClose={() => setOpen(false)} />}
    </>
  );
}

function PaperSigningModal({ contract, onClose }: { contract: Contract; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [form] = Form.useForm<PaperForm>();
  const [file, setFile] = useState<File | null>(null);
  const [missingFile, setMissingFile] = useState(false);
  const record = useRecordPaperSigning(contract.id);
  const submit = (v: PaperForm) => {
    if (!file) {
      setMissingFile(true);
      return;
    }
    record.mutate(
      {
        query: {
          version: contract.version,
          signerName: v.signerName.trim(),
          signedOn: v.signedOn.format('YYYY-MM-DD'),
        },
        file,
      },
      {
        onSuccess: () => {
          void message.success(t('contracts.paper.done'));
          onClose();
        },
        onError: (e) => onError(e, form),
      },
    );
  };
  return (
    <Modal
      open
      title={t('contracts.paper.title')}
      okText={t('contracts.paper.submit')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={record.isPending}
    >
      <Alert type="info" showIcon title={t('contracts.paper.hint')} style={{ marginBottom: 16 }} />
      {/* Named: its field ids (e.g. signerName) must not repeat the send form's on the same page. */}
      <Form
        form={form}
        name="paperSigning"
        layout="vertical"
        onFinish={submit}
        initialValues={{ signedOn: dayjs() }}
      >
        <Form.Item
          label={t('contracts.paper.file')}
          required
          validateStatus={missingFile ? 'error' : undefined}
          help={missingFile ? t('contracts.paper.fileRequired') : file?.name}
        >
          <Upload
            accept="application/pdf,image/png,image/jpeg"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(chosen) => {
              setFile(chosen);
              setMissingFile(false);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />}>{t('contracts.paper.chooseFile')}</Button>
          </Upload>
        </Form.Item>
        <Form.Item
          name="signerName"
          label={t('contracts.paper.signerName')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="signedOn" label={t('contracts.paper.signedOn')} rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
