import { notFound } from 'next/navigation';

// An address no route matches lands here, inside the public layout (header included), and shows
// the one 404 page, as a notFound() inside any route group does.
export default function Missing() {
  notFound();
}
