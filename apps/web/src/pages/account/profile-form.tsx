import {
  Badge,
  Button,
  Card,
  Group,
  Input,
  type MantineColorScheme,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
  useMantineColorScheme,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { applyApiErrors } from '../../api/form-errors';
import { meQuery, useMe } from '../../auth/session';
import { FormError } from '../../components/form-error';
import { browserLocale, browserTimeZone, localeOptions, timeZoneOptions } from './preferences';

type Theme = 'light' | 'dark' | 'auto';
const SETTING_FIELDS = {
  'settings.theme': 'theme',
  'settings.locale': 'locale',
  'settings.timezone': 'timezone',
};
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** Name and personal settings (theme, locale, time zone): PATCH /auth/profile. */
export function ProfileForm() {
  const me = useMe();
  const queryClient = useQueryClient();
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  const [formError, setFormError] = useState<string>();
  const s = me.user.settings;
  const initial = {
    name: me.user.name,
    theme: (str(s.theme) ?? colorScheme) as Theme,
    locale: str(s.locale) ?? browserLocale(),
    timezone: str(s.timezone) ?? browserTimeZone(),
  };
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: initial,
    validate: { name: (v) => (v.trim() ? null : 'Enter your name') },
  });
  const locales = useMemo(() => localeOptions(initial.locale), [initial.locale]);
  const zones = useMemo(() => timeZoneOptions(initial.timezone), [initial.timezone]);

  const save = useMutation({
    mutationFn: (v: typeof initial) =>
      unwrap(
        api.PATCH('/api/brain/auth/profile', {
          body: { name: v.name.trim(), settings: { theme: v.theme, locale: v.locale, timezone: v.timezone } },
        }),
      ),
    onSuccess: async (_r, v) => {
      setColorScheme(v.theme as MantineColorScheme);
      await queryClient.invalidateQueries({ queryKey: meQuery.queryKey });
      form.resetDirty({ ...v, name: v.name.trim() });
      notifications.show({ message: 'Your profile is saved', color: 'teal' });
    },
    onError: (err) => setFormError(applyApiErrors(form, err, SETTING_FIELDS)),
  });

  const submit = form.onSubmit((v) => {
    setFormError(undefined);
    save.mutate(v);
  });

  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-labelledby="profile-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={2} size="h4" id="profile-heading">
            About you
          </Title>
          <FormError message={formError} title="Could not save your profile" />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label="Name"
              autoComplete="name"
              required
              key={form.key('name')}
              {...form.getInputProps('name')}
            />
            <Input.Wrapper label="E-mail address" labelElement="div">
              <Group gap="xs" mih={36} wrap="nowrap">
                <Text size="sm" truncate title={me.user.email} style={{ minWidth: 0 }}>
                  {me.user.email}
                </Text>
                <Badge
                  color={me.user.emailVerified ? 'teal' : 'yellow'}
                  variant="light"
                  size="sm"
                  style={{ flexShrink: 0 }}
                >
                  {me.user.emailVerified ? 'Confirmed' : 'Not confirmed'}
                </Badge>
              </Group>
            </Input.Wrapper>
          </SimpleGrid>
          <Input.Wrapper
            label="Theme"
            labelElement="div"
            labelProps={{ id: 'profile-theme-label' }}
            description="Auto follows your device's setting."
            inputWrapperOrder={['label', 'input', 'description']}
          >
            <SegmentedControl
              aria-labelledby="profile-theme-label"
              display="flex"
              maw={360}
              data={[
                { value: 'light', label: 'Light' },
                { value: 'dark', label: 'Dark' },
                { value: 'auto', label: 'Auto' },
              ]}
              key={form.key('theme')}
              defaultValue={initial.theme}
              onChange={(v) => form.setFieldValue('theme', v as Theme)}
            />
          </Input.Wrapper>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Select
              label="Language and region"
              description="How dates and numbers are written"
              data={locales}
              searchable
              allowDeselect={false}
              key={form.key('locale')}
              {...form.getInputProps('locale')}
            />
            <Select
              label="Time zone"
              description="Times in the console are shown in this zone"
              data={zones}
              searchable
              limit={100}
              allowDeselect={false}
              nothingFoundMessage="No time zone by that name"
              key={form.key('timezone')}
              {...form.getInputProps('timezone')}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              Save profile
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
