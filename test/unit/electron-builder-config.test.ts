import { readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * Packaging cannot run here (electron-builder needs the Electron zip), so the config is checked
 * the way electron-builder itself would check it first: against its own JSON schema.
 */
const root = resolve(import.meta.dirname, '../..');
const configText = readFileSync(resolve(root, 'electron-builder.yml'), 'utf8');
const schema = JSON.parse(readFileSync(resolve(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'));

type Config = Record<string, unknown>;

function loadConfig(): Config {
  return parse(configText) as Config;
}

// The schema is draft-07 with union types and keywords Ajv's strict mode would refuse.
const validate = new Ajv({ strict: false, allowUnionTypes: true, allErrors: true }).compile(schema);

function schemaErrors(config: Config): string[] {
  if (validate(config)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`);
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const rgbaColourType = 6;

/** Width, height and colour type from a PNG's IHDR chunk, which the spec places first. */
function pngHeader(path: string): { width: number; height: number; colourType: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(0, 8).equals(pngSignature), `${path} is a PNG`).toBe(true);
  expect(bytes.toString('latin1', 12, 16), `${path} starts with IHDR`).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), colourType: bytes.readUInt8(25) };
}

/** Every string under a key named `icon` (linux.icon, mac.icon, ...), with where it was found. */
function iconPaths(value: unknown, at = ''): Array<{ at: string; path: string }> {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key === 'icon' && typeof child === 'string'
      ? [{ at: `${at}.${key}`, path: child }]
      : iconPaths(child, `${at}.${key}`),
  );
}

const linuxIconSizes = [16, 32, 48, 64, 128, 256, 512, 1024];

describe('electron-builder.yml', () => {
  it('is valid against electron-builder’s own schema', () => {
    expect(schemaErrors(loadConfig())).toEqual([]);
  });

  it('is rejected by the schema when broken, so the check above can fail', () => {
    const unknownKey = { ...loadConfig(), appID: 'dev.stevedore.typo' };
    expect(schemaErrors(unknownKey).join('\n')).toMatch(/additional properties/);

    const wrongType = { ...loadConfig(), npmRebuild: 'no' };
    expect(schemaErrors(wrongType).join('\n')).toMatch(/^\/npmRebuild must be boolean/m);

    const badTarget = { ...loadConfig(), linux: { target: 42 } };
    expect(schemaErrors(badTarget)).not.toEqual([]);
  });

  it('names the app and its targets on every platform', () => {
    const config = loadConfig();
    expect(config).toMatchObject({
      appId: 'dev.stevedore.app',
      productName: 'Stevedore',
      directories: { output: 'dist' },
      asar: true,
      // ssh2's optional cpu-features cannot be rebuilt; a rebuild would fail the package.
      npmRebuild: false,
      linux: { target: ['AppImage', 'deb'], category: 'Development' },
      mac: { target: 'dmg', category: 'public.app-category.developer-tools' },
      win: { target: 'nsis' },
    });
    expect(config.linux).toHaveProperty('maintainer');
    expect(config.linux).toHaveProperty('synopsis');
  });

  it('ships the built bundles and package.json, not the sources', () => {
    const files = loadConfig().files as string[];
    expect(files).toEqual(expect.arrayContaining(['out/**', 'package.json']));
    const included = files.filter((pattern) => !pattern.startsWith('!'));
    expect(included.filter((pattern) => /^(src-|test|bench)/.test(pattern))).toEqual([]);
  });

  it('points every icon at existing PNGs of the right size', () => {
    const icons = iconPaths(loadConfig());
    expect(icons.map(({ at }) => at).sort()).toEqual(['.linux.icon', '.mac.icon', '.win.icon']);

    for (const { at, path } of icons) {
      const full = resolve(root, path);
      if (statSync(full).isDirectory()) {
        // electron-builder reads a Linux icon directory by file name: NxN.png must be N by N.
        const names = readdirSync(full).filter((name) => name.endsWith('.png'));
        expect(names.sort(), at).toEqual(linuxIconSizes.map((n) => `${n}x${n}.png`).sort());
        for (const name of names) {
          const size = Number(name.split('x')[0]);
          expect(pngHeader(resolve(full, name)), `${at}/${name}`).toEqual({
            width: size,
            height: size,
            colourType: rgbaColourType,
          });
        }
      } else {
        // macOS needs at least 512 px to build an .icns; we ship the full 1024.
        expect(pngHeader(full), at).toEqual({ width: 1024, height: 1024, colourType: rgbaColourType });
      }
    }
  });
});
