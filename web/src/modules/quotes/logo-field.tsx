import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useSession } from '../auth/use-session';
import { fileUrl } from '../deals/materials/material-files';
import { uploadFile } from '../deals/materials/use-materials';
import { isLogoType, LOGO_TYPES } from './quote-settings-form';

type LogoFieldProps = {
  value?: string | null;
  onChange?: (fileId: string | null) => void;
  disabled?: boolean;
};

/** The company logo for quote PDFs: uploaded to the files module, kept in the settings by file id. */
export function LogoField({ value, onChange, disabled }: LogoFieldProps) {
  const { t } = useTranslation();
  const me = useSession();
  const onError = useErrorHandler();
  const [wrongType, setWrongType] = useState(false);
  const [uploading, setUploading] = useState(false);
  const upload = async (file: File) => {
    setWrongType(!isLogoType(file.type));
    if (!isLogoType(file.type)) return;
    setUploading(true);
    try {
      const info = await uploadFile(file, me.csrfToken);
      onChange?.(info.id);
    } catch (error) {
      onError(error);
    } finally {
      setUploading(false);
    }
  };
  return (
    <Flex gap={16} align="center" wrap>
      {value ? (
        <img
          src={fileUrl(value)}
          alt={t('quotes.settings.logo')}
          style={{ maxHeight: 64, maxWidth: 240, border: '1px solid #f0f0f0', padding: 4 }}
        />
      ) : (
        <Typography.Text type="secondary">{t('quotes.settings.noLogo')}</Typography.Text>
      )}
      <Upload
        accept={LOGO_TYPES.join(',')}
        showUploadList={false}
        disabled={disabled}
        beforeUpload={(file) => {
          void upload(file);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={uploading} disabled={disabled}>
          {value ? t('quotes.settings.replaceLogo') : t('quotes.settings.uploadLogo')}
        </Button>
      </Upload>
      {value && (
        <Button icon={<DeleteOutlined />} disabled={disabled} onClick={() => onChange?.(null)}>
          {t('quotes.settings.removeLogo')}
        </Button>
      )}
      {wrongType && <Typography.Text type="danger">{t('quotes.settings.logoType')}</Typography.Text>}
    </Flex>
  );
}
