import {
  campaignStats,
  createCampaign,
  deleteCampaign,
  listCampaigns,
  updateCampaign,
} from '@contracts/marketing.contract';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import { call } from '../../../api/http';

const PAGE_SIZE = 100;

export function useCampaignList() {
  return useInfiniteQuery({
    queryKey: ['campaigns', 'list'],
    queryFn: ({ pageParam, signal }) =>
      call(listCampaigns, { query: { limit: PAGE_SIZE, cursor: pageParam, sort: 'name' }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: (data) => data.pages.flatMap((page) => page.items),
  });
}

/** Funnel and money per campaign and channel; `from`/`to` are days (YYYY-MM-DD), both optional. */
export function useCampaignStats(period: { from?: string | undefined; to?: string | undefined }) {
  return useQuery({
    queryKey: ['campaigns', 'stats', period.from ?? '', period.to ?? ''],
    queryFn: ({ signal }) => call(campaignStats, { query: period, signal }),
    placeholderData: keepPreviousData,
  });
}

function useCampaignMutation<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['campaigns'] }),
  });
}

export function useCreateCampaign() {
  return useCampaignMutation((body: z.input<typeof createCampaign.body>) => call(createCampaign, { body }));
}

export function useUpdateCampaign() {
  return useCampaignMutation(({ id, ...body }: { id: string } & z.input<typeof updateCampaign.body>) =>
    call(updateCampaign, { params: { id }, body }),
  );
}

export function useDeleteCampaign() {
  return useCampaignMutation((id: string) => call(deleteCampaign, { params: { id } }));
}
