export function isFinished(state: string) {
  return state === 'COMPLETED' || state === 'FAILED' || state === 'CANCELLED';
}
