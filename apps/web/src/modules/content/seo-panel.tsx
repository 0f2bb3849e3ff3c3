import { Card, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import type { PageContent, PageKind, Seo } from './api';
import { MediaField } from './media-picker';

/** SEO (title, description, canonical URL, OpenGraph image) and, for posts, excerpt and cover image. */
export function SeoPanel({
  content,
  kind,
  errors,
  onChange,
}: {
  content: PageContent;
  kind: PageKind;
  errors: Record<string, string>;
  onChange: (c: PageContent) => void;
}) {
  const seo = content.seo ?? {};
  const setSeo = (patch: Partial<Seo>) => onChange({ ...content, seo: { ...seo, ...patch } });
  const description = seo.description ?? '';
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Title order={2} size="h5">
          SEO and sharing
        </Title>
        <TextInput
          label="SEO title"
          placeholder={content.title}
          value={seo.title ?? ''}
          error={errors['seo.title']}
          onChange={(e) => setSeo({ title: e.currentTarget.value })}
        />
        <Textarea
          label="Meta description"
          autosize
          minRows={2}
          value={description}
          error={errors['seo.description']}
          description={`${description.length} characters; search engines show about 155`}
          onChange={(e) => setSeo({ description: e.currentTarget.value })}
        />
        <TextInput
          label="Canonical URL"
          placeholder="https://example.com/page"
          value={seo.canonicalUrl ?? ''}
          error={errors['seo.canonicalUrl']}
          onChange={(e) => setSeo({ canonicalUrl: e.currentTarget.value })}
        />
        <MediaField
          label="OpenGraph image"
          value={seo.ogImageMediaId}
          onChange={(m) => setSeo({ ogImageMediaId: m?.id })}
        />
        {errors['seo.ogImageMediaId'] && (
          <Text size="xs" c="red">
            {errors['seo.ogImageMediaId']}
          </Text>
        )}
        {kind === 'post' && (
          <>
            <Textarea
              label="Excerpt"
              description="Shown in the blog list and the RSS feed"
              autosize
              minRows={2}
              value={content.excerpt ?? ''}
              error={errors.excerpt}
              onChange={(e) => onChange({ ...content, excerpt: e.currentTarget.value })}
            />
            <MediaField
              label="Cover image"
              value={content.coverMediaId}
              onChange={(m) => onChange({ ...content, coverMediaId: m?.id })}
            />
          </>
        )}
      </Stack>
    </Card>
  );
}

/** The content as the hub wants it: empty optional strings left out. */
export function cleanSeo(seo: Seo): Seo {
  const out: Seo = {};
  for (const [k, v] of Object.entries(seo ?? {}))
    if (typeof v === 'string' && v.trim()) out[k as keyof Seo] = v.trim();
  return out;
}
