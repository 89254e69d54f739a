import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { rolldown } from 'rolldown';

const root = resolve(import.meta.dirname, '../..');

/**
 * Bundles a bench-only TypeScript entry (bench/entry/*.ts) and the core code it imports into one
 * ESM file, for benches that must call core in-process: the app's build has no such entry, and its
 * chunks have hashed names. Packages stay external and load from the project's node_modules, which
 * is why the output goes under node_modules/.cache (a temp dir there; `dispose()` removes it).
 * rolldown is the bundler vite 8 uses, so it is installed with the project.
 */
export async function bundleEntry(entryPath) {
  const cacheDir = join(root, 'node_modules', '.cache');
  mkdirSync(cacheDir, { recursive: true });
  const outDir = mkdtempSync(join(cacheDir, 'stevedore-bench-'));
  try {
    const bundle = await rolldown({
      input: entryPath,
      platform: 'node',
      // Bare specifiers (undici, zod, node:*) are packages: load them, do not inline them.
      external: (id) => !id.startsWith('.') && !isAbsolute(id),
      // Core's imports say `./x.js` for `./x.ts`, as TypeScript's bundler resolution allows.
      resolve: { extensionAlias: { '.js': ['.ts', '.js'] } },
      logLevel: 'warn',
    });
    try {
      await bundle.write({ dir: outDir, format: 'esm', entryFileNames: '[name].js' });
    } finally {
      await bundle.close();
    }
  } catch (error) {
    rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
  const name = entryPath.split(/[\\/]/).pop().replace(/\.ts$/, '.js');
  return {
    path: join(outDir, name),
    dispose: () => rmSync(outDir, { recursive: true, force: true }),
  };
}
