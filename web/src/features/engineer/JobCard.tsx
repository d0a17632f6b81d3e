// One job on the engineer's list: what to know before driving there, and the
// phone number to call on the way.
import { CalendarOutlined, EnvironmentOutlined, PhoneOutlined } from '@ant-design/icons';
import { Card, Flex, Typography } from 'antd';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import { useT } from '../../app/i18n';
import { TicketStatusTag } from '../../components/TicketStatusTag';
import { JobCountdown } from './JobCountdown';
import { engineerMessages } from './messages';
import type { Job } from './outbox';

export function addressOf(job: Job): string | null {
  const customer = job.customer;
  if (!customer) return null;
  const address = customer.address ?? '';
  // The province is often already the start of the address.
  return address.startsWith(customer.province) ? address || null : [customer.province, address].filter(Boolean).join(' ');
}

export function phoneOf(job: Job): string | null {
  return job.contactPhone ?? job.customer?.phone ?? null;
}

export function JobCard({ job }: { job: Job }) {
  const navigate = useNavigate();
  const t = useT(engineerMessages);
  const address = addressOf(job);
  const distanceKm = job.customer?.distanceKm;
  const phone = phoneOf(job);
  return (
    <Card
      size="small"
      hoverable
      data-testid="job-card"
      data-ticket={job.number}
      onClick={() => navigate(`/my/jobs/${job.id}`)}
    >
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text strong style={{ fontSize: 16 }}>
          {job.number}
        </Typography.Text>
        <TicketStatusTag status={job.status} />
      </Flex>
      <Flex vertical gap={4} style={{ marginTop: 8 }}>
        <Typography.Text strong>{job.customer?.name}</Typography.Text>
        {job.appointmentAt && (
          <Typography.Text>
            <CalendarOutlined /> {t('appointmentAt', { time: dayjs(job.appointmentAt).format('MM-DD HH:mm') })}
          </Typography.Text>
        )}
        {address && (
          <Typography.Text type="secondary">
            <EnvironmentOutlined /> {address}
            {distanceKm != null && ` · ${t('distance', { km: distanceKm })}`}
          </Typography.Text>
        )}
        {phone && (
          <a href={`tel:${phone}`} onClick={(event) => event.stopPropagation()} style={{ alignSelf: 'flex-start' }}>
            <PhoneOutlined /> {job.contactName ? `${job.contactName} ` : ''}
            {phone}
          </a>
        )}
        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
          {job.faultDescription}
        </Typography.Paragraph>
        <div>
          <JobCountdown job={job} />
        </div>
      </Flex>
    </Card>
  );
}
