// The one wrapper for route handlers: who is calling (session cookie or bearer token),
// what they may do (role), and what they sent (zod-parsed). Authorisation lives here and
// in the services it calls, never in the route files.
import { NextResponse, type NextRequest } from 'next/server';
import { z, type ZodType } from 'zod';
import { fieldProblems } from '@/lib/forms/human-errors';
import { ApiError } from '@/lib/api/errors';
import { checkCsrf } from '@/lib/api/csrf';
import { inputErrorFromDatabase } from '@/lib/api/db-errors';
import { findInvalidText, isInvalidText } from '@/lib/api/input-text';
import { checkDeclaredLength, readLimited } from '@/lib/api/read-limited';
import { getCurrentPrincipal, type CurrentPrincipal, type CurrentUser } from '@/lib/auth/current-user';
import { principalForToken } from '@/lib/tokens/tokens';
import { runAsViewer } from '@/lib/access/request-viewer';
import { requireTeamRole, type TeamPermission } from '@/lib/teams/permissions';

type Access = 'public' | 'user' | 'admin';

type Options<B extends ZodType | undefined, Q extends ZodType | undefined> = {
  /** 'public': anyone (user may be null); 'user': signed in (default); 'admin': role ADMIN. */
  access?: Access;
  body?: B;
  query?: Q;
  /** Team permission on the team named by the `teamId` route parameter (non-members get 404). */
  team?: TeamPermission;
  /**
   * For a public route whose resource a signed link can reach (lib/access/signed-asset-urls): whether
   * the request carries such a link (null: none, authenticate as usual) and whether it is valid
   * (false: 403). A valid link is the request's permission: no authentication, `user` null,
   * `signed` true.
   */
  signedUrl?: (params: Record<string, string>, searchParams: URLSearchParams) => boolean | null;
};

type Infer<T> = T extends ZodType ? z.infer<T> : undefined;

export type HandlerContext<A extends Access, B, Q> = {
  req: NextRequest;
  user: A extends 'public' ? CurrentUser | null : CurrentUser;
  /** The request came with a valid signed link (options.signedUrl) and was not authenticated. */
  signed: boolean;
  params: Record<string, string>;
  body: B;
  query: Q;
};

type RouteContext = { params: Promise<Record<string, string | string[]>> };

export function json(data: unknown, init?: ResponseInit) {
  return NextResponse.json(data, init);
}

export function errorResponse(err: ApiError) {
  const body: { error: { code: string; message: string; details?: unknown } } = {
    error: { code: err.code, message: err.message },
  };
  if (err.details !== undefined) body.error.details = err.details;
  const headers = err.retryAfter !== undefined ? { 'retry-after': String(Math.max(1, Math.ceil(err.retryAfter))) } : undefined;
  return NextResponse.json(body, { status: err.status, headers });
}

/** JSON bodies are small; uploads (multipart, zips) read the stream themselves with their own limit. */
const JSON_BODY_MAX_BYTES = 1024 * 1024;

function bearerToken(req: NextRequest): string | null {
  const header = req.headers.get('authorization');
  return header?.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : null;
}

/** Who is calling, with their teams: one query for a bearer token or a session cookie. */
async function resolvePrincipal(req: NextRequest): Promise<CurrentPrincipal | null> {
  const token = bearerToken(req);
  if (token !== null) {
    const principal = isInvalidText(token) ? null : await principalForToken(token);
    if (!principal) throw new ApiError('unauthorized', 'Invalid or revoked API token');
    return principal;
  }
  return getCurrentPrincipal();
}

function invalidText(where: string) {
  return new ApiError('validation_error', `${where}: contains a NUL character or invalid Unicode text`);
}

/** Path params and every query parameter (read by the schema or not) must be storable text. */
function checkUrlText(params: Record<string, string>, searchParams: URLSearchParams) {
  for (const [k, v] of Object.entries(params)) if (isInvalidText(v)) throw invalidText(k);
  for (const [k, v] of searchParams) if (isInvalidText(k) || isInvalidText(v)) throw invalidText(isInvalidText(k) ? 'query' : k);
}

// In words for people (lib/forms/human-errors): forms show each detail next to its field.
function zodDetails(error: z.ZodError) {
  return fieldProblems(error.issues);
}

function firstMessage(error: z.ZodError) {
  return fieldProblems(error.issues)[0]?.message ?? 'Invalid input';
}

async function readBody(req: NextRequest): Promise<unknown> {
  checkDeclaredLength(req.headers, JSON_BODY_MAX_BYTES);
  const text = (await readLimited(req.body, JSON_BODY_MAX_BYTES)).toString('utf8');
  if (!text) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError('validation_error', 'Request body must be valid JSON');
  }
  const bad = findInvalidText(value);
  if (bad) throw invalidText(bad);
  return value;
}

export function withAuth<
  A extends Access = 'user',
  B extends ZodType | undefined = undefined,
  Q extends ZodType | undefined = undefined,
>(
  options: Options<B, Q> & { access?: A },
  handler: (ctx: HandlerContext<A, Infer<B>, Infer<Q>>) => Promise<Response | unknown>,
) {
  return async (req: NextRequest, route: RouteContext): Promise<Response> => {
    try {
      const access = options.access ?? 'user';
      const rawParams = (await route?.params) ?? {};
      const params = Object.fromEntries(
        Object.entries(rawParams).map(([k, v]) => [k, Array.isArray(v) ? v.join('/') : v]),
      );
      const signed = access === 'public' && options.signedUrl ? options.signedUrl(params, req.nextUrl.searchParams) : null;
      if (signed === false) throw new ApiError('forbidden', 'This link is invalid or has expired');

      const principal = signed ? null : await resolvePrincipal(req);
      const user: CurrentUser | null = principal && { id: principal.id, email: principal.email, name: principal.name, role: principal.role };
      if (!signed && bearerToken(req) === null) checkCsrf(req);
      if (access !== 'public' && !user) throw new ApiError('unauthorized', 'Sign in or send an API token');
      if (access === 'admin' && user?.role !== 'ADMIN') throw new ApiError('forbidden', 'Administrators only');

      checkUrlText(params, req.nextUrl.searchParams);

      if (options.team) await requireTeamRole(user!.id, params.teamId ?? '', options.team);

      let body: unknown = undefined;
      if (options.body) {
        const parsed = options.body.safeParse(await readBody(req));
        if (!parsed.success) throw new ApiError('validation_error', firstMessage(parsed.error), zodDetails(parsed.error));
        body = parsed.data;
      }
      let query: unknown = undefined;
      if (options.query) {
        const parsed = options.query.safeParse(Object.fromEntries(req.nextUrl.searchParams));
        if (!parsed.success) throw new ApiError('validation_error', firstMessage(parsed.error), zodDetails(parsed.error));
        query = parsed.data;
      }

      // The access module (viewerOf) answers from the principal for the rest of the request.
      const viewer = principal && { id: principal.id, role: principal.role, teamIds: principal.teamIds };
      const result = await runAsViewer(viewer, () => handler({ req, user, signed: signed === true, params, body, query } as HandlerContext<A, Infer<B>, Infer<Q>>));
      return result instanceof Response ? result : NextResponse.json(result ?? { ok: true });
    } catch (err) {
      if (err instanceof ApiError) return errorResponse(err);
      if (err instanceof z.ZodError) return errorResponse(new ApiError('validation_error', firstMessage(err), zodDetails(err)));
      const inputError = inputErrorFromDatabase(err);
      if (inputError) return errorResponse(inputError);
      console.error('[api] unhandled error', err);
      return errorResponse(new ApiError('internal_error', 'Something went wrong on our side'));
    }
  };
}
