/**
 * Multi-select as file managers do it, over the rows in their visible order:
 * click selects one, Ctrl/Cmd+click toggles, Shift+click selects the range from the anchor,
 * arrows move the cursor (Shift extends), Ctrl+A selects all.
 */

export interface Selection {
  selected: ReadonlySet<string>;
  /** Where a Shift range starts: the last row clicked without Shift. */
  anchor: string | undefined;
  /** The row the keyboard is on. */
  cursor: string | undefined;
}

export const emptySelection: Selection = { selected: new Set(), anchor: undefined, cursor: undefined };

export interface ClickModifiers {
  /** Ctrl or Cmd held. */
  toggle: boolean;
  /** Shift held. */
  range: boolean;
}

function rangeKeys(order: readonly string[], from: string, to: string): string[] {
  const a = order.indexOf(from);
  const b = order.indexOf(to);
  if (a === -1 || b === -1) return [to];
  return order.slice(Math.min(a, b), Math.max(a, b) + 1);
}

export function clickSelection(
  current: Selection,
  key: string,
  modifiers: ClickModifiers,
  order: readonly string[],
): Selection {
  if (modifiers.range) {
    const anchor = current.anchor ?? key;
    const range = rangeKeys(order, anchor, key);
    const selected = modifiers.toggle ? new Set([...current.selected, ...range]) : new Set(range);
    return { selected, anchor, cursor: key };
  }
  if (modifiers.toggle) {
    const selected = new Set(current.selected);
    if (selected.has(key)) selected.delete(key);
    else selected.add(key);
    return { selected, anchor: key, cursor: key };
  }
  return { selected: new Set([key]), anchor: key, cursor: key };
}

/** Moves the cursor by `delta` rows (±Infinity for Home/End), selecting what it lands on. */
export function moveSelection(
  current: Selection,
  delta: number,
  extend: boolean,
  order: readonly string[],
): Selection {
  if (order.length === 0) return emptySelection;
  const at = current.cursor === undefined ? -1 : order.indexOf(current.cursor);
  const target = at === -1 ? (delta > 0 ? 0 : order.length - 1) : at + delta;
  const key = order[Math.min(order.length - 1, Math.max(0, target))]!;
  if (!extend) return { selected: new Set([key]), anchor: key, cursor: key };
  const anchor = current.anchor ?? current.cursor ?? key;
  return { selected: new Set(rangeKeys(order, anchor, key)), anchor, cursor: key };
}

export function selectAll(current: Selection, order: readonly string[]): Selection {
  return { selected: new Set(order), anchor: current.anchor ?? order[0], cursor: current.cursor ?? order[0] };
}

/** Forgets rows that went away (removed on the engine, or hidden by the filter); unchanged when none did. */
export function retainSelection(current: Selection, order: readonly string[]): Selection {
  if (current.selected.size === 0 && current.anchor === undefined && current.cursor === undefined)
    return current;
  const present = new Set(order);
  const keep = (key: string | undefined) => (key !== undefined && present.has(key) ? key : undefined);
  const selected = [...current.selected].filter((key) => present.has(key));
  if (
    selected.length === current.selected.size &&
    keep(current.anchor) === current.anchor &&
    keep(current.cursor) === current.cursor
  ) {
    return current;
  }
  return { selected: new Set(selected), anchor: keep(current.anchor), cursor: keep(current.cursor) };
}
