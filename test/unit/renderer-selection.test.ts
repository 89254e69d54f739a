import { describe, expect, it } from 'vitest';
import {
  clickSelection,
  emptySelection,
  moveSelection,
  retainSelection,
  selectAll,
} from '../../src-renderer/src/features/images/selection.js';

const order = ['a', 'b', 'c', 'd', 'e'];
const plain = { toggle: false, range: false };
const ctrl = { toggle: true, range: false };
const shift = { toggle: false, range: true };
const ctrlShift = { toggle: true, range: true };
const keys = (s: { selected: ReadonlySet<string> }) => [...s.selected].sort();

describe('clickSelection', () => {
  it('selects only the clicked row and anchors there', () => {
    const s = clickSelection(clickSelection(emptySelection, 'b', plain, order), 'd', plain, order);
    expect(keys(s)).toEqual(['d']);
    expect(s.anchor).toBe('d');
    expect(s.cursor).toBe('d');
  });

  it('toggles rows with Ctrl/Cmd', () => {
    let s = clickSelection(emptySelection, 'a', plain, order);
    s = clickSelection(s, 'c', ctrl, order);
    expect(keys(s)).toEqual(['a', 'c']);
    s = clickSelection(s, 'a', ctrl, order);
    expect(keys(s)).toEqual(['c']);
  });

  it('selects the range from the anchor with Shift, in either direction', () => {
    let s = clickSelection(emptySelection, 'b', plain, order);
    s = clickSelection(s, 'd', shift, order);
    expect(keys(s)).toEqual(['b', 'c', 'd']);
    s = clickSelection(s, 'a', shift, order);
    expect(keys(s)).toEqual(['a', 'b']);
    expect(s.anchor).toBe('b');
  });

  it('adds a range to the selection with Ctrl+Shift', () => {
    let s = clickSelection(emptySelection, 'a', plain, order);
    s = clickSelection(s, 'd', ctrl, order);
    s = clickSelection(s, 'e', ctrlShift, order);
    expect(keys(s)).toEqual(['a', 'd', 'e']);
  });
});

describe('moveSelection', () => {
  it('starts at the first row going down and at the last going up', () => {
    expect(moveSelection(emptySelection, 1, false, order).cursor).toBe('a');
    expect(moveSelection(emptySelection, -1, false, order).cursor).toBe('e');
  });

  it('moves one row and stops at the ends', () => {
    let s = clickSelection(emptySelection, 'd', plain, order);
    s = moveSelection(s, 1, false, order);
    expect(keys(s)).toEqual(['e']);
    s = moveSelection(s, 1, false, order);
    expect(s.cursor).toBe('e');
    expect(moveSelection(s, Number.NEGATIVE_INFINITY, false, order).cursor).toBe('a');
  });

  it('extends from the anchor with Shift', () => {
    let s = clickSelection(emptySelection, 'b', plain, order);
    s = moveSelection(s, 1, true, order);
    s = moveSelection(s, 1, true, order);
    expect(keys(s)).toEqual(['b', 'c', 'd']);
    s = moveSelection(s, -3, true, order);
    expect(keys(s)).toEqual(['a', 'b']);
  });

  it('selects nothing in an empty table', () => {
    expect(moveSelection(emptySelection, 1, false, [])).toBe(emptySelection);
  });
});

describe('selectAll and retainSelection', () => {
  it('selects every visible row', () => {
    expect(keys(selectAll(emptySelection, order))).toEqual(order);
  });

  it('forgets rows that went away and keeps the same object when none did', () => {
    const s = clickSelection(clickSelection(emptySelection, 'b', plain, order), 'd', shift, order);
    expect(retainSelection(s, order)).toBe(s);
    const kept = retainSelection(s, ['a', 'c', 'e']);
    expect(keys(kept)).toEqual(['c']);
    expect(kept.anchor).toBeUndefined();
    expect(kept.cursor).toBeUndefined();
  });
});
