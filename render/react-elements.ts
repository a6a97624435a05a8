import type { ReactNode } from 'react';
import * as React from 'react';
import { UnsupportedNodeError } from './unsupported-node';

/**
 * React 19's element tree as the static renderer reads it: the `$$typeof` symbols that tell an element, a
 * fragment, `forwardRef`, `memo` and a context apart, the shapes behind them, and the slot where React's hooks
 * look for the renderer that is calling a component.
 */

export const ELEMENT = Symbol.for('react.transitional.element');
export const FRAGMENT = Symbol.for('react.fragment');
export const STRICT_MODE = Symbol.for('react.strict_mode');
export const PROFILER = Symbol.for('react.profiler');
export const FORWARD_REF = Symbol.for('react.forward_ref');
export const MEMO = Symbol.for('react.memo');
export const CONTEXT = Symbol.for('react.context');
export const CONSUMER = Symbol.for('react.consumer');

export type Props = Record<string, unknown>;
export type ElementLike = { $$typeof: symbol; type: unknown; props: Props };
export type ForwardRefLike = { $$typeof: symbol; render: (props: Props, ref: unknown) => ReactNode };
export type MemoLike = { $$typeof: symbol; type: unknown };
/** React 19's context object; `_currentValue2` is the secondary renderer's copy, which react-dom never moves off the default. */
export type ContextLike = { $$typeof: symbol; _currentValue2?: unknown; _currentValue?: unknown };
export type ConsumerLike = { $$typeof: symbol; _context: ContextLike };

/** Where React's hooks find the renderer that is calling the component (null outside a render). */
export const internals = (React as unknown as Record<string, { H: unknown } | undefined>)
  .__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE;

/** Why a hook has no meaning here: an email is rendered once, on the server, and never updates. */
export function unsupportedHook(name: string): () => never {
  return () => {
    throw new UnsupportedNodeError(
      `the hook ${name}(): an email renders once and never updates, so compute the value while rendering instead`,
    );
  };
}

export function isContext(value: unknown): value is ContextLike {
  return typeof value === 'object' && value !== null && (value as ContextLike).$$typeof === CONTEXT;
}
