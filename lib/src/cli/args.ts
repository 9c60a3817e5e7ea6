/** A tiny argument parser shared by the CLI commands: positional names, `--flag`, `--key value`, `--key=value`. */
export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string[]>;
}

/**
 * Parse `argv`. A flag followed by nothing (or by another `--option`) reads as `'true'`, except a flag of
 * `valueFlags`, which then reads as `''` so that the command can say the value is missing.
 */
export function parseArgs(argv: string[], booleanFlags: readonly string[] = [], valueFlags: readonly string[] = []): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  const add = (k: string, v: string) => flags.set(k, [...(flags.get(k) ?? []), v]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') continue;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) add(a.slice(2, eq), a.slice(eq + 1));
      else if (booleanFlags.includes(a.slice(2)) || i + 1 >= argv.length || argv[i + 1].startsWith('--')) add(a.slice(2), valueFlags.includes(a.slice(2)) ? '' : 'true');
      else add(a.slice(2), argv[++i]);
    } else positional.push(a);
  }
  return { positional, flags };
}

export function flag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return v ? v[v.length - 1] : undefined;
}

export function flagAll(args: ParsedArgs, name: string): string[] {
  return args.flags.get(name) ?? [];
}

/** Reject flags the command does not know, naming them and the known ones. */
export function checkFlags(args: ParsedArgs, known: readonly string[], command: string): void {
  const unknown = [...args.flags.keys()].filter((k) => !known.includes(k));
  if (unknown.length) {
    throw new Error(`${command}: unknown option ${unknown.map((u) => `--${u}`).join(', ')}; known options: ${known.map((k) => `--${k}`).join(' ')}`);
  }
}
