import { issuedBy, selfSigned } from '../keys/chain.js';
import { type Certificate, commonName, OID } from '../keys/x509.js';

const FORBIDDEN_EKU: Readonly<Record<string, string>> = {
  [OID.ekuAny]: 'anyExtendedKeyUsage',
  [OID.ekuServerAuth]: 'serverAuth',
  [OID.ekuClientAuth]: 'clientAuth',
  [OID.ekuEmailProtection]: 'emailProtection',
  [OID.ekuTimeStamping]: 'timeStamping',
};
const LEAF_FORBIDDEN_USAGES = [
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
];

/**
 * What the Notary Project signature specification requires of the chain in an envelope, in
 * words a user understands; null when it meets them. The chain must be ordered (each
 * certificate issued by the next) and end at a root; the leaf must be for signing (key usage
 * digitalSignature, no CA usages) and, when it says what it is for, for code signing; the CAs
 * must be CAs (basicConstraints critical with cA, keyCertSign, path length respected).
 */
export function chainProblem(chain: readonly Certificate[]): string | null {
  const leaf = chain[0];
  if (!leaf) return 'the signature carries no certificate';
  for (let i = 0; i + 1 < chain.length; i++) {
    if (!issuedBy(chain[i]!, chain[i + 1]!)) {
      return `the certificate chain is broken: ${name(chain[i]!)} is not issued by ${name(chain[i + 1]!)}`;
    }
  }
  if (!selfSigned(chain[chain.length - 1]!))
    return 'the certificate chain does not end at a root certificate';
  const leafProblem = leafRequirements(leaf);
  if (leafProblem) return leafProblem;
  for (const [i, ca] of chain.slice(1).entries()) {
    const problem = caRequirements(ca, i);
    if (problem) return problem;
  }
  return null;
}

function leafRequirements(leaf: Certificate): string | null {
  if (leaf.basicConstraints?.ca)
    return `the signing certificate ${name(leaf)} is a CA certificate, not a signing certificate`;
  const usage = leaf.keyUsage;
  if (!usage?.usages.includes('digitalSignature')) {
    return `the signing certificate ${name(leaf)} is not allowed to sign (its key usage lacks digitalSignature)`;
  }
  const extra = usage.usages.filter((u) => LEAF_FORBIDDEN_USAGES.includes(u));
  if (extra.length > 0)
    return `the signing certificate ${name(leaf)} has key usages a signing certificate must not have (${extra.join(', ')})`;
  const eku = leaf.extendedKeyUsage;
  if (eku) {
    const forbidden = eku.filter((oid) => FORBIDDEN_EKU[oid]).map((oid) => FORBIDDEN_EKU[oid]);
    if (forbidden.length > 0 || !eku.includes(OID.ekuCodeSigning)) {
      return `the signing certificate ${name(leaf)} is not for code signing (its extended key usage is ${
        forbidden.length > 0 ? forbidden.join(', ') : eku.join(', ')
      })`;
    }
  }
  return null;
}

function caRequirements(ca: Certificate, below: number): string | null {
  const constraints = ca.basicConstraints;
  if (!constraints?.ca || !constraints.critical) {
    return `${name(ca)} issues certificates but is not marked as a CA (critical basicConstraints with cA)`;
  }
  if (!ca.keyUsage?.usages.includes('keyCertSign')) {
    return `${name(ca)} issues certificates but its key usage lacks keyCertSign`;
  }
  if (constraints.pathLength !== null && below > constraints.pathLength) {
    return `${name(ca)} allows ${constraints.pathLength} intermediate CA(s) below it, the chain has ${below}`;
  }
  return null;
}

function name(cert: Certificate): string {
  return `"${commonName(cert)}"`;
}
