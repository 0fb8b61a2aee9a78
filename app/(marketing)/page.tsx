import Link from 'next/link';
import { SiteHeader } from '@/components/site-header';
import { CollectionCards } from '@/components/gallery/collection-cards';
import { getLandingShowcase } from '@/lib/landing/get-landing-showcase';

const features = [
  { title: 'Explore', href: '/explore', text: 'Open a StyleGAN2 model, browse faces by seed, steer truncation globally or per layer, and save the latents you like.' },
  { title: 'Mix', href: '/mixes/new', text: 'Compose style mixes: coarse, middle and fine layers from different faces, rendered on our workers.' },
  { title: 'Animate', href: '/videos/new', text: 'Render smooth interpolation videos between saved latents, in MP4 and WebM.' },
  { title: 'Fine-tune', href: '/training/new', text: 'Upload your own images and fine-tune a model with adaptive augmentation, watching it learn live.' },
  { title: 'Projects', href: '/studio', text: 'Work alone or in a team: projects hold your latents, mixes, videos, datasets and runs, with quotas and provenance.' },
];

export default async function LandingPage() {
  const { demo, gallery } = await getLandingShowcase();
  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-6xl px-4 py-10 sm:px-6 sm:py-16">
        <div className="grid items-center gap-10 lg:grid-cols-[1fr_24rem]">
          <section className="max-w-2xl space-y-5">
            <h1 className="text-3xl font-semibold tracking-tight sm:text-4xl">A studio for StyleGAN2.</h1>
            <p className="text-lg text-stone-600">
              Latent Atelier runs real StyleGAN2 models — official weights reproduce their official images — so you can explore,
              mix, animate and fine-tune them in the browser. Every output carries its licence and how it was made.
            </p>
            <div className="flex flex-wrap gap-3">
              <Link href="/signup" className="rounded-md bg-accent px-4 py-2 font-medium text-white hover:opacity-90">Create an account</Link>
              <Link href="/gallery" className="rounded-md border border-stone-300 bg-white px-4 py-2 font-medium hover:bg-stone-100">Browse the gallery</Link>
            </div>
          </section>
          <figure className="space-y-2">
            {demo?.video ? (
              // Rendered once by the worker from the bundled model (the demo collection), then served from storage.
              <video autoPlay loop muted playsInline poster={demo.video.poster ?? undefined} className="aspect-square w-full rounded-xl border border-stone-200 bg-stone-100 object-cover shadow-sm" data-testid="landing-video" aria-label={demo.video.name}>
                <source src={demo.video.webm} type="video/webm" />
                <source src={demo.video.mp4} type="video/mp4" />
              </video>
            ) : (
              // eslint-disable-next-line @next/next/no-img-element
              <img src="/images/default-grid.png" alt="64 faces drawn by the bundled model" width={512} height={512} className="w-full rounded-xl border border-stone-200 shadow-sm" data-testid="landing-grid" />
            )}
            <figcaption className="text-xs text-stone-500">
              {demo?.video ? 'A morph through four faces of the bundled 64 px model, rendered on our workers.' : 'Seeds 0–63 of the bundled 64 px model at ψ 0.7.'}
            </figcaption>
          </figure>
        </div>

        {demo && demo.faces.length > 0 && (
          <section className="mt-14 space-y-3" aria-labelledby="faces-heading">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id="faces-heading" className="text-xl font-semibold">Faces from the bundled model</h2>
              <Link href={`/collections/${demo.collectionId}`} className="text-sm text-accent hover:underline">Open the collection</Link>
            </div>
            <ul className="grid grid-cols-4 gap-2 sm:grid-cols-6" data-testid="landing-faces">
              {demo.faces.map((f) => (
                <li key={f.url}>
                  {/* eslint-disable-next-line @next/next/no-img-element */}
                  <img src={f.url} alt={f.name} title={f.name} className="aspect-square w-full rounded-md border border-stone-200 bg-stone-100 object-cover" />
                </li>
              ))}
            </ul>
            <p className="text-xs text-stone-500">Saved latents at ψ 0.7, 64×64 px each, shown smoothly scaled.</p>
          </section>
        )}

        <section className="mt-14 space-y-4" aria-labelledby="features-heading">
          <h2 id="features-heading" className="text-xl font-semibold">What you can do</h2>
          <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5" data-testid="landing-features">
            {features.map((f) => (
              <li key={f.title} className="rounded-xl border border-stone-200 bg-white p-5">
                <h3 className="font-semibold"><Link href={f.href} className="hover:text-accent">{f.title}</Link></h3>
                <p className="mt-2 text-sm text-stone-600">{f.text}</p>
              </li>
            ))}
          </ul>
        </section>

        <section className="mt-14 space-y-4" aria-labelledby="gallery-heading">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="gallery-heading" className="text-xl font-semibold">From the gallery</h2>
            <Link href="/gallery" className="text-sm text-accent hover:underline">All public collections</Link>
          </div>
          {gallery.length === 0 ? (
            <p className="rounded-lg border border-dashed border-stone-300 bg-white p-6 text-center text-sm text-stone-500">No public collections yet.</p>
          ) : (
            <CollectionCards collections={gallery} testId="landing-gallery" />
          )}
        </section>
      </main>
      <footer className="border-t border-stone-200 bg-white">
        <nav aria-label="Footer" className="mx-auto flex max-w-6xl flex-wrap gap-x-6 gap-y-2 px-4 py-6 text-sm text-stone-600 sm:px-6">
          <Link href="/verify" className="hover:text-stone-900">Verify an image or video</Link>
          <Link href="/docs/api" className="hover:text-stone-900">API documentation</Link>
          <Link href="/gallery" className="hover:text-stone-900">Gallery</Link>
          <Link href="/quiz" className="hover:text-stone-900">Which face is real? (quiz)</Link>
          <span className="text-stone-400 sm:ml-auto">Every output carries its provenance and licence.</span>
        </nav>
      </footer>
    </>
  );
}
