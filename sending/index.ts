/**
 * `post-purchase-emails/sending`: the live engine for a shop's own server. See createSequencer(); `createApp`
 * and `serveApp` are what `post-purchase-emails serve` runs, for a server of your own.
 */
export { UnsubscribeSecretMissing } from '../core/links';
export { ValidationError } from '../core/order-document';
export { cancelLines } from './engine/cancel';
export { type GuardrailState, guardrailState, resumeMarketing } from './engine/guardrail';
export {
  type OutcomeReport,
  outcomeReport,
  type ReportRows,
  type TemplateRow,
} from './engine/outcome-report';
export type { LinkOutcome } from './engine/preferences-link';
export { SequencerOptionsError, sequencerOptionsProblems } from './engine/sequencer-options';
export { anchorsFor, shipmentEventId } from './engine/shipment-event';
export { type StateCounts, type StatusReport, statusReport } from './engine/status-report';
export {
  type EmailOutcome,
  type EngineMetrics,
  type LogFields,
  type Logger,
  maskAddress,
  maskAddresses,
  noMetrics,
  type ResendRequest,
  silentLogger,
  type WebhookOutcome,
  type WebhookSeen,
} from './engine/telemetry';
export { createFeedbackHandler, type FeedbackDeps, type FeedbackStep, tagsFor } from './http/feedback';
export {
  createResendWebhookHandler,
  type ResendEvent,
  type ResendWebhookDeps,
} from './http/resend-webhook';
export { createUnsubscribeHandler, type UnsubscribeDeps, verifyUnsubscribeToken } from './http/unsubscribe';
export {
  describeInvalid,
  type InvalidOrder,
  OrderInputError,
  parseOrderInput,
  validateOrders,
} from './intake/order-input';
export {
  cancelledOrderId,
  fulfillmentFromShopify,
  SHIPMENT_STATUS_MAP,
  type ShopifyFulfillment,
  shipmentFor,
} from './intake/shopify/fulfillment';
export { shopifyHmac, verifyShopifyHmac } from './intake/shopify/hmac';
export { parseShopifyJson } from './intake/shopify/json';
export { toMinorUnits } from './intake/shopify/money';
export { orderDocumentFromShopify, type ShopifyOrderOptions, shopifyLocale } from './intake/shopify/order';
export {
  loadShopConfig,
  parseShopConfig,
  type ShopConfig,
  shopConfigSchema,
} from './intake/shopify/shop-config';
export {
  createShopifyWebhookHandler,
  type RejectedWebhook,
  SHOPIFY_TOPICS,
  type ShopifyWebhookDeps,
} from './intake/shopify/webhook';
export { DEFAULT_ATTRIBUTION_DAYS, parseAttributionDays } from './plan/attribution';
export {
  type Click,
  type ClickJudgement,
  isScannerAgent,
  judgeClick,
  type Verdict,
} from './plan/click-verdict';
export {
  PAUSE_DAYS,
  type Preferences,
  TOPIC_TEMPLATES,
  TOPICS,
  type Topic,
} from './plan/preferences';
export { defaultSequence, parseSequence } from './plan/sequence';
export { isTestRunKey, liveOrderOf, testRunKey } from './plan/test-run';
export { createSequencer, DEFAULT_RELEASE_WINDOW_MS, InvalidOrdersError } from './sequencer';
export { type ConsoleOptions, createConsole } from './server/console/console-app';
export {
  type App,
  DEFAULT_HOST,
  DEFAULT_MAX_BODY_BYTES,
  type NodeServerOptions,
  type RunningServer,
  serveApp,
} from './server/http-node';
export { type ReportCharts, reportCharts, reportDocument, reportSection } from './server/report-page';
export {
  type AppOptions,
  createApp,
  defaultProblemsOf,
  engineOf,
  type Handler,
  type ServeEngine,
  type ServeEvent,
} from './server/server';
export { DEFAULT_SCHEMA, queueSchemaOf } from './store/schema-name';
export { migrate, openStore, StoreError } from './store/store';
export type {
  Anchors,
  Backend,
  CancelOutcome,
  CancelTarget,
  EmailApi,
  EnqueueOptions,
  EnqueueResult,
  EventResult,
  NotStopped,
  PlannedOrder,
  ReleaseReport,
  SenderOptions,
  Sequence,
  SequenceFile,
  Sequencer,
  SequencerEvent,
  SequencerOptions,
  StatusCursor,
  StatusFilter,
  StatusPage,
  StepFailure,
  StepStatus,
  StoppedStep,
  Store,
  StoreOptions,
  Suppression,
  SuppressOptions,
  UnsuppressOptions,
  WorkOptions,
} from './types';
