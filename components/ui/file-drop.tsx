'use client';
// The one file input of the app: a drop zone around a real <input type="file"> (so forms,
// FormData and keyboard use work as usual). Dropped files are put into that input. Shows what
// was chosen, with sizes.
import { useId, useRef, useState } from 'react';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

export function FileDrop({
  name = 'file',
  accept,
  multiple = false,
  required = false,
  disabled = false,
  label,
  hint,
  ariaLabel,
  testId,
  inputRef,
  onChange,
}: {
  name?: string;
  accept?: string;
  multiple?: boolean;
  required?: boolean;
  disabled?: boolean;
  /** The call to action inside the zone, e.g. "Drop a zip here or choose one". */
  label: string;
  hint?: string;
  ariaLabel: string;
  testId?: string;
  inputRef?: React.RefObject<HTMLInputElement | null>;
  onChange?: (files: File[]) => void;
}) {
  const id = useId();
  const ownRef = useRef<HTMLInputElement>(null);
  const ref = inputRef ?? ownRef;
  const [files, setFiles] = useState<File[]>([]);
  const [over, setOver] = useState(false);

  function update(list: FileList | null) {
    const chosen = Array.from(list ?? []);
    setFiles(chosen);
    onChange?.(chosen);
  }

  function onDrop(e: React.DragEvent<HTMLLabelElement>) {
    e.preventDefault();
    setOver(false);
    if (disabled || !ref.current || e.dataTransfer.files.length === 0) return;
    const dt = new DataTransfer();
    for (const f of Array.from(e.dataTransfer.files).slice(0, multiple ? undefined : 1)) dt.items.add(f);
    ref.current.files = dt.files;
    update(ref.current.files);
  }

  function clear() {
    if (ref.current) ref.current.value = '';
    update(null);
  }

  const total = files.reduce((n, f) => n + f.size, 0);
  return (
    <div className="space-y-1" data-testid={testId ? `${testId}-zone` : undefined}>
      <label
        htmlFor={id}
        onDragOver={(e) => {
          e.preventDefault();
          if (!disabled) setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-drag-over={over || undefined}
        className={`flex min-h-24 cursor-pointer flex-col items-center justify-center gap-1 rounded-lg border-2 border-dashed px-4 py-5 text-center text-sm transition-colors focus-within:ring-2 focus-within:ring-accent-soft ${
          over ? 'border-accent bg-accent-soft' : 'border-stone-300 bg-stone-50 hover:border-accent'
        } ${disabled ? 'cursor-not-allowed opacity-60' : ''}`}
      >
        <span aria-hidden className="text-xl text-accent">⇪</span>
        <span className="font-medium text-stone-800">{label}</span>
        {hint && <span className="text-xs text-stone-500">{hint}</span>}
        <input
          ref={ref}
          id={id}
          name={name}
          type="file"
          accept={accept}
          multiple={multiple}
          required={required}
          disabled={disabled}
          aria-label={ariaLabel}
          data-testid={testId}
          className="sr-only"
          onChange={(e) => update(e.currentTarget.files)}
        />
      </label>
      {files.length > 0 && (
        <div className="flex flex-wrap items-center gap-2 text-xs text-stone-600" data-testid={testId ? `${testId}-chosen` : undefined}>
          <span className="min-w-0 truncate">
            {files.length === 1 ? files[0]!.name : `${files.length} files`} · {formatBytes(total)}
          </span>
          {!disabled && (
            <button type="button" onClick={clear} className="text-accent hover:underline">
              Clear
            </button>
          )}
        </div>
      )}
    </div>
  );
}
