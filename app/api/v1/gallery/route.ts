import { withAuth } from '@/lib/api/with-auth';
import { galleryQuery, listGallery } from '@/lib/collections/gallery';

export const GET = withAuth({ access: 'public', query: galleryQuery }, async ({ query }) => listGallery(query));
