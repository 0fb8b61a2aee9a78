import Link from 'next/link';
import { SiteHeader } from '@/components/site-header';

const features = [
  { title: 'Explore', text: 'Open a StyleGAN2 model, browse faces by seed, steer truncation globally or per layer, and save the latents you like.' },
  { title: 'Mix', text: 'Compose style mixes: coarse, middle and fine layers from different faces, rendered on our workers.' },
  { title: 'Animate', text: 'Render smooth interpolation videos between saved latents, in MP4 and WebM.' },
  { title: 'Fine-tune', text: 'Upload your own images and fine-tune a model with adaptive augmentation, watching it learn live.' },
];

export default function LandingPage() {
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-6xl px-6 py-16">
        <div className="grid items-center gap-10 lg:grid-cols-[1fr_22rem]">
          <section className="max-w-2xl space-y-5">
            <h1 className="text-4xl font-semibold tracking-tight">A studio for StyleGAN2.</h1>
            <p className="text-lg text-stone-600">
              Latent Atelier runs real StyleGAN2 models — official weights reproduce their official images — so you can explore,
              mix, animate and fine-tune them in the browser. Every output carries its licence and how it was made.
            </p>
            <div className="flex gap-3">
              <Link href="/signup" className="rounded-md bg-accent px-4 py-2 font-medium text-white hover:opacity-90">Create an account</Link>
              <Link href="/signin" className="rounded-md border border-stone-300 bg-white px-4 py-2 font-medium hover:bg-stone-100">Sign in</Link>
            </div>
          </section>
          <figure className="space-y-2">
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src="/images/default-grid.png" alt="64 faces drawn by the bundled model" width={512} height={512} className="w-full rounded-xl border border-stone-200 shadow-sm" data-testid="landing-faces" />
            <figcaption className="text-xs text-stone-500">Seeds 0–63 of the bundled 64 px model at ψ 0.7.</figcaption>
          </figure>
        </div>
        <section className="mt-16 grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
          {features.map((f) => (
            <div key={f.title} className="rounded-xl border border-stone-200 bg-white p-5">
              <h2 className="font-semibold">{f.title}</h2>
              <p className="mt-2 text-sm text-stone-600">{f.text}</p>
            </div>
          ))}
        </section>
      </main>
    </>
  );
}
