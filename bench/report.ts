// How benchmarks report: figures on stdout (their whole purpose), failures on stderr.
export function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Reports the failure; the process exits 1 once its clean-up (servers, files) has run. */
export function fail(error: unknown): void {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
}
