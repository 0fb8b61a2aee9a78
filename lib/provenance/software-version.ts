import pkg from '@/package.json';

/** What made an artifact: product name and version (and the commit when the build knows it). */
export function softwareVersion(): string {
  const commit = process.env.SOURCE_COMMIT?.slice(0, 12);
  return `latent-atelier/${pkg.version}${commit ? `+${commit}` : ''} (StyleGAN2-ADA on TensorFlow.js)`;
}
