import { hash, verify } from '@node-rs/argon2';

/** argon2id with the OWASP Password Storage Cheat Sheet's first configuration (19 MiB, 2 passes). */
const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, ARGON2ID);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Checked against when the account is unknown, so both cases cost the same time. */
let decoy: Promise<string> | undefined;
export async function spendVerificationTime(password: string): Promise<void> {
  decoy ??= hashPassword('vigie-decoy-password');
  await verifyPassword(await decoy, password);
}
