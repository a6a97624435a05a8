/**
 * What an email provider can do, as the engine needs to know it: the release builds its batches, schedules,
 * cancels and stops on these, never on a provider's name.
 */
export type ProviderCapabilities = Readonly<{
  /** Most emails in one batch request. */
  batchSize: number;
  /** A single send may carry `scheduledAt` (a step handed over ahead of its time). */
  canSchedule: boolean;
  /** A batch request may carry `scheduledAt` (Resend's may not: steps ahead of their time go one by one). */
  batchCanSchedule: boolean;
  /** A scheduled email can be cancelled (a suppression or a cancellation after hand-over). */
  canCancel: boolean;
  /** Error names after which nothing more can go out for now (a daily or monthly quota): the run stops. */
  quotaErrors: readonly string[];
}>;

/** Assumed for an `EmailApi` that states none: those of Resend, the API the engine was built on. */
export const DEFAULT_CAPABILITIES: ProviderCapabilities = {
  batchSize: 100,
  canSchedule: true,
  batchCanSchedule: false,
  canCancel: true,
  quotaErrors: ['daily_quota_exceeded', 'monthly_quota_exceeded'],
};
