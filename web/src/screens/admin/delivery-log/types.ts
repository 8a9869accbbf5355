// Hand-written from the issue 17 contract (DELIVERY's `GET /api/v1/delivery-log`), because
// that route is not in this branch yet. Once it is, replace these with the generated types:
//   DeliveryPage = ResponseOf<'/api/v1/delivery-log'>, Delivery = ItemOf<'/api/v1/delivery-log'>.

export type MessageKind = 'account' | 'alert' | 'reminder' | 'reply' | 'digest';
export type DeliveryChannel = 'email' | 'sms';
export type DeliveryStatus = 'queued' | 'sent' | 'delivered' | 'failed';

/** One message, never its body; `to` is already masked ("••• 44", "j•••@example.org"). */
export interface Delivery {
  id: string;
  kind: MessageKind;
  channel: DeliveryChannel;
  to: string | null;
  status: DeliveryStatus;
  /** The provider's reason code (`twilio_30003`, `smtp_550`, `opted_out`…); see ui/delivery-reasons.ts. */
  reason: string | null;
  attempts: number;
  createdAt: string;
  statusAt: string | null;
}

export interface DeliverySummary {
  hours: 24;
  queued: number;
  sent: number;
  delivered: number;
  failed: number;
  /** failed ÷ (sent + delivered + failed), from 0 to 1; 0 when none finished. */
  failureRate: number;
}

export interface DeliveryPage {
  items: Delivery[];
  nextCursor: string | null;
  summary: DeliverySummary;
}
