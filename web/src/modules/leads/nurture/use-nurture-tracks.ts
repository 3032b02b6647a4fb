import {
  createNurtureTrack,
  deleteNurtureTrack,
  listNurtureTracks,
  updateNurtureTrack,
} from '@contracts/lead-routing.contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { call } from '../../../api/http';

export function useNurtureTracks() {
  return useQuery({
    queryKey: ['lead-routing', 'nurture-tracks'],
    queryFn: ({ signal }) => call(listNurtureTracks, { signal }),
    select: (data) => data.items,
  });
}

function useTrackMutation<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    // The settings tab names the default track.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['lead-routing', 'nurture-tracks'] }),
        queryClient.invalidateQueries({ queryKey: ['lead-settings'] }),
      ]),
  });
}

export function useCreateTrack() {
  return useTrackMutation((body: z.input<typeof createNurtureTrack.body>) =>
    call(createNurtureTrack, { body }),
  );
}

export function useUpdateTrack() {
  return useTrackMutation(({ id, ...body }: { id: string } & z.input<typeof updateNurtureTrack.body>) =>
    call(updateNurtureTrack, { params: { id }, body }),
  );
}

export function useDeleteTrack() {
  return useTrackMutation((id: string) => call(deleteNurtureTrack, { params: { id } }));
}
