import type { QueryClient } from '@tanstack/react-query';
import { QueryClientProvider } from '@tanstack/react-query';
import { App, ConfigProvider } from 'antd';
import enUSAntd from 'antd/locale/en_US';
import zhCNAntd from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type AppProvidersProps = { client: QueryClient; children: ReactNode };

/** Server state, and Ant Design speaking the same language as our own catalogues. */
export function AppProviders({ client, children }: AppProvidersProps) {
  const { i18n } = useTranslation();
  // Ant Design's date pickers take month and weekday names from dayjs's global locale.
  dayjs.locale(i18n.language === 'zh-CN' ? 'zh-cn' : 'en');
  return (
    <QueryClientProvider client={client}>
      <ConfigProvider locale={i18n.language === 'zh-CN' ? zhCNAntd : enUSAntd}>
        <App>{children}</App>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
