import { queryOptions } from '@tanstack/react-query';
import { api, type paths, unwrap } from '../../api/client';

type Json<P extends keyof paths, M extends 'get' | 'post' | 'patch'> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: { content: { 'application/json': infer J } } }
    ? J
    : R extends { 201: { content: { 'application/json': infer J } } }
      ? J
      : never
  : never;

export type Member = Json<'/api/brain/identity/members', 'get'>['items'][number];
export type Invitation = Json<'/api/brain/identity/invitations', 'get'>['items'][number];
export type Client = Json<'/api/brain/identity/clients', 'get'>['items'][number];
export type ApiKey = Json<'/api/brain/identity/api-keys', 'get'>['items'][number];
export type CreatedApiKey = Json<'/api/brain/identity/api-keys', 'post'>;
export type AuditEntry = Json<'/api/brain/identity/audit', 'get'>['items'][number];
export type TenantDetail = Json<'/api/brain/identity/tenant', 'get'>;
export type Role = Member['role'];

export const membersQuery = queryOptions({
  queryKey: ['identity', 'members'],
  queryFn: () => unwrap(api.GET('/api/brain/identity/members')),
});

export const invitationsQuery = queryOptions({
  queryKey: ['identity', 'invitations'],
  queryFn: () => unwrap(api.GET('/api/brain/identity/invitations')),
});

export const clientsQuery = queryOptions({
  queryKey: ['identity', 'clients'],
  queryFn: () => unwrap(api.GET('/api/brain/identity/clients')),
});

export const apiKeysQuery = queryOptions({
  queryKey: ['identity', 'api-keys'],
  queryFn: () => unwrap(api.GET('/api/brain/identity/api-keys')),
});

export const tenantQuery = queryOptions({
  queryKey: ['identity', 'tenant'],
  queryFn: () => unwrap(api.GET('/api/brain/identity/tenant')),
});

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  member: 'Member',
  viewer: 'Viewer',
};

export const ROLE_HINTS: Record<Role, string> = {
  owner: 'everything, including owners and billing',
  admin: 'everything except owners',
  member: 'works in the modules, reads settings',
  viewer: 'reads only',
};
