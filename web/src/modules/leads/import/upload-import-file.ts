import { Problem } from '@contracts/common';
import { ApiError, NetworkError } from '../../../api/api-error';
import { currentLocale } from '../../../i18n/i18n';
import type { ImportView } from './import-kind';

/**
 * Uploads a file to the import endpoint as multipart/form-data. XMLHttpRequest rather than fetch, because
 * only it reports upload progress, which a file of hundreds of megabytes needs. Errors are the same
 * ApiError/NetworkError that `call` throws, so useErrorHandler shows them.
 */
export function uploadImportFile<I extends ImportView>(
  path: string,
  file: File,
  csrfToken: string | null,
  onProgress: (percent: number) => void,
): Promise<I> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', currentLocale());
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = xhr.responseText;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as I);
        return;
      }
      const problem = Problem.safeParse(body);
      reject(new ApiError(xhr.status, problem.success ? problem.data : undefined, body));
    };
    xhr.onerror = () => reject(new NetworkError(new Error('upload failed')));
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}
