'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/** Re-fetches the page every second until the worker has attached the sample grid. */
export function RefreshWhileRendering() {
  const router = useRouter();
  useEffect(() => {
    const t = setInterval(() => router.refresh(), 1000);
    return () => clearInterval(t);
  }, [router]);
  return null;
}
