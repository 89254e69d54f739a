import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalKeyId,
  keyId,
  naturalCompare,
  notaryCanonicalJson,
} from '../../src-main/core/trust/notary/index.js';
import { readKeys } from '../../src-main/core/trust/notary/keys.js';
import { verifySignature } from '../../src-main/core/trust/notary/signatures.js';
import { sampleFiles } from '../support/fake-notary.js';

describe('notaryCanonicalJson (notary: github.com/docker/go/canonical/json)', () => {
  it('sorts keys by their UTF-8 bytes and writes no whitespace', () => {
    // UTF-16 order would put U+FF5E before U+1F600; UTF-8 bytes put it first too, but 'é' (C3 A9) after 'z'.
    expect(notaryCanonicalJson({ z: 1, é: 2, a: [true, false, null], '😀': 3, '～': 4 })).toBe(
      '{"a":[true,false,null],"z":1,"é":2,"～":4,"😀":3}',
    );
  });

  it('escapes only quote and backslash (and U+2028/U+2029); control characters stay raw', () => {
    expect(notaryCanonicalJson({ s: 'a"b\\c\n\t<&>\u2028\u2029' })).toBe(
      '{"s":"a\\"b\\\\c\n\t<&>\\u2028\\u2029"}',
    );
  });

  it('writes integers only', () => {
    expect(notaryCanonicalJson({ n: 1082, m: -3, zero: 0 })).toBe('{"m":-3,"n":1082,"zero":0}');
    expect(() => notaryCanonicalJson({ n: 1.5 })).toThrow('1.5 is not an integer');
  });

  it('reproduces what the sample keys were hashed from: their ids', () => {
    const root = JSON.parse(sampleFiles().root!.toString('utf8'));
    for (const [id, key] of Object.entries(root.signed.keys)) {
      expect(keyId(key as { keytype: string; keyval: { public: string } })).toBe(id);
    }
  });
});

describe('key ids', () => {
  it('gives a certificate root key the canonical id of the public key inside it', () => {
    const root = JSON.parse(sampleFiles().root!.toString('utf8'));
    const { keys, unusable } = readKeys(root.signed.keys);
    expect(unusable).toEqual([]);
    const certificateKey = keys.get('1f210eb2af48f8dd40afe95efa2e83a15af6168fda4dd7151afc60b278644e11')!;
    expect(certificateKey.keyType).toBe('ecdsa-x509');
    const bare = keyId({
      keytype: 'ecdsa',
      keyval: { public: certificateKey.publicKey.export({ type: 'spki', format: 'der' }).toString('base64') },
    });
    expect(canonicalKeyId(certificateKey)).toBe(bare);
    expect(bare).not.toBe(certificateKey.id);
    const plain = keys.get('bad60e09f63fdc262d04639f2442a41ab3af9c6af9dfc29efae756b431dcabe1')!;
    expect(canonicalKeyId(plain)).toBe(plain.id);
  });

  it('leaves out keys of unknown types or that do not parse, with the reason', () => {
    const tuf = { keytype: 'ecdsa', keyval: { public: Buffer.from('not a key').toString('base64') } };
    const odd = { keytype: 'dsa', keyval: { public: 'AAAA' } };
    const { keys, unusable } = readKeys({ [keyId(tuf)]: tuf, [keyId(odd)]: odd });
    expect(keys.size).toBe(0);
    expect(unusable.map((key) => key.reason)).toEqual([
      expect.stringMatching(/^the key does not parse/),
      'key type "dsa" is not supported',
    ]);
  });
});

describe('ECDSA signatures', () => {
  it('accepts raw r‖s (what notary writes) and ASN.1 DER (what notary also accepts)', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const tuf = {
      keytype: 'ecdsa',
      keyval: { public: publicKey.export({ type: 'spki', format: 'der' }).toString('base64') },
    };
    const key = readKeys({ [keyId(tuf)]: tuf }).keys.get(keyId(tuf))!;
    const message = Buffer.from('{"a":1}');
    for (const dsaEncoding of ['ieee-p1363', 'der'] as const) {
      const sig = sign('sha256', message, { key: privateKey, dsaEncoding }).toString('base64');
      expect(verifySignature(message, { keyid: key.id, method: 'ecdsa', sig }, key)).toBeNull();
      expect(verifySignature(Buffer.from('{"a":2}'), { keyid: key.id, method: 'ecdsa', sig }, key)).toBe(
        'the signature does not match',
      );
    }
    const sig = sign('sha256', message, privateKey).toString('base64');
    expect(verifySignature(message, { keyid: key.id, method: 'rsapss', sig }, key)).toBe(
      'a rsapss signature cannot come from an ecdsa key',
    );
    expect(verifySignature(message, { keyid: key.id, method: 'hmac', sig }, key)).toBe(
      'the signature method "hmac" is not supported',
    );
  });
});

describe('naturalCompare (docker sorts signed tags with fvbommel/sortorder)', () => {
  it('orders numbers by value, digits before letters', () => {
    const tags = ['v10', 'latest', 'v2', 'v1.10', 'v1.9', '1', 'v02', 'v2-rc1'];
    expect([...tags].sort(naturalCompare)).toEqual([
      '1',
      'latest',
      'v1.9',
      'v1.10',
      'v2',
      // As Go's NaturalLess: equal numbers, then fewer leading zeros first, before the rest.
      'v2-rc1',
      'v02',
      'v10',
    ]);
  });
});
