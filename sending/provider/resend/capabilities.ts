/** Resend's capabilities: batches of 100 (`POST /emails/batch`, which does not schedule), scheduling and cancelling single emails, and its two quota errors. */
import { DEFAULT_CAPABILITIES, type ProviderCapabilities } from '../capabilities';

export const RESEND_CAPABILITIES: ProviderCapabilities = DEFAULT_CAPABILITIES;
