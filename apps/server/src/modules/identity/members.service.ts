import { sql } from 'drizzle-orm';
import type { Role } from '../../platform/access.js';
import type { Ctx, TenantCtx } from '../../platform/context.js';
import { exec, withTenant } from '../../platform/db/tenant.js';
import { AppError } from '../../platform/errors.js';
import type { Hub } from '../../platform/hub.js';
import { uuidv7 } from '../../platform/ids.js';
import { enqueueMail } from '../../platform/mail.js';
import { audit } from './audit.service.js';
import { memberChangedKey } from './authn.js';
import { randomToken, sha256 } from './tokens.js';

export type Member = {
  id: string;
  userId: string;
  email: string;
  name: string;
  role: Role;
  source: 'direct' | 'agency';
  createdAt: string;
};

const memberCols = sql`m.id, m.user_id as "userId", u.email::text as email, u.name, m.role, m.source, m.created_at as "createdAt"`;

export async function listMembers(ctx: TenantCtx): Promise<Member[]> {
  const { rows } = await exec<Member>(
    ctx.tx,
    sql`select ${memberCols}
    from identity.memberships m join identity.users u on u.id = m.user_id order by u.name`,
  );
  return rows;
}

async function getMember(ctx: TenantCtx, id: string, lock = false): Promise<Member> {
  const { rows } = await exec<Member>(
    ctx.tx,
    sql`select ${memberCols}
    from identity.memberships m join identity.users u on u.id = m.user_id where m.id = ${id}
    ${lock ? sql`for update of m` : sql``}`,
  );
  if (!rows[0]) throw new AppError('IDENTITY.MEMBER_NOT_FOUND', 404, `Member ${id} was not found`);
  return rows[0];
}

function actorRole(ctx: Ctx): Role | null {
  return ctx.actor.kind === 'user' ? ctx.actor.role : null;
}

/** Only an owner may make or unmake owners; the last owner can be neither demoted nor removed. */
async function guardOwners(ctx: TenantCtx, member: Member, nextRole: Role | null) {
  const touchesOwner = member.role === 'owner' || nextRole === 'owner';
  if (touchesOwner && actorRole(ctx) !== 'owner' && !(ctx.actor.kind === 'user' && ctx.actor.operator)) {
    throw new AppError('IDENTITY.OWNER_REQUIRED', 403, 'Only an owner can change who is an owner');
  }
  if (member.role === 'owner' && nextRole !== 'owner') {
    // Lock the owners so two concurrent demotions cannot both pass the check.
    const { rows } = await exec<{ n: number }>(
      ctx.tx,
      sql`select count(*)::int as n from (select 1 from identity.memberships where role = 'owner' for update) o`,
    );
    if (rows[0]!.n <= 1)
      throw new AppError(
        'IDENTITY.LAST_OWNER',
        409,
        'The last owner cannot be removed or demoted; make someone else owner first',
      );
  }
}

async function markChanged(hub: Hub, tenantId: string, userId: string) {
  await hub.cache.set(
    memberChangedKey(tenantId, userId),
    String(Date.now() / 1000),
    hub.config.ACCESS_TOKEN_TTL_SECONDS,
  );
}

export async function changeRole(hub: Hub, ctx: TenantCtx, id: string, role: Role): Promise<Member> {
  const member = await getMember(ctx, id, true);
  if (member.role === role) return member;
  await guardOwners(ctx, member, role);
  await exec(
    ctx.tx,
    sql`update identity.memberships set role = ${role}, updated_at = now() where id = ${id}`,
  );
  await audit(ctx, 'member.role_changed', {
    targetType: 'user',
    targetId: member.userId,
    data: { email: member.email, from: member.role, to: role },
  });
  await markChanged(hub, ctx.tenantId, member.userId);
  return { ...member, role };
}

export async function removeMember(hub: Hub, ctx: TenantCtx, id: string) {
  const member = await getMember(ctx, id, true);
  await guardOwners(ctx, member, null);
  await exec(ctx.tx, sql`delete from identity.memberships where id = ${id}`);
  await audit(ctx, 'member.removed', {
    targetType: 'user',
    targetId: member.userId,
    data: { email: member.email, role: member.role },
  });
  await markChanged(hub, ctx.tenantId, member.userId);
  // Leaving an agency also ends the access it gave to its clients.
  const { rows } = await hub.db.admin.query(
    `delete from identity.memberships m using identity.tenants t
     where m.tenant_id = t.id and t.parent_id = $1 and m.user_id = $2 and m.source = 'agency' returning m.tenant_id`,
    [ctx.tenantId, member.userId],
  );
  for (const r of rows) await markChanged(hub, r.tenant_id, member.userId);
}

export type Invitation = {
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
  createdAt: string;
  status: 'pending' | 'accepted' | 'revoked' | 'expired';
};

const invitationCols = sql`id, email::text as email, role, expires_at as "expiresAt", created_at as "createdAt",
  case when accepted_at is not null then 'accepted' when revoked_at is not null then 'revoked'
       when expires_at < now() then 'expired' else 'pending' end as status`;

export async function invite(hub: Hub, ctx: TenantCtx, input: { email: string; role: Role }) {
  if (input.role === 'owner' && actorRole(ctx) !== 'owner') {
    throw new AppError('IDENTITY.OWNER_REQUIRED', 403, 'role: only an owner can invite an owner');
  }
  const email = input.email.trim().toLowerCase();
  const already = await exec(
    ctx.tx,
    sql`select 1 from identity.memberships m join identity.users u on u.id = m.user_id where u.email = ${email}`,
  );
  if (already.rows.length)
    throw new AppError('IDENTITY.ALREADY_MEMBER', 409, `email: ${email} is already a member`);
  // Self-locating, like API keys: the tenant is in the token, so the lookup is by (tenant, hash).
  const token = `${Buffer.from(ctx.tenantId.replace(/-/g, ''), 'hex').toString('base64url')}.${randomToken()}`;
  const id = uuidv7();
  const { rows } = await exec<Invitation>(
    ctx.tx,
    sql`
    insert into identity.invitations (tenant_id, id, email, role, token_hash, invited_by, expires_at)
    values (${ctx.tenantId}, ${id}, ${email}, ${input.role}, ${sha256(token)},
      ${ctx.actor.kind === 'user' ? ctx.actor.userId : null}, now() + interval '7 days')
    on conflict (tenant_id, email) where accepted_at is null and revoked_at is null do nothing
    returning ${invitationCols}`,
  );
  if (!rows[0])
    throw new AppError(
      'IDENTITY.INVITATION_PENDING',
      409,
      `email: ${email} already has a pending invitation`,
    );
  const { rows: t } = await exec<{ name: string }>(
    ctx.tx,
    sql`select name from identity.tenants where id = ${ctx.tenantId}`,
  );
  const inviter = ctx.actor.kind === 'user' ? ctx.actor.email : 'An administrator';
  await enqueueMail(ctx.tx, {
    to: email,
    subject: `You are invited to ${t[0]?.name ?? 'a workspace'} on BizOSaaS`,
    text: `${inviter} invited you to join ${t[0]?.name} as ${input.role}.\n\nAccept the invitation:\n${hub.config.PUBLIC_URL}/accept-invitation?token=${token}\n\nThe link works for 7 days.`,
  });
  await audit(ctx, 'invitation.created', {
    targetType: 'invitation',
    targetId: id,
    data: { email, role: input.role },
  });
  return { ...rows[0], token };
}

export async function listInvitations(ctx: TenantCtx): Promise<Invitation[]> {
  const { rows } = await exec<Invitation>(
    ctx.tx,
    sql`select ${invitationCols} from identity.invitations order by created_at desc`,
  );
  return rows;
}

export async function revokeInvitation(ctx: TenantCtx, id: string) {
  const { rows } = await exec(
    ctx.tx,
    sql`update identity.invitations set revoked_at = now()
    where id = ${id} and accepted_at is null and revoked_at is null returning email`,
  );
  if (!rows[0])
    throw new AppError(
      'IDENTITY.INVITATION_NOT_FOUND',
      404,
      `Invitation ${id} was not found or is no longer pending`,
    );
  await audit(ctx, 'invitation.revoked', {
    targetType: 'invitation',
    targetId: id,
    data: { email: rows[0].email },
  });
}

/** Finds a pending invitation by its token (which names its tenant). */
export async function findInvitation(hub: Hub, token: string) {
  const tenantPart = Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('hex');
  const tenantId =
    tenantPart.length === 32
      ? tenantPart.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5')
      : null;
  const { rows } = await hub.db.admin.query(
    `select i.tenant_id as "tenantId", i.id, i.email::text as email, i.role, t.name as "tenantName"
     from identity.invitations i join identity.tenants t on t.id = i.tenant_id
     where i.tenant_id = $2 and i.token_hash = $1 and i.accepted_at is null and i.revoked_at is null and i.expires_at > now()`,
    [sha256(token), tenantId],
  );
  if (!rows[0])
    throw new AppError(
      'IDENTITY.INVITATION_INVALID',
      400,
      'token: the invitation is invalid, expired, revoked or already used',
    );
  return rows[0] as { tenantId: string; id: string; email: string; role: Role; tenantName: string };
}

export async function acceptInvitation(
  base: Ctx,
  invitation: Awaited<ReturnType<typeof findInvitation>>,
  user: { id: string; email: string },
) {
  await withTenant({ ...base, tenantId: invitation.tenantId, tx: undefined }, async (ctx) => {
    const { rowCount } = await exec(
      ctx.tx,
      sql`update identity.invitations set accepted_at = now()
      where id = ${invitation.id} and accepted_at is null and revoked_at is null`,
    );
    if (!rowCount)
      throw new AppError('IDENTITY.INVITATION_INVALID', 400, 'token: the invitation was already used');
    await exec(
      ctx.tx,
      sql`insert into identity.memberships (tenant_id, id, user_id, role)
      values (${ctx.tenantId}, ${uuidv7()}, ${user.id}, ${invitation.role})
      on conflict (tenant_id, user_id) do update set role = excluded.role, source = 'direct', updated_at = now()`,
    );
    await audit(ctx, 'invitation.accepted', {
      targetType: 'invitation',
      targetId: invitation.id,
      data: { email: user.email, role: invitation.role },
      actor: { kind: 'user', id: user.id, email: user.email },
    });
  });
}

/** Active members of the transaction's tenant, optionally only these users or roles (for other modules). */
export async function activeMembers(
  ctx: TenantCtx,
  f: { userIds?: string[]; roles?: Role[] } = {},
): Promise<{ userId: string; email: string; name: string; role: Role }[]> {
  const { rows } = await exec<{ userId: string; email: string; name: string; role: Role }>(
    ctx.tx,
    sql`select u.id as "userId", u.email::text as email, u.name, m.role
      from identity.memberships m join identity.users u on u.id = m.user_id
      where u.status = 'active'
        and (${f.userIds ? JSON.stringify(f.userIds) : null}::jsonb is null or u.id::text in (select jsonb_array_elements_text(${f.userIds ? JSON.stringify(f.userIds) : null}::jsonb)))
        and (${f.roles ? JSON.stringify(f.roles) : null}::jsonb is null or m.role in (select jsonb_array_elements_text(${f.roles ? JSON.stringify(f.roles) : null}::jsonb)))
      order by u.email`,
  );
  return rows;
}
