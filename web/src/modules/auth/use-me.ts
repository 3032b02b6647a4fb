import { useQuery } from '@tanstack/react-query';
import { meQuery } from './me-query';

export function useMe() {
  return useQuery(meQuery);
}
