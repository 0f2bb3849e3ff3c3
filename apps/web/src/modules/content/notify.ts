import { type NotificationData, notifications } from '@mantine/notifications';

/**
 * Notifications of the content pages, at the bottom right: the editor's save and publish buttons
 * sit at the top right, where the console's notifications would cover them.
 */
export const notify = (n: NotificationData) => notifications.show({ position: 'bottom-right', ...n });
