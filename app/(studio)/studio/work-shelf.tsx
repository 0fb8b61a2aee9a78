import Link from 'next/link';
import type { WorkItem } from '@/lib/studio/list-recent-work';

/** One kind of work as a row of openable thumbnails, or an empty state that says how to start. */
export function WorkShelf({
  title,
  items,
  allHref,
  empty,
  testId,
}: {
  title: string;
  items: WorkItem[];
  allHref: string;
  empty: { text: string; href: string; action: string };
  testId: string;
}) {
  return (
    <section className="space-y-2" data-testid={testId}>
      <div className="flex items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold">{title}</h2>
        {items.length > 0 && <Link href={allHref} className="text-sm text-accent hover:underline">See all</Link>}
      </div>
      {items.length === 0 ? (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-dashed border-stone-300 bg-white px-4 py-5 text-sm text-stone-600" data-testid="empty-state">
          <p>{empty.text}</p>
          <Link href={empty.href} className="rounded-md bg-accent px-3 py-1.5 font-medium text-white hover:opacity-90">{empty.action}</Link>
        </div>
      ) : (
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          {items.map((item) => (
            <li key={item.id}>
              <Link href={item.href} className="group block overflow-hidden rounded-lg border border-stone-200 bg-white hover:border-accent" data-testid="work-item">
                <div className="aspect-square bg-stone-100">
                  {item.thumbnailUrl ? (
                    <img src={item.thumbnailUrl} alt="" loading="lazy" className="h-full w-full object-cover" />
                  ) : (
                    <span className="flex h-full items-center justify-center text-xs text-stone-400">no preview</span>
                  )}
                </div>
                <div className="space-y-0.5 p-2">
                  <p className="truncate text-sm font-medium group-hover:text-accent">{item.name}</p>
                  <p className="truncate text-xs text-stone-500">{item.detail}</p>
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
