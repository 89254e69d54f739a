import { CancelledError } from '../core/errors.js';

const ENTER = new Set(['\r', '\n']);
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const BACKSPACE = new Set(['\u007f', '\b']);
const ESCAPE = '\u001b';

/**
 * Reads one line typed at a terminal, with echo only when asked: the terminal is put in raw
 * mode, so a password never appears on screen, and restored after. Ctrl+C cancels (raw mode
 * turns it into a character, not a signal); Ctrl+D ends the line.
 */
export function readTerminalLine(
  input: NodeJS.ReadStream,
  output: NodeJS.WritableStream,
  prompt: string,
  opts: { echo: boolean },
): Promise<string> {
  // Raw before the prompt: whatever is typed once the prompt shows must not be echoed.
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  output.write(prompt);
  return new Promise((resolve, reject) => {
    let line = '';
    const finish = (outcome: () => void) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      outcome();
    };
    const onData = (chunk: string) => {
      // Arrow and function keys arrive as escape sequences: not part of what is typed.
      if (chunk.startsWith(ESCAPE)) return;
      for (const char of chunk) {
        if (ENTER.has(char) || char === CTRL_D) return finish(() => resolve(line));
        if (char === CTRL_C) return finish(() => reject(new CancelledError('Cancelled at the prompt')));
        if (BACKSPACE.has(char)) {
          if (line === '') continue;
          line = [...line].slice(0, -1).join('');
          if (opts.echo) output.write('\b \b');
        } else if (char >= ' ') {
          line += char;
          if (opts.echo) output.write(char);
        }
      }
    };
    input.on('data', onData);
  });
}

/** All of stdin, as `docker login --password-stdin` reads it: one trailing newline (LF or CRLF) dropped. */
export async function readAllInput(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
