import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../shared/page-title';
import type { ModuleKey } from './nav-items';

type ModulePageProps = { module: ModuleKey };

/** A sales module whose screens are not built yet: its name and nothing that pretends otherwise. */
export function ModulePage({ module }: ModulePageProps) {
  const { t } = useTranslation();
  return <PageTitle>{t(`module.${module}`)}</PageTitle>;
}
