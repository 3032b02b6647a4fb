import type { SelectProps } from 'antd';
import { Select } from 'antd';
import { useAllTeams } from './use-all-teams';

type TeamSelectProps = Omit<SelectProps<string[]>, 'options' | 'mode' | 'loading'>;

/** Several of the company's teams, searchable by name. */
export function TeamSelect(props: TeamSelectProps) {
  const teams = useAllTeams();
  const options = (teams.data ?? []).map((team) => ({ value: team.id, label: team.name }));
  return (
    <Select<string[]>
      {...props}
      mode="multiple"
      showSearch={{ optionFilterProp: 'label' }}
      loading={teams.isPending}
      options={options}
    />
  );
}

type OneTeamSelectProps = Omit<SelectProps<string>, 'options' | 'mode' | 'loading'>;

/** One of the company's teams, searchable by name. */
export function OneTeamSelect(props: OneTeamSelectProps) {
  const teams = useAllTeams();
  const options = (teams.data ?? []).map((team) => ({ value: team.id, label: team.name }));
  return (
    <Select<string>
      {...props}
      showSearch={{ optionFilterProp: 'label' }}
      loading={teams.isPending}
      options={options}
    />
  );
}
