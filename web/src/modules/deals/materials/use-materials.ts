import type { FileInfo } from '@contracts/admin.contract';
import { Problem } from '@contracts/common';
import {
  addMaterialVersion,
  createMaterial,
  deleteMaterial,
  getMaterial,
  listMaterials,
  updateMaterial,
} from '@contracts/deal-materials.contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { ApiError, NetworkError } from '../../../api/api-error';
import { call } from '../../../api/http';
import { currentLocale } from '../../../i18n/i18n';

const KEY = ['materials'] as const;

export type MaterialFilter = { tag?: string; kind?: z.input<typeof listMaterials.query>['kind']; q?: string };

export function useMaterials(filter: MaterialFilter = {}) {
  return useQuery({
    queryKey: [...KEY, 'list', filter],
    queryFn: ({ signal }) => call(listMaterials, { query: filter, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useMaterial(id: string | null) {
  return useQuery({
    queryKey: [...KEY, 'one', id],
    queryFn: ({ signal }) => call(getMaterial, { params: { id: id ?? '' }, signal }),
    enabled: id !== null,
  });
}

/** Uploads one file to the files module (multipart), answering its id for a material version. */
export async function uploadFile(file: File, csrfToken: string | null): Promise<FileInfo> {
  const form = new FormData();
  form.append('file', file);
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLocale() };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch('/api/v1/files', { method: 'POST', body: form, headers, credentials: 'same-origin' });
  } catch (err) {
    throw new NetworkError(err);
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const problem = Problem.safeParse(body);
    throw new ApiError(res.status, problem.success ? problem.data : undefined, body);
  }
  return body as FileInfo;
}

function useMaterialMutation<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: KEY });
      // Proposals show their attached materials.
      await queryClient.invalidateQueries({ queryKey: ['deal-proposals'] });
    },
  });
}

export function useCreateMaterial() {
  return useMaterialMutation((body: z.input<typeof createMaterial.body>) => call(createMaterial, { body }));
}

export function useUpdateMaterial() {
  return useMaterialMutation(({ id, body }: { id: string; body: z.input<typeof updateMaterial.body> }) =>
    call(updateMaterial, { params: { id }, body }),
  );
}

export function useAddMaterialVersion() {
  return useMaterialMutation(({ id, body }: { id: string; body: z.input<typeof addMaterialVersion.body> }) =>
    call(addMaterialVersion, { params: { id }, body }),
  );
}

export function useDeleteMaterial() {
  return useMaterialMutation((id: string) => call(deleteMaterial, { params: { id } }));
}
