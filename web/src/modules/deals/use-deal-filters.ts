import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { usePipelines } from './use-deals';

export type DealFilters = {
  /** `me`, `none`, a user id, or undefined for anyone. */
  ownerId?: string;
  teamId?: string;
  /** `YYYY-MM`. */
  closeMonth?: string;
  q?: string;
};

const KEYS = ['ownerId', 'teamId', 'closeMonth', 'q'] as const;

/**
 * The pipeline and the filters the board, list and summary share, kept in the address so a view can be
 * bookmarked and survives switching views. Without a chosen pipeline, the company's default one.
 */
export function useDealFilters() {
  const [params, setParams] = useSearchParams();
  const pipelines = usePipelines();
  const chosen = params.get('pipeline');
  const items = pipelines.data ?? [];
  const pipeline =
    items.find((p) => p.id === chosen) ?? items.find((p) => p.isDefault && !p.archived) ?? items[0];
  const filters = useMemo<DealFilters>(() => {
    const out: DealFilters = {};
    for (const key of KEYS) {
      const value = params.get(key);
      if (value) out[key] = value;
    }
    return out;
  }, [params]);
  const setFilters = useCallback(
    (next: Partial<DealFilters>) =>
      setParams(
        (current) => {
          const out = new URLSearchParams(current);
          for (const [key, value] of Object.entries(next)) {
            if (value) out.set(key, value);
            else out.delete(key);
          }
          return out;
        },
        { replace: true },
      ),
    [setParams],
  );
  const setPipeline = useCallback(
    (id: string) =>
      setParams(
        (current) => {
          const out = new URLSearchParams(current);
          out.set('pipeline', id);
          return out;
        },
        { replace: true },
      ),
    [setParams],
  );
  return { pipelines, pipeline, filters, setFilters, setPipeline };
}
