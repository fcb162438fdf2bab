import { describe, expect, it } from 'vitest';
import { percentComplete, renderProgressBar } from '../../src/roadmaps/progress-bar.js';

describe('renderProgressBar', () => {
  it('draws filled and empty cells with the percentage and counts', () => {
    expect(renderProgressBar(4, 10)).toBe('▰▰▰▰▱▱▱▱▱▱ 40% · 4/10');
    expect(renderProgressBar(0, 10)).toBe('▱▱▱▱▱▱▱▱▱▱ 0% · 0/10');
    expect(renderProgressBar(10, 10)).toBe('▰▰▰▰▰▰▰▰▰▰ 100% · 10/10');
  });

  it('rounds down, so a full bar and 100% mean finished', () => {
    expect(renderProgressBar(199, 200)).toBe('▰▰▰▰▰▰▰▰▰▱ 99% · 199/200');
    expect(renderProgressBar(2, 3, 5)).toBe('▰▰▰▱▱ 66% · 2/3');
  });

  it('shows an empty bar for an empty roadmap', () => {
    expect(renderProgressBar(0, 0)).toBe('▱▱▱▱▱▱▱▱▱▱ 0% · 0/0');
  });
});

describe('percentComplete', () => {
  it('counts done and skipped items as finished, rounding down', () => {
    expect(percentComplete({ total: 47, done: 5, skipped: 2 })).toBe(14);
    expect(percentComplete({ total: 3, done: 2, skipped: 0 })).toBe(66);
    expect(percentComplete({ total: 3, done: 2, skipped: 1 })).toBe(100);
  });

  it('is 0% for no items', () => {
    expect(percentComplete({ total: 0, done: 0, skipped: 0 })).toBe(0);
  });
});
