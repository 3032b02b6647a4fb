/** Notifications module: in-app notices to users, written by other modules in their own transactions. */
export { dispatchMailCopies, type MailCopies, mailCopies } from './notification-mail';
export { registerNotificationRoutes } from './notifications.routes';
export { type NotifyInput, notify, notifyMany } from './notifications.service';
export { repointNotifications } from './repoint-notifications';
