// Words for the outbox's states and channels, in both languages.
import type { NotificationChannel, NotificationStatus } from '../../../gql/enums';

export const NOTIFICATION_STATUS: Record<NotificationStatus, [zh: string, en: string]> = {
  PENDING: ['等待发送', 'Pending'],
  SENDING: ['发送中', 'Sending'],
  SENT: ['已发送', 'Sent'],
  DEAD: ['发送失败（死信）', 'Dead'],
  CANCELLED: ['已取消', 'Cancelled'],
};

export const NOTIFICATION_CHANNEL: Record<NotificationChannel, [zh: string, en: string]> = {
  EMAIL: ['邮件', 'E-mail'],
  SMS: ['短信', 'SMS'],
};

export const STATUS_COLOR: Record<NotificationStatus, string> = {
  PENDING: 'default',
  SENDING: 'processing',
  SENT: 'success',
  DEAD: 'error',
  CANCELLED: 'default',
};
