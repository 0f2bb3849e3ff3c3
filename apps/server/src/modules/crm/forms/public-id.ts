const hex = (uuid: string) => Buffer.from(uuid.replace(/-/g, ''), 'hex');
const uuid = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

/**
 * `frm_<tenant id and form id, base64url, 43 chars>`: the public name of a form. It carries its
 * tenant, so the public submit endpoint opens a transaction for that tenant and looks the form
 * up under row-level security; a forged tenant part finds nothing (decision 0008).
 */
export function formatFormPublicId(tenantId: string, formId: string) {
  return `frm_${Buffer.concat([hex(tenantId), hex(formId)]).toString('base64url')}`;
}

export function parseFormPublicId(id: string): { tenantId: string; formId: string } | undefined {
  const m = /^frm_([A-Za-z0-9_-]{43})$/.exec(id);
  if (!m) return undefined;
  const ids = Buffer.from(m[1]!, 'base64url');
  if (ids.length !== 32) return undefined;
  return { tenantId: uuid(ids.subarray(0, 16)), formId: uuid(ids.subarray(16)) };
}
