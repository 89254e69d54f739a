import type { ParseArgsConfig } from 'node:util';

export interface CommandIo {
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** One `stevedore <name>` subcommand. `run` resolves with the exit code. */
export interface Command {
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** How many operands it takes (`stevedore ref <name>`: 1 to 1); none when absent. */
  operands?: { min: number; max: number };
  run(
    values: Record<string, string | boolean | undefined>,
    io: CommandIo,
    operands: string[],
  ): Promise<number>;
}
