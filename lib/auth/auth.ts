// Auth.js v5: email + password (Credentials) with JWT sessions. Whether the user still
// exists and is enabled is checked on every request by getCurrentUser(), so disabling
// an account locks out sessions that already exist. Each JWT also carries the account's
// session version when it was issued (`sv`); a password change or reset bumps the version,
// and getCurrentUser() refuses sessions issued under an older one.
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { authenticate } from '@/lib/users/authenticate';
import { clientAddress } from '@/lib/security/client-address';

class InvalidCredentials extends CredentialsSignin {
  code = 'invalid_credentials';
}
class AccountDisabled extends CredentialsSignin {
  code = 'account_disabled';
}
class TooManyAttempts extends CredentialsSignin {
  code = 'too_many_attempts';
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  session: { strategy: 'jwt', maxAge: 30 * 24 * 3600 },
  trustHost: true,
  pages: { signIn: '/signin' },
  providers: [
    Credentials({
      credentials: { email: { label: 'Email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, request) {
        const email = typeof credentials?.email === 'string' ? credentials.email.slice(0, 254) : '';
        const password = typeof credentials?.password === 'string' ? credentials.password.slice(0, 200) : '';
        const result = await authenticate(email, password, clientAddress(request.headers));
        if (!result.ok) {
          if (result.reason === 'too_many_attempts') throw new TooManyAttempts();
          throw result.reason === 'account_disabled' ? new AccountDisabled() : new InvalidCredentials();
        }
        return { id: result.user.id, email: result.user.email, name: result.user.name, sessionVersion: result.user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.uid = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      if (token.uid && session.user) session.user.id = token.uid as string;
      // Sessions issued before versions existed count as version 0.
      (session as { sessionVersion?: number }).sessionVersion = typeof token.sv === 'number' ? token.sv : 0;
      return session;
    },
  },
});
