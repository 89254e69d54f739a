export { decodeCbor, encodeCbor } from './cbor.js';
export { parseCose } from './cose.js';
export { NOTATION_PAYLOAD_TYPE, type NotationEnvelope } from './envelope.js';
export { parseJws } from './jws.js';
export { chainProblem } from './requirements.js';
export { type NotationTrustStore, readTrustStoreDir, trustStoreFromPem } from './trust-store.js';
export { type NotationOptions, notationSignatures } from './verify.js';
export {
  COSE_MEDIA_TYPE,
  JWS_MEDIA_TYPE,
  type NotationFinding,
  type NotationVerifyContext,
  verifyEnvelope,
} from './verify-envelope.js';
