/** Client-side checks that mirror the hub's (it has the last word: its errors land on the same fields). */

export const isEmail = (v: string) => /^\S+@\S+\.\S+$/.test(v.trim());

export const PASSWORD_HINT = 'At least 8 characters; not a common password.';

/** The hub's length rule; commonness is checked there. */
export function passwordProblem(v: string): string | null {
  if (!v) return 'Choose a password';
  if ([...v].length < 8) return 'Use at least 8 characters';
  if ([...v].length > 128) return 'Use at most 128 characters';
  return null;
}

/** For a "repeat the new password" field. */
export const matches = (other: string) => (v: string) => (v === other ? null : 'The passwords do not match');
