import type { Locale } from '@contracts/common';
import { LOCALES } from '@contracts/common';
import { Card, Flex, Segmented, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { currentLocale, switchLocale } from '../../i18n/i18n';

/** The frame of every page shown without a session: product name, language choice, one card. */
export function AuthLayout() {
  const { t } = useTranslation();
  return (
    <Flex vertical align="center" style={{ minHeight: '100vh', padding: '48px 16px', background: '#f5f5f5' }}>
      <Flex justify="space-between" align="center" style={{ width: '100%', maxWidth: 440, marginBottom: 24 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('app.name')}
        </Typography.Title>
        <Segmented<Locale>
          size="small"
          value={currentLocale()}
          onChange={(locale) => void switchLocale(locale)}
          options={LOCALES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
        />
      </Flex>
      <Card style={{ width: '100%', maxWidth: 440 }}>
        <Outlet />
      </Card>
    </Flex>
  );
}
