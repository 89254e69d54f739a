/**
 * Dotted form of an OBJECT IDENTIFIER's content bytes: `1.3.6.1.4.1.57264.1.1`. Plain bytes in,
 * nothing Node-specific, so the renderer's certificate reader shares it.
 */
export function oidText(content: Uint8Array): string {
  const parts: number[] = [];
  let value = 0;
  for (const byte of content) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      parts.push(value);
      value = 0;
    }
  }
  const first = parts.shift() ?? 0;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...parts].join('.');
}
