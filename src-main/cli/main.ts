/**
 * `stevedore`: the command line. Exit codes: 0 done, 1 the operation failed (one line on
 * stderr), 2 the command line or an input was wrong.
 */
import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import { toErrorShape } from '../core/errors.js';
import type { CommandIo } from './command.js';
import { COMMANDS } from './commands/index.js';
import { UsageError } from './usage-error.js';

const HELP = [
  'Usage: stevedore <command> [options]',
  '',
  'Commands:',
  ...COMMANDS.map((command) => `  ${command.name.padEnd(8)}${command.summary}`),
  '',
  "Run 'stevedore <command> --help' for a command's options.",
].join('\n');

/** Codes that mean the input was wrong, not the operation: exit 2 like a usage error. */
const INPUT_ERRORS = new Set(['INVALID_INPUT', 'INVALID_REFERENCE']);

export async function runCli(argv: string[], io: CommandIo): Promise<number> {
  try {
    return await runCommand(argv, io);
  } catch (error) {
    const usage = error instanceof UsageError;
    const shape = toErrorShape(error);
    const message = usage ? (error as Error).message : shape.message;
    io.stderr.write(`stevedore: ${oneLine(message)}\n`);
    return usage || INPUT_ERRORS.has(shape.code) ? 2 : 1;
  }
}

async function runCommand(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(`${HELP}\n`);
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${version}\n`);
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) throw new UsageError(`unknown command "${name}". See 'stevedore --help'`);
  const command = await entry.load();

  let values: Record<string, string | boolean | undefined>;
  let operands: string[];
  try {
    ({ values, positionals: operands } = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    }));
  } catch (error) {
    throw new UsageError(`${parseArgsMessage(error)}. See 'stevedore ${name} --help'`);
  }
  if (values.help) {
    io.stdout.write(`${command.usage}\n`);
    return 0;
  }
  const { min, max } = command.operands ?? { min: 0, max: 0 };
  if (operands.length < min || operands.length > max) {
    const wanted = min === max ? `${min}` : `${min} to ${max}`;
    throw new UsageError(
      `${name} takes ${wanted} operand${max === 1 ? '' : 's'}, got ${operands.length}. See 'stevedore ${name} --help'`,
    );
  }
  return command.run(values, io, operands);
}

/** Node's first sentence is the useful one; the rest is advice about `--` we do not need. */
function parseArgsMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split(/\.\s/)[0]?.replace(/\.$/, '') ?? message;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
});
