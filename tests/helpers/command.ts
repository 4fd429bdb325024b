/** Runs a command's main() in the test process and captures what it prints. */
export type CommandMain = (argv: string[], out: (text: string) => void, err: (text: string) => void, colour: boolean) => number;

export function runCommand(main: CommandMain, args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = main(
    args,
    (t) => (stdout += t),
    (t) => (stderr += t),
    false,
  );
  return { code, stdout, stderr };
}
