// What an administrator sees at the address of someone else's hidden item (everyone else gets
// the 404): what it is, whose it is, why it was hidden, and Restore.
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { hiddenItemForAdmin } from '@/lib/moderation/item-moderation';
import type { ModerationTarget } from '@/lib/moderation/targets';
import { HiddenBanner, ModerationControls } from '@/components/moderation/item-moderation';

export function HiddenItemPage({ item }: { item: NonNullable<Awaited<ReturnType<typeof hiddenItemForAdmin>>> }) {
  return (
    <div className="max-w-2xl space-y-4" data-testid="hidden-item-admin">
      <h1 className="text-2xl font-semibold">{item.name}</h1>
      {item.owner && <p className="text-sm text-stone-500">Owned by {item.owner}</p>}
      <HiddenBanner state={item} />
      <ModerationControls state={item} />
      <p className="text-sm"><Link href="/admin/moderation" className="text-accent hover:underline">All reports and hidden items</Link></p>
    </div>
  );
}

/** An item page's "not found": an administrator's view of a hidden item, or the 404. */
export async function hiddenItemOr404(user: { id: string; role: string } | null, type: ModerationTarget, id: string) {
  const item = await hiddenItemForAdmin(user, type, id);
  if (!item) notFound();
  return item;
}
