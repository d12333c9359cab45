/**
 * The data package (docs/package-format.md): one .zip holding a signed manifest and JSON parts.
 * The file proves that it is whole (a SHA-256 per part, counts) and where it came from (an Ed25519
 * signature by the sending bureau's key, trusted on first use by the receiver).
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { z } from 'zod';
import { isoDate } from '../domain/dates';

export const PACKAGE_FORMAT = 'kafj-package/1';
export const PART_NAMES = ['units', 'officials', 'assessments', 'events', 'inspections', 'table-sets', 'history'] as const;
export type PartName = (typeof PART_NAMES)[number];
export const partPath = (p: PartName): string => `parts/${p}.json`;

export const DIRECTIONS = ['county-to-city', 'city-to-county'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const manifestSchema = z.object({
  format: z.literal(PACKAGE_FORMAT),
  direction: z.enum(DIRECTIONS),
  sender: z.object({ bureau: z.string().min(1), level: z.enum(['county', 'city']), counties: z.array(z.string()) }),
  year: z.int().min(2000).max(2100),
  createdAt: z.iso.datetime(),
  app: z.object({ name: z.string(), version: z.string() }),
  schemaVersion: z.int().min(1),
  counts: z.object(Object.fromEntries(PART_NAMES.map((p) => [p, z.int().min(0)])) as Record<PartName, z.ZodInt>),
  parts: z.object(Object.fromEntries(PART_NAMES.map((p) => [p, z.string().regex(/^[0-9a-f]{64}$/)])) as Record<PartName, z.ZodString>),
  publicKey: z.string().min(1),
  signature: z.string().min(1),
});
export type Manifest = z.output<typeof manifestSchema>;

export const dateOrNull = isoDate.nullable();

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** JSON with object keys sorted at every level: the bytes that are signed. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) =>
    val !== null && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(Object.entries(val as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : val,
  );
}

export interface KeyPair {
  publicKey: string;
  privateKey: string;
}

/** A new Ed25519 key pair, PEM-encoded (the bureau's signing key, kept in its database). */
export function newKeyPair(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

export function signManifest(unsigned: Omit<Manifest, 'signature'>, privateKey: string): string {
  return sign(null, Buffer.from(canonicalJson(unsigned)), createPrivateKey(privateKey)).toString('base64');
}

export function verifyManifest(m: Manifest): boolean {
  const { signature, ...unsigned } = m;
  try {
    return verify(null, Buffer.from(canonicalJson(unsigned)), createPublicKey(m.publicKey), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
