import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg px-6 py-24 text-center">
      <p className="text-sm font-medium text-accent">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Nothing here</h1>
      <p className="mt-2 text-stone-600">It does not exist, or you don’t have access to it.</p>
      <Link href="/" className="mt-6 inline-block text-accent hover:underline">Home</Link>
    </main>
  );
}
