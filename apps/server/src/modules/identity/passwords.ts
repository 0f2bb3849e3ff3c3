import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import argon2 from 'argon2';
import { AppError } from '../../platform/errors.js';

/** OWASP's argon2id parameters: m = 19 MiB, t = 2, p = 1. */
const PARAMS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
/** At most this many hashes at once, so a burst of sign-ins cannot exhaust memory or CPU. */
const MAX_CONCURRENT = 4;

let running = 0;
const waiting: (() => void)[] = [];
async function limited<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  if (!common) {
    const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data', 'common-passwords.txt');
    common = new Set(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean));
  }
  return common;
}

/** 8 to 128 characters and not one of the 20,000 most common passwords (SecLists). */
export function checkPasswordPolicy(password: string, field = 'password') {
  const length = [...password].length;
  if (length < 8)
    throw new AppError('IDENTITY.PASSWORD_TOO_SHORT', 400, `${field}: must be at least 8 characters`);
  if (length > 128)
    throw new AppError('IDENTITY.PASSWORD_TOO_LONG', 400, `${field}: must be at most 128 characters`);
  if (commonPasswords().has(password.toLowerCase())) {
    throw new AppError(
      'IDENTITY.PASSWORD_TOO_COMMON',
      400,
      `${field}: is one of the most common passwords; choose another`,
    );
  }
}

export function hashPassword(password: string): Promise<string> {
  return limited(() => argon2.hash(password, PARAMS));
}

// Verified against when the account does not exist, so both answers take the same time.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(hash: string | null | undefined, password: string): Promise<boolean> {
  dummyHash ??= argon2.hash(randomBytes(16).toString('hex'), PARAMS);
  const against = hash ?? (await dummyHash);
  return limited(async () => {
    try {
      const ok = await argon2.verify(against, password);
      return Boolean(hash) && ok;
    } catch {
      return false;
    }
  });
}
