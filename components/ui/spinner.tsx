export function Spinner({ className = '', label = 'Loading' }: { className?: string; label?: string }) {
  return (
    <span role="status" aria-label={label} className={`inline-block h-5 w-5 animate-spin rounded-full border-2 border-stone-300 border-t-accent ${className}`} />
  );
}
