/**
 * A name for imported material from its file name: `cosign.pub` → `cosign`, `Acme Root CA.crt` →
 * `Acme-Root-CA`; shaped to what the contract accepts (letters, digits, dot, dash, underscore).
 * Pure: the unit tests pin it down.
 */
export function nameFromFile(fileName: string): string {
  const base = fileName.replace(/\.(pub|pem|crt|cer|key|json)$/i, '');
  return base
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 64);
}
