import type { ImportView } from './import-kind';

/** How far the import is: by rows when the file states how many, else by bytes of the file read. */
export function importPercent(imp: ImportView): number {
  if (imp.status === 'done') return 100;
  const part = imp.totalRows
    ? imp.processedRows / imp.totalRows
    : imp.fileSize > 0
      ? imp.bytesRead / imp.fileSize
      : 0;
  return Math.min(99, Math.floor(part * 100));
}
