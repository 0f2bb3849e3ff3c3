import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createVerifiedUser,
  inject,
  newEmail,
  PASSWORD,
  passwordGrant,
} from '../../server/test/auth-helpers.js';
import { type Console, pathOf, startConsole } from './harness.js';

let c: Console;
beforeAll(async () => {
  c = await startConsole();
}, 90_000);
afterAll(() => c?.close());

async function signIn(page: Page, email: string, password: string) {
  await page.getByRole('textbox', { name: /e-?mail/i }).fill(email);
  await page.getByLabel(/^password/i).fill(password);
  await page.getByRole('button', { name: /^sign in$/i }).click();
}

/** Signs in through the form and waits for the dashboard. */
async function signInFresh(email: string, password = PASSWORD) {
  const { page, context } = await c.newPage();
  await page.goto('/signin');
  await signIn(page, email, password);
  await page.waitForURL((u) => u.pathname === '/');
  return { page, context };
}

describe('account pages', () => {
  it('signs up, confirms the address from the mail, signs in and lands on the dashboard', async () => {
    const email = newEmail('signup');
    const { page, context } = await c.newPage();
    await page.goto('/signin');
    await page.getByRole('link', { name: /create an account/i }).click();
    await page.waitForURL(/\/signup$/);
    await page.getByRole('heading', { name: /create your account/i }).waitFor();
    // Too short a password is stopped next to the field, before the hub is asked.
    await page.getByLabel(/your name/i).fill('Asha Rao');
    await page.getByLabel(/e-?mail/i).fill(email);
    await page.getByLabel(/business or agency name/i).fill('Rao Bakery');
    await page.getByLabel(/^password/i).fill('short');
    await page.getByRole('button', { name: /create account/i }).click();
    await page
      .getByText(/at least 8 characters/i)
      .first()
      .waitFor();
    // A common password: the hub's answer lands on the password field.
    await page.getByLabel(/^password/i).fill('password123');
    await page.getByRole('button', { name: /create account/i }).click();
    await page.getByText(/most common passwords/i).waitFor();
    await page.getByLabel(/^password/i).fill(PASSWORD);
    await c.screenshot(page, 'signup');
    await page.getByRole('button', { name: /create account/i }).click();
    await page.getByRole('heading', { name: /check your inbox/i }).waitFor();
    await page.getByText(email).waitFor();
    await c.screenshot(page, 'signup-check-inbox');

    const mail = await c.smtp.waitFor(email, /confirm/i);
    const link = mail.links.find((l) => l.includes('verify-email'));
    expect(link).toBeTruthy();
    await page.goto(pathOf(link!));
    await page.waitForURL(/\/signin\?verified=1/);
    await page.getByText(/e-mail address confirmed/i).waitFor();
    await signIn(page, email, PASSWORD);
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByRole('button', { name: /tenant: rao bakery/i }).waitFor();
    // A used link says so on the sign-in page.
    await page.goto(pathOf(link!));
    await page.waitForURL(/\/signin\?verified=0/);
    await page.getByText(/that link did not work/i).waitFor();
    await context.close();
  }, 60_000);

  it('shows the sign-up page at phone width in the dark theme', async () => {
    const { page, context } = await c.newPage({ width: 390, height: 844, colorScheme: 'dark' });
    await page.goto('/signup');
    await page.getByRole('button', { name: /create account/i }).waitFor();
    const scheme = await page.evaluate(() => document.documentElement.dataset.mantineColorScheme);
    expect(scheme).toBe('dark');
    // Nothing wider than the phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await c.screenshot(page, 'signup-phone-dark');
    await context.close();
  }, 60_000);

  it('resets a forgotten password from the mailed link', async () => {
    const user = await createVerifiedUser(c.app);
    const { page, context } = await c.newPage();
    await page.goto('/signin');
    await page.getByRole('link', { name: /forgot your password/i }).click();
    await page.waitForURL(/\/forgot-password$/);
    // The URL changes before the lazily loaded page replaces the sign-in form.
    await page.getByRole('heading', { name: /forgot your password/i }).waitFor();
    await page.getByLabel(/e-?mail/i).fill(user.email);
    await page.getByRole('button', { name: /send the reset link/i }).click();
    await page.getByRole('heading', { name: /check your inbox/i }).waitFor();

    const mail = await c.smtp.waitFor(user.email, /reset/i);
    const link = mail.links.find((l) => l.includes('/reset-password?token='));
    expect(link).toBeTruthy();
    await page.goto(pathOf(link!));
    const newPassword = 'a brand new passphrase 77';
    await page.getByLabel(/^new password/i).fill(newPassword);
    await page.getByLabel(/repeat the new password/i).fill('something else entirely');
    await page.getByRole('button', { name: /set new password/i }).click();
    await page.getByText(/passwords do not match/i).waitFor();
    await page.getByLabel(/repeat the new password/i).fill(newPassword);
    await page.getByRole('button', { name: /set new password/i }).click();
    await page.getByRole('heading', { name: /password changed/i }).waitFor();

    // The link works once.
    await page.goto(pathOf(link!));
    await page.getByLabel(/^new password/i).fill('yet another passphrase 88');
    await page.getByLabel(/repeat the new password/i).fill('yet another passphrase 88');
    await page.getByRole('button', { name: /set new password/i }).click();
    await page.getByRole('heading', { name: /this link does not work/i }).waitFor();

    await page.goto('/signin');
    await signIn(page, user.email, newPassword);
    await page.waitForURL((u) => u.pathname === '/');
    await context.close();
  }, 60_000);

  it('changes the name on the profile, and it persists', async () => {
    const user = await createVerifiedUser(c.app);
    const { page, context } = await signInFresh(user.email);
    await page.getByRole('button', { name: /account menu/i }).click();
    await page.getByRole('menuitem', { name: /your profile/i }).click();
    await page.waitForURL(/\/profile$/);
    const name = page.getByLabel(/^name/i);
    await name.fill('');
    await page.getByRole('button', { name: /save profile/i }).click();
    await page.getByText(/enter your name/i).waitFor();
    await name.fill('Meera Iyer');
    await page.getByRole('button', { name: /save profile/i }).click();
    await page.getByText(/your profile is saved/i).waitFor();
    await page.reload();
    await expect.poll(() => page.getByLabel(/^name/i).inputValue()).toBe('Meera Iyer');
    await page.getByRole('button', { name: /account menu for meera iyer/i }).waitFor();
    await c.screenshot(page, 'profile');
    await context.close();
  }, 60_000);

  it('changes the password and says how many other sessions ended', async () => {
    const user = await createVerifiedUser(c.app);
    const other = await passwordGrant(c.app, user.email, user.password);
    const { page, context } = await signInFresh(user.email);
    await page.goto('/profile?tab=password');
    await page.getByLabel(/current password/i).fill('not my password at all');
    await page.getByLabel(/^new password/i).fill('a different passphrase 99');
    await page.getByLabel(/repeat the new password/i).fill('a different passphrase 99');
    await page.getByRole('button', { name: /^change password$/i }).click();
    await page.getByText(/is not correct/i).waitFor();

    await page.getByLabel(/current password/i).fill(user.password);
    await page.getByRole('button', { name: /^change password$/i }).click();
    await page.getByText(/1 other session was signed out/i).waitFor();
    await c.screenshot(page, 'profile-password');
    // The other session's token no longer works; this browser is still signed in.
    const res = await inject(c.app, {
      method: 'GET',
      url: '/api/brain/auth/me',
      headers: bearer(other.access_token),
    });
    expect(res.statusCode).toBe(401);
    await page.reload();
    await page.getByRole('heading', { name: /your profile/i }).waitFor();
    await context.close();
  }, 60_000);

  it('revokes another browser session; that browser is signed out on its next navigation', async () => {
    const user = await createVerifiedUser(c.app);
    const first = await signInFresh(user.email);
    const second = await signInFresh(user.email);
    const page = first.page;
    await page.goto('/profile');
    await page.getByRole('tab', { name: /sessions/i }).click();
    await page.waitForURL(/tab=sessions/);
    const cards = page.getByRole('listitem');
    await expect.poll(() => cards.count()).toBe(2);
    await c.screenshot(page, 'profile-sessions');
    const otherCard = cards.filter({ hasNotText: /this device/i });
    await otherCard.getByRole('button', { name: /sign out/i }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/that device has to sign in again/i).waitFor();
    await dialog.getByRole('button', { name: /^sign out$/i }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => cards.count()).toBe(1);
    await page.getByText(/no other devices/i).waitFor();

    await second.page.goto('/profile');
    await second.page.waitForURL(/\/signin\?next=/);
    // The first browser goes on.
    await page.reload();
    await page.getByRole('heading', { name: /active sessions/i }).waitFor();

    // Signing out the current session goes to the sign-in page.
    await page.getByRole('button', { name: /sign out of this device/i }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^sign out$/i })
      .click();
    await page.waitForURL(/\/signin/);
    await page.goto('/');
    await page.waitForURL(/\/signin\?next=/);
    await first.context.close();
    await second.context.close();
  }, 60_000);

  it('works at phone width in the dark theme and from the keyboard', async () => {
    const user = await createVerifiedUser(c.app);
    const other = await c.newPage();
    await other.page.goto('/signin');
    await signIn(other.page, user.email, user.password);
    await other.page.waitForURL((u) => u.pathname === '/');
    const { page, context } = await c.newPage({ width: 390, height: 844, colorScheme: 'dark' });
    await page.goto('/signin?next=%2Fprofile%3Ftab%3Dsessions');
    await signIn(page, user.email, user.password);
    await page.waitForURL(/\/profile\?tab=sessions$/);
    await page.getByText(/this device/i).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await c.screenshot(page, 'profile-sessions-phone-dark');

    // Keyboard only: focus the other session's sign-out button, open the dialog, cancel with Escape.
    const button = page
      .getByRole('listitem')
      .filter({ hasNotText: /this device/i })
      .getByRole('button');
    await button.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    expect(focused).toMatch(/sign out/i);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByRole('listitem').count()).toBe(2);
    await other.context.close();
    await context.close();
  }, 60_000);

  it('accepts an invitation as a new user and lands in the inviting tenant', async () => {
    const owner = await createVerifiedUser(c.app);
    const { access_token } = await passwordGrant(c.app, owner.email, owner.password);
    const email = newEmail('invitee');
    const res = await inject(c.app, {
      method: 'POST',
      url: '/api/brain/identity/invitations',
      headers: bearer(access_token),
      payload: { email, role: 'member' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const mail = await c.smtp.waitFor(email, /invited/i);
    const link = mail.links.find((l) => l.includes('/accept-invitation?token='));
    expect(link).toBeTruthy();

    const { page, context } = await c.newPage({ width: 390, height: 844 });
    await page.goto(pathOf(link!));
    await page.getByRole('heading', { name: /^join /i }).waitFor();
    await page.getByText(email).first().waitFor();
    await page.getByLabel(/your name/i).fill('Ravi Kumar');
    await page.getByLabel(/choose a password/i).fill(PASSWORD);
    await c.screenshot(page, 'accept-invitation-phone');
    await page.getByRole('button', { name: /create account and join/i }).click();
    await page.waitForURL((u) => u.pathname === '/');
    const me = await page.evaluate(() => fetch('/api/brain/auth/me').then((r) => r.json()));
    expect(me.activeTenant.tenantId).toBe(owner.tenantId);
    expect(me.role).toBe('member');

    // The link is used up now.
    await page.goto(pathOf(link!));
    await page.getByRole('heading', { name: /this invitation does not work/i }).waitFor();
    await context.close();
  }, 60_000);

  it('accepts an invitation in one click when already signed in as the invited address', async () => {
    const owner = await createVerifiedUser(c.app);
    const invitee = await createVerifiedUser(c.app);
    const { access_token } = await passwordGrant(c.app, owner.email, owner.password);
    const res = await inject(c.app, {
      method: 'POST',
      url: '/api/brain/identity/invitations',
      headers: bearer(access_token),
      payload: { email: invitee.email, role: 'viewer' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const mail = await c.smtp.waitFor(invitee.email, /invited/i);
    const link = mail.links.find((l) => l.includes('/accept-invitation?token='))!;

    const { page, context } = await signInFresh(invitee.email);
    await page.goto(pathOf(link));
    await page.getByText(/you are signed in as/i).waitFor();
    expect(await page.getByLabel(/password/i).count()).toBe(0);
    await page.getByRole('button', { name: /^join /i }).click();
    await page.waitForURL((u) => u.pathname === '/');
    const me = await page.evaluate(() => fetch('/api/brain/auth/me').then((r) => r.json()));
    expect(me.activeTenant.tenantId).toBe(owner.tenantId);
    expect(me.role).toBe('viewer');
    expect(me.memberships).toHaveLength(2);
    await context.close();
  }, 60_000);
});
