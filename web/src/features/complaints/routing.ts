// A complaint's routing deadline (quality complaints: it must reach quality
// within the policy's hours of receipt), counting down until it is taken.
import { countdown, type Countdown } from '../../components/countdown';

interface Routable {
  routeDueAt?: string | null;
  receivedAt: string;
  routedAt?: string | null;
}

/** The countdown to the routing deadline, stopped once taken; none without a deadline. */
export function routeCountdown(complaint: Routable, now: number): Countdown | null {
  if (!complaint.routeDueAt) return null;
  return countdown(complaint.routeDueAt, now, complaint.receivedAt, complaint.routedAt);
}
