import { describe, expect, it } from 'vitest';
import { appConfigDir } from '../../src-main/core/settings/store.js';

describe('appConfigDir', () => {
  it('is STEVEDORE_CONFIG_DIR when set, on every platform', () => {
    expect(appConfigDir({ STEVEDORE_CONFIG_DIR: '/tmp/x', HOME: '/home/a' }, 'darwin')).toBe('/tmp/x');
  });

  it('follows XDG on Linux', () => {
    expect(appConfigDir({ HOME: '/home/a' }, 'linux')).toBe('/home/a/.config/stevedore');
    expect(appConfigDir({ HOME: '/home/a', XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe('/cfg/stevedore');
  });

  it('uses Application Support on macOS and APPDATA on Windows', () => {
    expect(appConfigDir({ HOME: '/Users/a' }, 'darwin')).toBe(
      '/Users/a/Library/Application Support/Stevedore',
    );
    expect(appConfigDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toBe(
      'C:\\Users\\a\\AppData\\Roaming\\Stevedore',
    );
    expect(appConfigDir({ USERPROFILE: 'C:\\Users\\a' }, 'win32')).toBe(
      'C:\\Users\\a\\AppData\\Roaming\\Stevedore',
    );
  });
});
