/** The store's tables as Kysely sees them (sending/store/migrations.ts creates them). */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string, string>;

export type StepState = 'planned' | 'sending' | 'sent' | 'scheduled' | 'failed' | 'skipped' | 'cancelled';

export interface OrdersTable {
  id: string;
  document: Json | null;
  customer_email: string;
  placed_at: Timestamp | null;
  sequence: string;
  /** The rules the order was planned under (`OrderRules`); null for orders planned before they were kept. */
  rules: ColumnType<unknown, string | null | undefined, string | null>;
  /**
   * The fingerprint of the schema that validated `document` when it was written (`orderDocumentFingerprint()`);
   * null for documents written before it was kept: those are validated again at release.
   */
  document_schema: ColumnType<string | null, string | null | undefined, string | null>;
  /** Why the order stopped (`order cancelled`), or null. */
  cancelled: ColumnType<string | null, string | null | undefined, string | null>;
  /** A test send: the live order it copies (its own key is `test:<order id>:<recipient>`); null when live. */
  test_of: ColumnType<string | null, string | null | undefined, string | null>;
  /** A test send's recipient; null when live. */
  test_to: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface StepsTable {
  id: string;
  order_id: string;
  step: number;
  template: string;
  kind: string;
  day: number;
  state: StepState;
  send_at: Timestamp;
  local_time: string;
  release_at: Timestamp;
  variant: string | null;
  /** What the day counts from when not the order (`5 days after delivery`); null otherwise. */
  anchor: string | null;
  /** The local time of day the step asks for (`10:00`); a deferral keeps it. */
  at: ColumnType<string | null, string | null | undefined, string | null>;
  recipient: string;
  sender: string;
  subject: string | null;
  idempotency_key: string;
  batch_key: string | null;
  scheduled_at: Timestamp | null;
  resend_id: string | null;
  reason: string | null;
  /**
   * A stop recorded while a request was answered, left to the worker to carry out at Resend (a scheduled email to
   * cancel): the state and reason to record once it is cancelled; null otherwise.
   */
  stop_wanted: ColumnType<unknown, string | null | undefined, string | null>;
  attempts: Generated<number>;
  lease_until: Timestamp | null;
  payload: Json | null;
  last_event: string | null;
  last_event_at: Timestamp | null;
  sent_at: Timestamp | null;
  delivered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  bounced_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  complained_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** A test send's step: reports and outcomes leave it out. */
  test: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type Verdict = 'human' | 'machine';

export interface InteractionsTable {
  id: string;
  step_id: string | null;
  email_id: string;
  type: 'click' | 'open';
  link: string | null;
  at: Timestamp;
  verdict: Verdict | null;
  rule: string | null;
  received_at: Generated<Date>;
}

export interface AttributionsTable {
  order_id: string;
  step_id: string;
  template: string;
  variant: string | null;
  currency: string;
  /** Minor units of `currency`; bigint comes back from pg as a string. */
  amount: ColumnType<string, number, number>;
  clicked_at: Timestamp;
  credited_at: Generated<Date>;
  withdrawn: string | null;
  withdrawn_at: Timestamp | null;
}

export interface FeedbackTable {
  step_id: string;
  order_id: string;
  template: string;
  variant: string | null;
  scale: 'stars' | 'nps';
  score: number;
  comment: ColumnType<string | null, string | null | undefined, string | null>;
  tags: ColumnType<unknown, string | undefined, string>;
  answered_at: Timestamp;
  updated_at: Generated<Date>;
}

export interface SuppressionsTable {
  email: string;
  scope: 'marketing' | 'all';
  reason: string | null;
  source: string;
  created_at: Generated<Date>;
}

export interface EventsTable {
  id: string;
  source: string;
  type: string;
  payload: Json;
  received_at: Generated<Date>;
  outcome: string | null;
}

export interface SuppressionAuditTable {
  id: Generated<string>;
  email: string;
  action: 'added' | 'removed';
  scope: string | null;
  reason: string | null;
  /** Who: `console` (a signed-in operator), `cli`, `resend`, `unsubscribe`… */
  actor: string;
  at: Generated<Date>;
}

export interface PreferencesTable {
  email: string;
  topics_off: ColumnType<string[], string[] | undefined, string[]>;
  /** `YYYY-MM-DD` (read as text: a calendar day, no time zone). */
  paused_until: ColumnType<string | null, string | null | undefined, string | null>;
  no_marketing: ColumnType<boolean, boolean | undefined, boolean>;
  updated_at: Generated<Date>;
}

export interface LinkRequestsTable {
  email: string;
  requested_at: Generated<Date>;
}

export interface MigrationsTable {
  version: number;
  name: string;
  applied_at: Generated<Date>;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface AbTestsTable {
  sequence: string;
  /** The step's template and key (`thank-you@d3`, sending/plan/schedule.ts abTestKey). */
  test: string;
  metric: string;
  started_at: Timestamp;
  last_look: ColumnType<number, number | undefined, number>;
  winner: string | null;
  probability: number | null;
  reason: string | null;
  /** The arms' figures and probabilities when decided. */
  figures: ColumnType<unknown, string | null | undefined, string | null>;
  decided_at: Timestamp | null;
}

export interface Database {
  ab_tests: AbTestsTable;
  orders: OrdersTable;
  steps: StepsTable;
  suppressions: SuppressionsTable;
  events: EventsTable;
  suppression_audit: SuppressionAuditTable;
  schema_migrations: MigrationsTable;
  store_meta: MetaTable;
  interactions: InteractionsTable;
  attributions: AttributionsTable;
  feedback: FeedbackTable;
  preferences: PreferencesTable;
  link_requests: LinkRequestsTable;
}

export type StepRow = Selectable<StepsTable>;
export type AbTestRow = Selectable<AbTestsTable>;
export type NewStep = Insertable<StepsTable>;
export type OrderRow = Selectable<OrdersTable>;
export type NewOrder = Insertable<OrdersTable>;
