import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE, restorableState } from '../../src-main/electron/window-state.js';

const laptop = { x: 0, y: 0, width: 1440, height: 900 };
const monitorOnTheLeft = { x: -1920, y: 0, width: 1920, height: 1080 };

describe('restorableState', () => {
  it('uses the default size the first time', () => {
    expect(restorableState(undefined, [laptop])).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('keeps a place that is on a screen, negative coordinates included', () => {
    const saved = { x: -1500, y: 100, width: 1000, height: 700, maximized: true };
    expect(restorableState(saved, [laptop, monitorOnTheLeft])).toEqual(saved);
  });

  it('drops a place on a screen that is gone, keeping the size and maximized state', () => {
    const saved = { x: -1500, y: 100, width: 1000, height: 700, maximized: true };
    expect(restorableState(saved, [laptop])).toEqual({ width: 1000, height: 700, maximized: true });
  });

  it('drops a place that leaves only a sliver of the window on screen', () => {
    const saved = { x: 1400, y: 880, width: 1000, height: 700, maximized: false };
    expect(restorableState(saved, [laptop])).toEqual({ width: 1000, height: 700, maximized: false });
  });
});
