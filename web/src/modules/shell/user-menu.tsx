import { CheckOutlined, DownOutlined, UserOutlined } from '@ant-design/icons';
import type { Locale } from '@contracts/common';
import { LOCALES } from '@contracts/common';
import type { MenuProps } from 'antd';
import { Button, Dropdown } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { currentLocale, switchLocale } from '../../i18n/i18n';
import { sessionLocale } from '../../i18n/locale';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useLogout } from '../auth/use-logout';
import { useSession } from '../auth/use-session';
import { useUpdateMe } from '../me/use-update-me';
import { TimeZoneModal } from './time-zone-modal';

const LANGUAGE_PREFIX = 'language:';

/** Account menu: profile, tokens, language and time zone (saved to the user), sign out. */
export function UserMenu() {
  const { t } = useTranslation();
  const me = useSession();
  const navigate = useNavigate();
  const logout = useLogout();
  const update = useUpdateMe();
  const handleError = useErrorHandler();
  const [timeZoneOpen, setTimeZoneOpen] = useState(false);
  const locale = currentLocale();

  const changeLanguage = (next: Locale) => {
    // Switch at once; the saved preference follows, and the server's answer confirms it.
    void switchLocale(next);
    update.mutate(
      { locale: next },
      {
        onError: (error) => {
          void switchLocale(sessionLocale(me));
          handleError(error);
        },
      },
    );
  };

  const items: MenuProps['items'] = [
    { key: 'profile', label: t('shell.profile') },
    { key: 'tokens', label: t('shell.tokens') },
    { type: 'divider' },
    {
      type: 'group',
      label: t('language.label'),
      children: LOCALES.map((l) => ({
        key: `${LANGUAGE_PREFIX}${l}`,
        label: t(`language.${l}`),
        icon: l === locale ? <CheckOutlined /> : <span style={{ display: 'inline-block', width: 14 }} />,
      })),
    },
    { type: 'divider' },
    { key: 'timeZone', label: t('shell.timeZone') },
    { type: 'divider' },
    { key: 'signOut', label: t('shell.signOut'), danger: true },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'profile') void navigate('/profile');
    else if (key === 'tokens') void navigate('/profile/tokens');
    else if (key === 'timeZone') setTimeZoneOpen(true);
    else if (key === 'signOut') logout.mutate();
    else if (key.startsWith(LANGUAGE_PREFIX)) {
      const next = LOCALES.find((l) => `${LANGUAGE_PREFIX}${l}` === key);
      if (next && next !== locale) changeLanguage(next);
    }
  };

  return (
    <>
      <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
        <Button type="text" aria-label={t('shell.userMenu')} style={{ color: '#fff' }}>
          <UserOutlined />
          {me.user.name}
          <DownOutlined />
        </Button>
      </Dropdown>
      <TimeZoneModal open={timeZoneOpen} onClose={() => setTimeZoneOpen(false)} />
    </>
  );
}
