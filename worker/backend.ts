// Starts the tfjs backend the StyleGAN core picks for this host and names it.
export async function describeBackend(): Promise<string> {
  try {
    const { initBackend } = await import('@/lib/stylegan/backend');
    const info = await initBackend();
    return info.choice + (info.simd ? " (simd)" : "");
  } catch (err) {
    console.error('[worker] tfjs backend failed to start:', (err as Error).message);
    return 'unavailable';
  }
}
