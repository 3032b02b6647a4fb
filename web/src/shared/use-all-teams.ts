import { listTeams } from '@contracts/teams.contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '../api/http';

/** Teams for pickers and name look-ups; a tenant has few enough to read in one page. */
export function useAllTeams() {
  return useQuery({
    queryKey: ['teams', 'all'],
    queryFn: ({ signal }) => call(listTeams, { query: { limit: 200 }, signal }),
    select: (page) => page.items,
  });
}
