// The caller of the current API request as the access rules see them (role and teams), resolved
// by the same query that authenticated the request (lib/api/with-auth.ts). viewerOf() answers
// from it instead of querying the user and their memberships again on every access check.
// Memberships are those of the moment the request was authenticated, as for the rest of the request.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Viewer } from '@/lib/access/rules';

type SignedInViewer = Exclude<Viewer, null>;

const requestViewer = new AsyncLocalStorage<SignedInViewer>();

/** Runs `fn` with `viewer` as the authenticated caller of this request. */
export function runAsViewer<T>(viewer: SignedInViewer | null, fn: () => T): T {
  return viewer ? requestViewer.run(viewer, fn) : fn();
}

/** The request's authenticated viewer when it is `userId`, else undefined (look them up). */
export function knownViewer(userId: string): SignedInViewer | undefined {
  const viewer = requestViewer.getStore();
  return viewer?.id === userId ? viewer : undefined;
}
