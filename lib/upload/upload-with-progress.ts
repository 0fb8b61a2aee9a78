// Browser uploads with progress: fetch() cannot report bytes sent, XMLHttpRequest can.
export type UploadResult = { status: number; body: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

/** POSTs `form` to `url`, calling `onProgress(loaded, total)` while sending and `onSent()` once all bytes are out. */
export function uploadWithProgress(
  url: string,
  form: FormData,
  { onProgress, onSent }: { onProgress?: (loaded: number, total: number) => void; onSent?: () => void } = {},
): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(e.loaded, e.total);
    };
    xhr.upload.onload = () => onSent?.();
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error('The upload was interrupted. Check your connection and try again.'));
    xhr.onabort = () => reject(new Error('The upload was cancelled.'));
    xhr.send(form);
  });
}
