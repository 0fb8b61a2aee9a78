import type { Metadata } from 'next';
import { SiteHeader } from '@/components/site-header';
import { VerifyForm } from './verify-form';

export const metadata: Metadata = { title: 'Verify a file' };

export default function VerifyPage() {
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-3xl space-y-6 px-6 py-12">
        <h1 className="text-3xl font-semibold tracking-tight">Was this made on Latent Atelier?</h1>
        <p className="text-stone-600">
          Every image and video we hand out carries its provenance: PNGs an XMP packet marking them as AI-generated
          (IPTC DigitalSourceType <code className="text-sm">trainedAlgorithmicMedia</code>) with a provenance id, videos the same in
          their container metadata. Upload a file to look it up. If the metadata was stripped we still recognise our files by
          their content hash. A file we did not make is reported as unknown — we never guess.
        </p>
        <VerifyForm />
      </main>
    </>
  );
}
