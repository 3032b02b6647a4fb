import type { MaterialKind } from '@contracts/deal-materials.contract';

/** Tag colour of each kind of material. */
export const MATERIAL_KIND_COLORS: Record<MaterialKind, string> = {
  deck: 'blue',
  brochure: 'cyan',
  case_study: 'gold',
  video: 'purple',
  other: 'default',
};

/** Where the files module serves an uploaded file. */
export const fileUrl = (fileId: string) => `/api/v1/files/${fileId}/content`;
