import { Img as EmailImg, Link as EmailLink, type ImgProps, type LinkProps } from 'react-email';

/**
 * react-email's `Img` and `Link` with their default `outline: none` and `text-decoration-line: none`
 * taken out: caniemail marks both unsupported in Outlook and Yahoo, and `text-decoration` (which
 * every client supports) already says what we mean. React drops style keys set to `undefined`.
 */
export function Img({ style, ...props }: ImgProps) {
  return <EmailImg {...props} style={{ ...style, outline: undefined, textDecoration: undefined }} />;
}

export function Link({ style, ...props }: LinkProps) {
  return <EmailLink {...props} style={{ ...style, textDecorationLine: undefined }} />;
}
