import type { Metadata } from 'next';
import { headers } from 'next/headers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Latent Atelier', template: '%s · Latent Atelier' },
  description: 'Explore, mix, animate and fine-tune StyleGAN2 models.',
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Reading the request makes every page render per request, which the CSP nonce that
  // proxy.ts sets (and Next.js puts on its scripts) needs: a prerendered page has no nonce.
  await headers();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
