import { listRoles } from '@contracts/tenant.contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/http';

export function useRoles() {
  return useQuery({
    queryKey: ['roles'],
    queryFn: ({ signal }) => call(listRoles, { signal }),
    select: (res) => res.items,
  });
}
