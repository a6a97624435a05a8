import { createContext, type ReactNode, use, useContext, useState } from 'react';
import { Body, Head, Html, render, Text } from 'react-email';
import { describe, expect, it, vi } from 'vitest';
import { renderWithStaticRenderer } from '../../render/fast-render';
import { toText } from '../../render/plain-text';
import { renderStatic } from '../../render/static-render';

const Tone = createContext('plain');
const Size = createContext(16);

function Label({ children }: { children: ReactNode }) {
  const tone = useContext(Tone);
  const size = use(Size);
  return (
    <Text style={{ fontSize: `${size}px` }}>
      {`${tone}: `}
      {children}
    </Text>
  );
}

function page(children: ReactNode) {
  return (
    <Html lang="en">
      <Head />
      <Body>{children}</Body>
    </Html>
  );
}

describe('React context in the static renderer', () => {
  it('reads providers, nested and restored, as React does', async () => {
    const element = page(
      <>
        <Label>default</Label>
        <Tone value="warm">
          <Label>outer</Label>
          <Tone.Provider value="cool">
            <Size value={20}>
              <Label>inner</Label>
            </Size>
          </Tone.Provider>
          <Label>outer again</Label>
          <Tone.Consumer>{(tone) => <Text>{`consumed ${tone}`}</Text>}</Tone.Consumer>
        </Tone>
        <Label>after</Label>
      </>,
    );
    const fast = renderStatic(element);
    const reference = await render(element);
    expect(fast.html).toBe(reference);
    for (const line of [
      'plain: default',
      'warm: outer',
      'cool: inner',
      'warm: outer again',
      'consumed warm',
      'plain: after',
    ])
      expect(fast.html).toContain(line.replace(': ', ': <!-- -->'));
    expect(fast.html).toContain('font-size:20px');
    const rendered = await renderWithStaticRenderer(element);
    expect(rendered.fallback).toBeUndefined();
    expect(rendered.text).toBe(toText(reference));
  });

  it('hands any other hook to react-email, naming it', async () => {
    function Counter() {
      const [count] = useState(3);
      return <Text>{count}</Text>;
    }
    const element = page(<Counter />);
    const fast = await renderWithStaticRenderer(element);
    expect(fast.fallback).toMatch(/^the static renderer does not support the hook useState/);
    expect(fast.html).toBe(await render(element));
  });

  it('leaves React without a dispatcher afterwards, so a stray hook call still fails loudly', () => {
    renderStatic(page(<Label>x</Label>));
    // React says so on the console too ("Invalid hook call"): caught here, so the suite's output stays clean.
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect(() => useContext(Tone)).toThrow();
      expect(String(error.mock.calls[0]?.[0])).toMatch(/Invalid hook call/);
    } finally {
      error.mockRestore();
    }
  });
});
