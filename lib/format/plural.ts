// "1 image", "2 images", "1 mix", "3 mixes": one way to count things in words on every page.
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
