import {
  archiveProduct,
  createPriceBook,
  createProduct,
  deleteExchangeRate,
  deletePriceBook,
  deleteProduct,
  getPriceBook,
  getProduct,
  getProductPrice,
  listExchangeRates,
  listPriceBooks,
  listProducts,
  setBundleItems,
  setPriceBookEntries,
  updatePriceBook,
  updateProduct,
  upsertExchangeRates,
} from '@contracts/catalog.contract';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import { call } from '../../api/http';

/** Server state of the catalogue: products, price books, exchange rates and price previews, and the writes. */

const KEY = ['catalog'] as const;

export type ProductListQuery = Omit<Partial<z.input<typeof listProducts.query>>, 'cursor'>;

export function useProductList(query: ProductListQuery) {
  return useInfiniteQuery({
    queryKey: [...KEY, 'products', query],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ signal, pageParam }) =>
      call(listProducts, { query: { ...query, cursor: pageParam }, signal }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useProduct(id: string | null) {
  return useQuery({
    queryKey: [...KEY, 'product', id],
    queryFn: ({ signal }) => call(getProduct, { params: { id: id ?? '' }, signal }),
    enabled: id !== null,
  });
}

export function usePriceBooks() {
  return useQuery({
    queryKey: [...KEY, 'price-books'],
    queryFn: ({ signal }) => call(listPriceBooks, { signal }),
    select: (data) => data.items,
  });
}

export function usePriceBook(id: string | null) {
  return useQuery({
    queryKey: [...KEY, 'price-book', id],
    queryFn: ({ signal }) => call(getPriceBook, { params: { id: id ?? '' }, signal }),
    enabled: id !== null,
  });
}

export function useExchangeRates(currency: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'rates', currency],
    queryFn: ({ signal }) => call(listExchangeRates, { query: { currency }, signal }),
  });
}

export type PriceQuery = Partial<z.input<typeof getProductPrice.query>>;

/** The price a product gets for a customer and quantity, with the reason; only once a product is chosen. */
export function usePricePreview(productId: string | null, query: PriceQuery) {
  return useQuery({
    queryKey: [...KEY, 'price', productId, query],
    queryFn: ({ signal }) => call(getProductPrice, { params: { id: productId ?? '' }, query, signal }),
    enabled: productId !== null,
    retry: false,
  });
}

function useCatalogMutation<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export const useCreateProduct = () =>
  useCatalogMutation((body: z.input<typeof createProduct.body>) => call(createProduct, { body }));

export const useUpdateProduct = () =>
  useCatalogMutation(({ id, body }: { id: string; body: z.input<typeof updateProduct.body> }) =>
    call(updateProduct, { params: { id }, body }),
  );

export const useArchiveProduct = () =>
  useCatalogMutation((id: string) => call(archiveProduct, { params: { id } }));

export const useDeleteProduct = () =>
  useCatalogMutation((id: string) => call(deleteProduct, { params: { id } }));

export const useSetBundleItems = () =>
  useCatalogMutation(({ id, body }: { id: string; body: z.input<typeof setBundleItems.body> }) =>
    call(setBundleItems, { params: { id }, body }),
  );

export const useCreatePriceBook = () =>
  useCatalogMutation((body: z.input<typeof createPriceBook.body>) => call(createPriceBook, { body }));

export const useUpdatePriceBook = () =>
  useCatalogMutation(({ id, body }: { id: string; body: z.input<typeof updatePriceBook.body> }) =>
    call(updatePriceBook, { params: { id }, body }),
  );

export const useDeletePriceBook = () =>
  useCatalogMutation((id: string) => call(deletePriceBook, { params: { id } }));

export const useSetPriceBookEntries = () =>
  useCatalogMutation(({ id, body }: { id: string; body: z.input<typeof setPriceBookEntries.body> }) =>
    call(setPriceBookEntries, { params: { id }, body }),
  );

export const useUpsertRates = () =>
  useCatalogMutation((body: z.input<typeof upsertExchangeRates.body>) => call(upsertExchangeRates, { body }));

export const useDeleteRate = () =>
  useCatalogMutation((params: { currency: string; effectiveOn: string }) =>
    call(deleteExchangeRate, { params }),
  );
