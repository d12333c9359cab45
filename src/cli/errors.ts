/** Bad input: printed as the given lines on stderr; exit 2 unless another code is given. */
export class CliInputError extends Error {
  constructor(
    readonly lines: string[],
    readonly exitCode = 2,
  ) {
    super(lines.join('\n'));
    this.name = 'CliInputError';
  }
}
