import type { TenantCtx } from '../../platform/context.js';
import { imageSources, mediaById } from '../cms/index.js';
import { getForm, parseFormPublicId } from '../crm/index.js';
import { blockRefs } from './blocks.js';
import type { RenderCtx } from './render-context.js';

/**
 * Looks up, in one query each, the media and the CRM forms that blocks (and the theme's logo, a
 * cover, an OpenGraph image) refer to, and adds them to the render context. A form is shown only
 * when its public id names this site's own tenant and the form is active.
 */
export async function loadRefs(
  ctx: TenantCtx,
  rc: RenderCtx,
  blocks: unknown,
  extraMedia: (string | null | undefined)[],
): Promise<void> {
  const refs = blockRefs(blocks);
  for (const id of extraMedia) if (id) refs.media.add(id);
  for (const id of [rc.site.theme.logoMediaId, rc.site.settings.ogImageMediaId])
    if (typeof id === 'string') refs.media.add(id);
  const media = [...refs.media].filter((id) => !rc.media.has(id));
  if (media.length) for (const [id, m] of await mediaById(ctx, media)) rc.media.set(id, imageSources(m));
  for (const publicId of refs.forms) {
    if (rc.forms.has(publicId)) continue;
    const parsed = parseFormPublicId(publicId);
    if (!parsed || parsed.tenantId !== ctx.tenantId) continue;
    const form = await getForm(ctx, parsed.formId).catch(() => undefined);
    if (!form?.active) continue;
    rc.forms.set(publicId, {
      publicId,
      name: form.name,
      submitUrl: form.submitUrl,
      thankYou: form.thankYou,
      consentText: form.consentText,
      fields: form.fields,
    });
  }
}
