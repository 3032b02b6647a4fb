import { Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CopyField } from './copy-field';

type LinkModalProps = { title: string; text: string; url: string | null; onClose: () => void };

/** A single-use link the server also mailed, offered for copying. Open while `url` is set. */
export function LinkModal({ title, text, url, onClose }: LinkModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      open={url !== null}
      title={title}
      onCancel={onClose}
      onOk={onClose}
      okText={t('common.close')}
      cancelButtonProps={{ style: { display: 'none' } }}
    >
      <Typography.Paragraph>{text}</Typography.Paragraph>
      {url && <CopyField value={url} />}
    </Modal>
  );
}
