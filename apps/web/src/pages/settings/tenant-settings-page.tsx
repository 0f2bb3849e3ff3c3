import { Alert, Avatar, Button, Card, ColorInput, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { applyApiErrors } from '../../api/form-errors';
import { can, useMe } from '../../auth/session';
import { CardSkeleton } from '../../components/card-skeleton';
import { FormError } from '../../components/form-error';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { type TenantDetail, tenantQuery } from './identity-api';

interface Values {
  name: string;
  settings: { logoUrl: string; brandColor: string; customDomain: string };
}

const valuesOf = (t: TenantDetail): Values => ({
  name: t.name,
  settings: {
    logoUrl: t.settings.logoUrl ?? '',
    brandColor: t.settings.brandColor ?? '',
    customDomain: t.settings.customDomain ?? '',
  },
});

/** Name, logo, brand colour and custom domain of the active tenant; the hub's field errors beside the fields. */
export function TenantSettingsPage() {
  const me = useMe();
  const tenant = useQuery(tenantQuery);
  const canEdit = can(me, 'identity:admin');
  return (
    <>
      <PageHeader
        title="Tenant settings"
        description="The name and branding people see in this tenant, and the domain it answers on."
      />
      {tenant.isPending ? (
        <CardSkeleton lines={5} />
      ) : tenant.isError ? (
        <QueryError error={tenant.error} onRetry={() => tenant.refetch()} />
      ) : (
        <TenantForm tenant={tenant.data} canEdit={canEdit} />
      )}
    </>
  );
}

function TenantForm({ tenant, canEdit }: { tenant: TenantDetail; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string>();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: valuesOf(tenant),
    validate: {
      name: (v) => (v.trim() ? null : 'The tenant needs a name'),
      settings: {
        logoUrl: (v) =>
          !v || /^https?:\/\/\S+$/.test(v) ? null : 'Enter a full address starting with https://',
        brandColor: (v) => (!v || /^#[0-9a-fA-F]{6}$/.test(v) ? null : 'Use a colour like #1c7ed6'),
      },
    },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the saved tenant changes
  useEffect(() => {
    form.setInitialValues(valuesOf(tenant));
    form.setValues(valuesOf(tenant));
  }, [tenant]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      // Empty settings are left out: the hub keeps what was there.
      const settings = Object.fromEntries(Object.entries(v.settings).filter(([, x]) => x.trim()));
      return unwrap(
        api.PATCH('/api/brain/identity/tenant', {
          body: { name: v.name.trim(), settings: { ...settings, ...lower(settings.customDomain) } },
        }),
      );
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(tenantQuery.queryKey, saved);
      notifications.show({ message: 'Tenant settings saved', color: 'teal' });
      // The name shows in the tenant switcher.
      await queryClient.invalidateQueries({ queryKey: ['auth', 'me'] });
    },
    onError: (err) => setFormError(applyApiErrors(form, err)),
  });

  const { logoUrl, brandColor } = form.getValues().settings;
  return (
    <Card withBorder padding="lg" maw={720}>
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          setFormError(undefined);
          save.mutate(v);
        })}
      >
        <Stack>
          {!canEdit && (
            <Alert variant="light" icon={<IconLock aria-hidden />}>
              Only owners and admins can change these settings.
            </Alert>
          )}
          <FormError message={formError} title="The settings were not saved" />
          <TextInput label="Name" required disabled={!canEdit} {...form.getInputProps('name')} />
          <Group align="flex-start" gap="sm" wrap="nowrap">
            <TextInput
              label="Logo URL"
              description="An image on https, shown in the header and in e-mails."
              placeholder="https://example.com/logo.png"
              disabled={!canEdit}
              style={{ flex: 1 }}
              {...form.getInputProps('settings.logoUrl')}
            />
            <Avatar
              src={logoUrl || null}
              size={56}
              radius="md"
              mt={24}
              alt="Logo preview"
              color={brandColor || 'blue'}
            >
              {tenant.name.slice(0, 2).toUpperCase()}
            </Avatar>
          </Group>
          <ColorInput
            label="Brand colour"
            description="Used for buttons and links in this tenant's pages and e-mails."
            placeholder="#1c7ed6"
            format="hex"
            disabled={!canEdit}
            swatches={['#1c7ed6', '#0ca678', '#f59f00', '#e03131', '#7048e8', '#212529']}
            maw={320}
            {...form.getInputProps('settings.brandColor')}
          />
          <TextInput
            label="Custom domain"
            description="Point a CNAME record at the platform, then enter the name here, e.g. app.example.com."
            placeholder="app.example.com"
            disabled={!canEdit}
            {...form.getInputProps('settings.customDomain')}
          />
          <Text size="xs" c="dimmed">
            Slug: {tenant.slug} · Kind: {tenant.kind} · Status: {tenant.status}
          </Text>
          {canEdit && (
            <Group justify="flex-end">
              <Button variant="default" onClick={() => form.reset()} disabled={!form.isDirty()}>
                Undo changes
              </Button>
              <Button type="submit" loading={save.isPending}>
                Save settings
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Card>
  );
}

const lower = (domain?: string) => (domain ? { customDomain: domain.trim().toLowerCase() } : {});
