/**
 * The squarified treemap layout (Bruls, Huizing and van Wijk, 2000): items laid out in rows along
 * the shorter side of what is left, a row closed as soon as adding the next item would make its
 * rectangles less square. Pure: the unit tests pin it down.
 */

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Placed<T> {
  item: T;
  rect: Rect;
}

interface Sized<T> {
  item: T;
  area: number;
}

/** The worst aspect ratio of a row of `areas` laid along a side of length `side`. */
function worst(sum: number, max: number, min: number, side: number): number {
  const side2 = side * side;
  const sum2 = sum * sum;
  return Math.max((side2 * max) / sum2, sum2 / (side2 * min));
}

/** Lays `row` along the shorter side of `rect`; returns what is left of `rect`. */
function layRow<T>(row: Sized<T>[], sum: number, rect: Rect, out: Placed<T>[]): Rect {
  if (rect.w >= rect.h) {
    // A column on the left, as tall as the rectangle.
    const width = rect.h > 0 ? sum / rect.h : 0;
    let y = rect.y;
    for (const { item, area } of row) {
      const h = width > 0 ? area / width : 0;
      out.push({ item, rect: { x: rect.x, y, w: width, h } });
      y += h;
    }
    return { x: rect.x + width, y: rect.y, w: Math.max(0, rect.w - width), h: rect.h };
  }
  // A row along the top, as wide as the rectangle.
  const height = rect.w > 0 ? sum / rect.w : 0;
  let x = rect.x;
  for (const { item, area } of row) {
    const w = height > 0 ? area / height : 0;
    out.push({ item, rect: { x, y: rect.y, w, h: height } });
    x += w;
  }
  return { x: rect.x, y: rect.y + height, w: rect.w, h: Math.max(0, rect.h - height) };
}

/**
 * Places the items with a positive value in `rect`, each with an area proportional to its value,
 * largest first. Items of value 0 (or less) get no rectangle.
 */
export function squarify<T>(items: readonly T[], value: (item: T) => number, rect: Rect): Placed<T>[] {
  const positive = items
    .map((item) => ({ item, value: value(item) }))
    .filter((entry) => entry.value > 0 && Number.isFinite(entry.value))
    .sort((a, b) => b.value - a.value);
  const total = positive.reduce((sum, entry) => sum + entry.value, 0);
  const out: Placed<T>[] = [];
  if (total <= 0 || rect.w <= 0 || rect.h <= 0) return out;
  const scale = (rect.w * rect.h) / total;
  const sized = positive.map((entry) => ({ item: entry.item, area: entry.value * scale }));

  let remaining = rect;
  let row: Sized<T>[] = [];
  let sum = 0;
  let max = 0;
  let min = Number.POSITIVE_INFINITY;
  for (const next of sized) {
    const side = Math.min(remaining.w, remaining.h);
    if (row.length > 0) {
      const before = worst(sum, max, min, side);
      const after = worst(sum + next.area, Math.max(max, next.area), Math.min(min, next.area), side);
      if (after > before) {
        remaining = layRow(row, sum, remaining, out);
        row = [];
        sum = 0;
        max = 0;
        min = Number.POSITIVE_INFINITY;
      }
    }
    row.push(next);
    sum += next.area;
    max = Math.max(max, next.area);
    min = Math.min(min, next.area);
  }
  if (row.length > 0) layRow(row, sum, remaining, out);
  return out;
}
