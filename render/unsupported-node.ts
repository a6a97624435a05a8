/** Whatever the static renderer does not reproduce byte for byte: the message says what, and why. */
export class UnsupportedNodeError extends Error {
  constructor(what: string) {
    super(`the static renderer does not support ${what}`);
    this.name = 'UnsupportedNodeError';
  }
}
