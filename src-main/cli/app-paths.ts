import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder with Stevedore's package.json, found by walking up from this file, so it holds
 * whether the code runs built (out/main/*.js, maybe in a chunk) or from source.
 */
export function appRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('Cannot find the Stevedore installation (no package.json above the CLI)');
    dir = parent;
  }
}

/** The built renderer that `serve` hands to browsers. */
export function rendererDir(root = appRoot()): string {
  return join(root, 'out', 'renderer');
}
