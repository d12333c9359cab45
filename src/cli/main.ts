/** Entry point of `npm run --silent cli -- …` (CLI.md). */
import { runCli } from './program';

runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`内部错误：${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
