import { InboxOutlined } from '@ant-design/icons';
import { App, Progress, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useSession } from '../../auth/use-session';
import { formatBytes } from './format-bytes';
import type { ImportView } from './import-kind';
import { uploadImportFile } from './upload-import-file';

type UploadStepProps<I extends ImportView> = {
  /** Where the file goes (the import kind's upload route). */
  path: string;
  /** Largest file the server takes; unknown until the import list has loaded. */
  maxBytes: number | null;
  onUploaded: (imp: I) => void;
};

/** Step 1: a CSV or XLSX file, dropped or chosen, uploaded with a progress bar. */
export function UploadStep<I extends ImportView>({ path, maxBytes, onUploaded }: UploadStepProps<I>) {
  const { t } = useTranslation();
  const me = useSession();
  const handleError = useErrorHandler();
  const { message } = App.useApp();
  const [sending, setSending] = useState<{ name: string; percent: number } | null>(null);
  const size = maxBytes ? formatBytes(maxBytes) : '…';

  const send = async (file: File) => {
    setSending({ name: file.name, percent: 0 });
    try {
      const imp = await uploadImportFile<I>(path, file, me.csrfToken, (percent) =>
        setSending({ name: file.name, percent }),
      );
      onUploaded(imp);
    } catch (error) {
      handleError(error);
    } finally {
      setSending(null);
    }
  };

  return (
    <>
      <Upload.Dragger
        accept=".csv,.tsv,.txt,.xlsx"
        multiple={false}
        showUploadList={false}
        disabled={sending !== null}
        beforeUpload={(file) => {
          if (maxBytes && file.size > maxBytes) void message.error(t('leadImport.upload.tooLarge', { size }));
          else void send(file);
          // The upload runs in `send`, with its own progress and error handling.
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('leadImport.upload.drop')}</p>
        <p className="ant-upload-hint">{t('leadImport.upload.hint', { size })}</p>
      </Upload.Dragger>
      {sending && (
        <div style={{ marginTop: 16 }}>
          <Typography.Text>{t('leadImport.upload.uploading', { name: sending.name })}</Typography.Text>
          <Progress percent={sending.percent} status="active" />
        </div>
      )}
    </>
  );
}
