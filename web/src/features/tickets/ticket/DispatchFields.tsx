// Dispatch: the rotation's pick is preselected and labelled; the desk may
// choose another engineer (who is busy shows) and sets the appointment.
import { DatePicker, Form } from 'antd';
import dayjs from 'dayjs';
import { useQuery } from 'urql';
import { useT } from '../../../app/i18n';
import { PageLoading } from '../../../app/PageLoading';
import { DispatchEngineersDocument, type TicketFullFragment } from '../../../gql/graphql';
import { EngineerSelect } from './EngineerSelect';
import { ticketMessages } from './messages';

export function DispatchFields({ ticket }: { ticket: TicketFullFragment }) {
  const t = useT(ticketMessages);
  const [{ data, fetching }] = useQuery({ query: DispatchEngineersDocument, variables: { ticketId: ticket.id } });
  // The field mounts once the suggestion is known, so it starts on the rotation's pick.
  if (fetching && !data) return <PageLoading />;
  const suggestionId = data?.dispatchSuggestion?.id ?? null;
  return (
    <>
      {/* The rotation's pick, so that keeping it dispatches by the rotation (which then moves on). */}
      <Form.Item name="suggestedEngineerId" initialValue={suggestionId} hidden>
        <input type="hidden" />
      </Form.Item>
      <Form.Item name="engineerId" label={t('dispatchEngineer')} extra={t('rotationDefault')} initialValue={suggestionId}>
        <EngineerSelect
          testId="dispatch-engineer"
          engineers={data?.engineers.nodes ?? []}
          suggestionId={suggestionId}
          placeholder={t('rotationDefault')}
        />
      </Form.Item>
      <Form.Item
        name="appointment"
        label={t('appointmentAt')}
        rules={[{ required: true, message: t('required') }]}
        // A proposal to agree with the customer: the next whole hour.
        initialValue={dayjs().add(1, 'hour').startOf('hour')}
      >
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          // The API takes any date; an appointment in the past is a slip.
          disabledDate={(day) => day.isBefore(dayjs().startOf('day'))}
          style={{ width: '100%' }}
          data-testid="dispatch-appointment"
        />
      </Form.Item>
    </>
  );
}
