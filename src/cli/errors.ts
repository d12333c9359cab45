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

/** Success output of every command: one JSON document on stdout (CLI.md). */
export function printJson(io: { stdout: (s: string) => void }, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}
