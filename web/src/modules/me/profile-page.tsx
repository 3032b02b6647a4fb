import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { PageTitle } from '../../shared/page-title';
import { ApiTokensCard } from './api-tokens-card';
import { ChangePasswordForm } from './change-password-form';
import { ProfileForm } from './profile-form';

/** The user's own account: details and password on /profile, API tokens on /profile/tokens. */
export function ProfilePage() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const active = pathname.endsWith('/tokens') ? 'tokens' : 'details';
  return (
    <>
      <PageTitle>{t('profile.title')}</PageTitle>
      <Tabs
        activeKey={active}
        onChange={(key) => void navigate(key === 'tokens' ? '/profile/tokens' : '/profile')}
        items={[
          {
            key: 'details',
            label: t('profile.details'),
            children: (
              <>
                <ProfileForm />
                <ChangePasswordForm />
              </>
            ),
          },
          { key: 'tokens', label: t('tokens.title'), children: <ApiTokensCard /> },
        ]}
      />
    </>
  );
}
