'use client';

import { Spinner } from '@/components/ui/spinner';
import type { GeneratedImage } from './generate-client';

/**
 * One image of the explorer. Images are scaled smoothly by the browser (image-rendering auto),
 * not as nearest-neighbour blocks; the explorer states the native size once.
 * `onFavourite`: a ☆ in the corner that saves this image to the library without focusing it.
 */
export function Tile({
  image,
  loading,
  failed,
  label,
  onClick,
  active,
  testId,
  onFavourite,
  favourite,
}: {
  image?: GeneratedImage;
  loading: boolean;
  /** The grid's job failed: say so instead of spinning. */
  failed?: boolean;
  label: string;
  onClick?: () => void;
  active?: boolean;
  testId?: string;
  onFavourite?: () => void;
  favourite?: 'saving' | 'saved' | 'error';
}) {
  return (
    <div className="group relative" data-testid={testId}>
      <button
        type="button"
        onClick={onClick}
        disabled={!onClick}
        className={`relative block aspect-square w-full overflow-hidden rounded-md border bg-stone-100 ${active ? 'border-accent ring-2 ring-accent' : 'border-stone-200 hover:border-accent'}`}
        title={label}
        aria-label={label}
      >
        {image && <img src={image.url} alt={label} data-sha256={image.sha256} className="h-full w-full object-cover" />}
        {loading && (
          <span className="absolute inset-0 flex items-center justify-center bg-white/50">
            <Spinner />
          </span>
        )}
        {failed && !loading && (
          <span className="absolute inset-0 flex items-center justify-center p-1 text-center text-[11px] text-red-700" data-testid="tile-failed">Not rendered</span>
        )}
        <span className="absolute bottom-0 left-0 right-0 truncate bg-black/40 px-1 text-left text-[10px] text-white opacity-0 group-hover:opacity-100">{label}</span>
      </button>
      {onFavourite && image && (
        <button
          type="button"
          onClick={onFavourite}
          disabled={favourite === 'saving' || favourite === 'saved'}
          aria-label={favourite === 'saved' ? `${label} saved to your latents` : `Save ${label} to your latents`}
          title={favourite === 'saved' ? 'Saved to your latents (tag “favourite”)' : favourite === 'error' ? 'Could not save: try again' : 'Save to your latents'}
          data-testid="favourite"
          data-state={favourite ?? 'idle'}
          className={`absolute right-1 top-1 flex h-6 w-6 items-center justify-center rounded-full bg-white/85 text-sm leading-none shadow-sm hover:bg-white ${favourite === 'saved' ? 'text-amber-500' : favourite === 'error' ? 'text-red-600' : 'text-stone-600'}`}
        >
          {favourite === 'saved' ? '★' : favourite === 'error' ? '!' : '☆'}
        </button>
      )}
    </div>
  );
}
