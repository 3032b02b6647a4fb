import { updateMe } from '@contracts/auth.contract';
import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import { call } from '../../api/http';
import { useStoreMe } from '../auth/use-store-me';

type UpdateMeInput = z.input<typeof updateMe.body>;

/** Saves the user's own name, language or time zone; the answer becomes the session at once. */
export function useUpdateMe() {
  const storeMe = useStoreMe();
  return useMutation({
    mutationFn: (body: UpdateMeInput) => call(updateMe, { body }),
    onSuccess: storeMe,
  });
}
