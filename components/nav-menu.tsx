'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';

export type NavLink = { href: string; label: string };

/**
 * The site navigation below the `xl` breakpoint (1280 px): one "Menu" button that opens the links as a
 * panel under the header, so the nav never runs off a phone screen. It closes when a link is
 * followed (the layout, and so this component, stays mounted across client navigations).
 */
export function NavMenu({ links, email }: { links: NavLink[]; email?: string }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);
  return (
    <details ref={ref} className="group xl:hidden" data-testid="nav-menu">
      <summary className="flex cursor-pointer list-none items-center gap-1.5 rounded-md border border-stone-300 px-2.5 py-1 text-sm text-stone-700 hover:bg-stone-100 [&::-webkit-details-marker]:hidden">
        <span aria-hidden className="text-base leading-none">☰</span> Menu
      </summary>
      <nav aria-label="Site" className="absolute inset-x-0 top-full z-30 border-b border-stone-200 bg-white px-4 pb-4 pt-2 shadow-md sm:px-6">
        <ul className="grid grid-cols-2 gap-1 text-sm sm:grid-cols-3">
          {links.map((l) => (
            <li key={l.href}>
              <Link href={l.href} className={`block rounded px-2 py-2 hover:bg-stone-100 ${pathname === l.href || pathname.startsWith(`${l.href}/`) ? 'font-medium text-stone-900' : 'text-stone-600'}`}>
                {l.label}
              </Link>
            </li>
          ))}
        </ul>
        {email && <p className="mt-2 truncate border-t border-stone-100 px-2 pt-2 text-xs text-stone-500">Signed in as {email}</p>}
      </nav>
    </details>
  );
}
