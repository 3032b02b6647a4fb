import { UploadOutlined } from '@ant-design/icons';
import { Button, Upload } from 'antd';
import { useTranslation } from 'react-i18next';

/** Picks one file to upload (the upload itself happens on save). */
export function FilePicker({ file, onChange }: { file: File | null; onChange: (file: File | null) => void }) {
  const { t } = useTranslation();
  return (
    <Upload
      maxCount={1}
      beforeUpload={(picked) => {
        onChange(picked);
        return false;
      }}
      onRemove={() => onChange(null)}
      fileList={file ? [{ uid: 'picked', name: file.name, status: 'done' }] : []}
    >
      <Button icon={<UploadOutlined />}>{t('dealProposals.library.chooseFile')}</Button>
    </Upload>
  );
}
