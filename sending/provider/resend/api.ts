/**
 * Resend behind the email API port: the SDK's client, its payload spelling, and the key scrubbed from anything it
 * answers. The only file (with signature.ts) that imports the SDK.
 */
import { Resend } from 'resend';
import type { SendPayload } from '../../plan/payload';
import type { ApiResponse, EmailApi } from '../sender';
import { RESEND_CAPABILITIES } from './capabilities';

/** The only place an API client is constructed; `--dry-run` and offline runs never reach it. */
export function resendApi(apiKey: string): EmailApi {
  const resend = new Resend(apiKey);
  // Whatever comes back is printed and stored: make sure the key is not in it, even if a proxy echoes it.
  const scrub = <T>(response: ApiResponse<T>): ApiResponse<T> =>
    response.error?.message.includes(apiKey)
      ? {
          ...response,
          error: { ...response.error, message: response.error.message.replaceAll(apiKey, 're_…') },
        }
      : response;
  const sdkPayload = (payload: SendPayload) => {
    const { headers, tags, ...rest } = payload;
    return { ...rest, tags: tags.map((t) => ({ ...t })), ...(headers ? { headers: { ...headers } } : {}) };
  };
  return {
    capabilities: RESEND_CAPABILITIES,
    batch: async (payloads, { idempotencyKey, signal }) => {
      const response = await resend.batch.send(payloads.map(sdkPayload), {
        idempotencyKey,
        batchValidation: 'permissive',
        signal,
      });
      // Per-email errors are messages from the server too: scrub them like the request's own error.
      const errors = response.data && 'errors' in response.data ? response.data.errors : undefined;
      return scrub({
        ...response,
        data: response.data
          ? {
              data: response.data.data,
              ...(errors
                ? { errors: errors.map((e) => ({ ...e, message: e.message.replaceAll(apiKey, 're_…') })) }
                : {}),
            }
          : null,
      });
    },
    send: async (payload, { idempotencyKey, signal }) =>
      scrub(await resend.emails.send(sdkPayload(payload), { idempotencyKey, signal })),
    cancel: async (id, { signal }) => scrub(await resend.emails.cancel(id, { signal })),
  };
}
