import { describe, expect, it } from 'vitest';
import { Field } from './field';
import { applyAction, flush, withOutbox, type Job, type OutboxAction, type OutboxItem, type SendResult } from './outbox';
import { memoryStore } from './store';

function job(id: string, version: number, status: Job['status'] = 'DISPATCHED'): Job {
  return {
    id,
    number: `SR-2026-${id}`,
    status,
    version,
    faultDescription: 'leak',
    faultCategory: 'HYDRAULIC',
    severity: 'GENERAL',
    contactName: null,
    contactPhone: null,
    reportedAt: '2026-12-01T00:00:00Z',
    appointmentAt: null,
    allowedActions: ['ARRIVE'],
    deadlines: { arrivalDueAt: '2026-12-02T00:00:00Z', arrivedAt: null, arrivalOverdue: false },
    customer: null,
    unit: null,
    repairRecord: null,
  };
}

const arrive: OutboxAction = { kind: 'ARRIVE', at: '2026-12-01T03:00:00Z' };
const repair: OutboxAction = {
  kind: 'REPAIR',
  faultCause: 'HY-SEAL-AGING',
  measures: 'new seals',
  labourHours: '2.5',
  parts: [{ partId: 'p1', name: '密封件', quantity: 2 }],
  at: '2026-12-01T05:00:00Z',
};
const item = (id: number, ticketId: string, action: OutboxItem['action'], extra: Partial<OutboxItem> = {}): OutboxItem => ({
  id,
  ticketId,
  number: ticketId,
  action,
  ...extra,
});

/** A server that keeps each job's version and refuses stale ones, as the API does. */
function fakeServer(jobs: Record<string, Job>) {
  const calls: string[] = [];
  const send = async (it: OutboxItem, version: number): Promise<SendResult> => {
    calls.push(`${it.ticketId}:${it.action.kind}@${version}`);
    const current = jobs[it.ticketId]!;
    if (current.version !== version) return { ok: false, problems: [{ code: 'CONFLICT', detail: 'stale' }] };
    const next = { ...applyAction(current, it.action), version: version + 1 };
    jobs[it.ticketId] = next;
    return { ok: true, job: next };
  };
  return { calls, send };
}

describe('applyAction', () => {
  it('moves the job on as the step would, keeping the server version', () => {
    const onSite = applyAction(job('1', 4), arrive);
    expect(onSite).toMatchObject({ status: 'ON_SITE', version: 4, deadlines: { arrivedAt: arrive.at } });
    const repaired = applyAction(onSite, repair);
    expect(repaired.status).toBe('REPAIRED');
    expect(repaired.repairRecord).toMatchObject({
      faultCause: 'HY-SEAL-AGING',
      parts: [{ partId: 'p1', quantity: 2, part: { id: 'p1', name: '密封件' } }],
    });
    const signed = applyAction(repaired, { kind: 'SIGN_OFF', signedBy: '刘建国', at: '2026-12-01T06:00:00Z' });
    expect(signed).toMatchObject({ status: 'CUSTOMER_ACCEPTED', repairRecord: { customerSignedName: '刘建国' } });
  });

  it('lays only that job’s steps over it, in order', () => {
    const items = [item(2, '1', repair), item(1, '1', arrive), item(3, '2', arrive)];
    expect(withOutbox(job('1', 1), items).status).toBe('REPAIRED');
  });
});

describe('flush', () => {
  const deps = (server: ReturnType<typeof fakeServer>, jobs: Record<string, Job>, log: string[]) => ({
    versionOf: (id: string) => jobs[id]?.version,
    send: server.send,
    sent: async (it: OutboxItem) => void log.push(`sent ${it.id}`),
    refused: async (it: OutboxItem, p: { code: string }) => void log.push(`refused ${it.id} ${p.code}`),
  });

  it('sends in the order taken, each at the version the previous step produced', async () => {
    const known = { '1': job('1', 7) };
    const server = fakeServer({ '1': job('1', 7) });
    const log: string[] = [];
    const outcome = await flush([item(2, '1', repair), item(1, '1', arrive)], deps(server, known, log));
    expect(server.calls).toEqual(['1:ARRIVE@7', '1:REPAIR@8']);
    expect(outcome).toEqual({ sent: 2, refused: 0, offline: false });
  });

  it('stops a job’s queue at a conflict but goes on with other jobs', async () => {
    const known = { '1': job('1', 3), '2': job('2', 1) };
    // Someone else changed job 1 meanwhile.
    const server = fakeServer({ '1': job('1', 4), '2': job('2', 1) });
    const log: string[] = [];
    const outcome = await flush(
      [item(1, '1', arrive), item(2, '2', arrive), item(3, '1', repair)],
      deps(server, known, log),
    );
    expect(server.calls).toEqual(['1:ARRIVE@3', '2:ARRIVE@1']);
    expect(log).toEqual(['refused 1 CONFLICT', 'sent 2']);
    expect(outcome).toEqual({ sent: 1, refused: 1, offline: false });
  });

  it('sends a waiting step at the version it was taken on, though the phone has read a newer one', async () => {
    // The phone re-read the job (version 4) after the office changed it; the step was taken on 3.
    const known = { '1': job('1', 4) };
    const server = fakeServer({ '1': job('1', 4) });
    const log: string[] = [];
    await flush([item(1, '1', arrive, { baseVersion: 3 }), item(2, '1', repair, { baseVersion: 3 })], deps(server, known, log));
    expect(server.calls).toEqual(['1:ARRIVE@3']);
    expect(log).toEqual(['refused 1 CONFLICT']);
  });

  it('keeps the steps unrefused when the sign-in ran out while they waited', async () => {
    const log: string[] = [];
    const signedOut = async (): Promise<SendResult> => ({ ok: false, problems: [{ code: 'UNAUTHENTICATED', detail: '' }] });
    const outcome = await flush([item(1, '1', arrive), item(2, '2', arrive)], { ...deps(fakeServer({}), { '1': job('1', 1), '2': job('2', 1) }, log), send: signedOut });
    expect(log).toEqual([]);
    expect(outcome).toEqual({ sent: 0, refused: 0, offline: true });
  });

  it('leaves a queue already refused alone until it is retried', async () => {
    const known = { '1': job('1', 3) };
    const server = fakeServer({ '1': job('1', 3) });
    const items = [item(1, '1', arrive, { problem: { code: 'CONFLICT', detail: '' } }), item(2, '1', repair)];
    await flush(items, deps(server, known, []));
    expect(server.calls).toEqual([]);
  });

  it('stops everything when the connection drops, keeping the step', async () => {
    const known = { '1': job('1', 1), '2': job('2', 1) };
    const log: string[] = [];
    const outcome = await flush([item(1, '1', arrive), item(2, '2', arrive)], {
      ...deps(fakeServer({}), known, log),
      send: async () => ({ ok: false, problems: [{ code: 'NETWORK', detail: 'Failed to fetch' }] }),
    });
    expect(outcome).toEqual({ sent: 0, refused: 0, offline: true });
    expect(log).toEqual([]);
  });
});

describe('Field over a store', () => {
  it('keeps offline steps across a reload and empties the outbox once sent', async () => {
    const store = memoryStore();
    const first = new Field(store);
    await first.ready;
    await first.saveList([job('1', 5)]);
    await first.enqueue(job('1', 5), arrive);
    await first.enqueue(job('1', 5), repair);
    expect(first.shown('1')?.status).toBe('REPAIRED');

    // The page is reloaded: the same store, a new Field.
    const again = new Field(store);
    await again.ready;
    expect(again.getSnapshot().outbox.map((o) => o.action.kind)).toEqual(['ARRIVE', 'REPAIR']);
    expect(again.getSnapshot().list).toEqual(['1']);

    const server = fakeServer({ '1': job('1', 5) });
    await again.flush(server.send);
    expect(server.calls).toEqual(['1:ARRIVE@5', '1:REPAIR@6']);
    expect(again.getSnapshot().outbox).toEqual([]);
    expect(again.getSnapshot().jobs['1']).toMatchObject({ status: 'REPAIRED', version: 7 });
    expect((await store.loadOutbox()).length).toBe(0);
  });

  it('drops a job from the list once it is no longer mine or open', async () => {
    const field = new Field(memoryStore());
    await field.saveList([job('1', 1)]);
    await field.jobChanged(job('2', 1), true);
    expect(field.getSnapshot().list).toEqual(['1', '2']);
    await field.jobChanged(job('1', 2, 'CUSTOMER_ACCEPTED'), true);
    expect(field.getSnapshot().list).toEqual(['2']);
    await field.jobChanged(job('3', 1), false);
    expect(field.getSnapshot().list).toEqual(['2']);
  });
});

describe('Field keeps the newest word', () => {
  it('ignores a reply older than what it holds', async () => {
    const field = new Field(memoryStore());
    await field.saveJob(job('1', 5, 'ON_SITE'));
    await field.saveJob(job('1', 4));
    expect(field.getSnapshot().jobs['1']).toMatchObject({ version: 5, status: 'ON_SITE' });
    await field.saveList([job('1', 3)]);
    expect(field.getSnapshot().jobs['1']?.version).toBe(5);
  });
});

describe('Field outbox', () => {
  it('sends the rest of a job’s steps on the version the sent ones produced, after the connection dropped between them', async () => {
    const field = new Field(memoryStore());
    await field.ready;
    await field.saveJob(job('1', 3));
    await field.enqueue(job('1', 3), arrive);
    await field.enqueue(job('1', 3), repair);
    const server = fakeServer({ '1': job('1', 3) });
    let dropAfter = 1;
    const flaky = async (it: OutboxItem, version: number): Promise<SendResult> =>
      dropAfter-- > 0 ? server.send(it, version) : { ok: false, problems: [{ code: 'NETWORK', detail: '' }] };
    expect(await field.flush(flaky)).toEqual({ sent: 1, refused: 0, offline: true });
    expect(await field.flush(server.send)).toEqual({ sent: 1, refused: 0, offline: false });
    expect(server.calls).toEqual(['1:ARRIVE@3', '1:REPAIR@4']);
    expect(field.getSnapshot().outbox).toEqual([]);
  });
});
