/** Placeholder: `stylegan train` CLI (issue 4). Replaced by the real implementation. */
export async function runTrainCli(argv: string[]): Promise<number> {
  void argv;
  process.stderr.write('stylegan train: not implemented yet\n');
  return 2;
}
