/**
 * What one step hands to Resend: the payload, its tags and its idempotency key.
 * The payload is stored in the ledger before it is sent and replayed byte for byte on a retry,
 * because Resend answers the same key with a different payload with 409 `invalid_idempotent_request`.
 */
import { createHash } from 'node:crypto';
import { isEmailAddress } from '../../core/order-document';

export type Tag = Readonly<{ name: string; value: string }>;

/** `POST /emails` in the SDK's spelling (`scheduledAt` becomes `scheduled_at` on the wire). */
export type SendPayload = Readonly<{
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers?: Readonly<Record<string, string>>;
  tags: readonly Tag[];
  scheduledAt?: string;
}>;

/** What a rendered email gives a payload. */
export type EmailParts = Readonly<{
  subject: string;
  html: string;
  text: string;
  headers?: Readonly<Record<string, string>>;
}>;

/**
 * The one way a payload is built (the offline outbox, a released step, a shipment's email): the same fields in
 * the same order, so a replay rebuilds the identical request. Headers only when the email has some;
 * `scheduledAt` only when it is handed over ahead of its time.
 */
export function emailPayload(
  from: string,
  to: string,
  email: EmailParts,
  tags: readonly Tag[],
  scheduledAt?: string,
): SendPayload {
  return {
    from,
    to,
    subject: email.subject,
    html: email.html,
    text: email.text,
    ...(email.headers && Object.keys(email.headers).length > 0 ? { headers: email.headers } : {}),
    tags,
    ...(scheduledAt ? { scheduledAt } : {}),
  };
}

/** Tag names and values allow only `[A-Za-z0-9_-]`, at most 256 characters. */
export function tagValue(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256);
}

/** `template`, `order`, `step`, and `variant` when the step picks or splits subject lines (a subject test). */
export function resendTags(templateId: string, orderId: string, day: number, variant?: string): Tag[] {
  return [
    { name: 'template', value: tagValue(templateId) },
    { name: 'order', value: tagValue(orderId) },
    { name: 'step', value: tagValue(String(day)) },
    ...(variant === undefined ? [] : [{ name: 'variant', value: tagValue(variant) }]),
  ];
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * Which step this is, for the ledger: `pp/<order>/d<day>-<template>/<hash of to>`. Keyed on the day rather
 * than the step's position, so inserting a step into the sequence file does not re-key (and re-send) the
 * steps after it. The recipient is hashed so a test send never collides with the real one and no address
 * shows up in Resend's idempotency keys.
 */
export function stepId(orderId: string, template: string, day: number | string, to: string): string {
  const recipient = sha256(to.trim().toLowerCase()).slice(0, 16);
  const order = encodeURIComponent(orderId);
  // A number is a day after the order (`d3`); a string is the step's key (`delivered+5`, sending/plan/schedule.ts
  // stepKey), which stays the same when a shipment event re-times the step.
  const when = typeof day === 'number' ? `d${day}` : day;
  const id = `pp/${order}/${when}-${template}/${recipient}`;
  return id.length <= 220 ? id : `pp/h${sha256(orderId).slice(0, 32)}/${when}-${template}/${recipient}`;
}

/**
 * The Idempotency-Key: the step plus its planned send time (`…/20261122T003000Z`), at most 256 characters.
 * The same command gives the same key on every run. A test re-sent with another `--start` gets another key
 * rather than Resend's 409 for "same key, different payload"; the same step with the same time but other
 * content (say the ledger was lost and the document edited) keeps its key, and Resend's 409 then stops a duplicate.
 */
export function idempotencyKey(step: string, sendAt: string): string {
  return `${step}/${new Date(sendAt).toISOString().replace(/[-:]|\.\d{3}/g, '')}`;
}

/** `addr@example.com` or `Name <addr@example.com>` (the name may be quoted). */
export function isFromAddress(value: string): boolean {
  const trimmed = value.trim();
  if (isEmailAddress(trimmed)) return true;
  const match = /^(.*\S)\s*<([^<>\s]+)>$/.exec(trimmed);
  if (!match) return false;
  const [, name = '', address = ''] = match;
  const quoted = /^"(?:[^"\\]|\\.)*"$/.test(name);
  return isEmailAddress(address) && (quoted || !/[<>"]/.test(name));
}

/** The sender for an offline preview when none is given: Resend's test address under the shop's name. */
export function defaultFrom(shopName: string): string {
  const name = /[(),.:;<>@[\]\\"]/.test(shopName) ? `"${shopName.replace(/["\\]/g, '\\$&')}"` : shopName;
  return `${name} <onboarding@resend.dev>`;
}
