import type { paths } from '../../api/client';

type Ok<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: { content: { 'application/json': infer J } } } };
}
  ? J
  : never;

export type OperatorTenant = Ok<'/api/brain/identity/operator/tenants'>['items'][number];
export type OperatorUser = Ok<'/api/brain/identity/operator/users'>['items'][number];
export type Job = Ok<'/api/brain/platform/jobs'>['items'][number];
export type JobState = Job['state'];
export type Mail = Ok<'/api/brain/platform/mail'>['items'][number];
