import { describe, expect, it } from 'vitest';
import {
  ROTATION_MAX_ENTRIES,
  ROTATION_TTL_MS,
  emptyRotationState,
  pickVariant,
  rotationKey,
  type RotationState,
} from '../../../lib/phrases/rotation';

const phrase = { id: 'p', variants: ['一', '二', '三'] };
const T = Date.UTC(2025, 5, 1);

function sequence(p: { id: string; variants: string[] }, buyer: string, n: number, state?: RotationState) {
  const out: string[] = [];
  let s = state;
  for (let k = 0; k < n; k++) {
    const r = pickVariant(p, buyer, s, T + k);
    out.push(r.text);
    s = r.state;
  }
  return { out, state: s! };
}

describe('pickVariant', () => {
  it('never gives the same buyer the same variant twice in a row', () => {
    const { out } = sequence(phrase, '小王', 9);
    expect(out).toEqual(['一', '二', '三', '一', '二', '三', '一', '二', '三']);
    for (let k = 1; k < out.length; k++) expect(out[k]).not.toBe(out[k - 1]);
  });

  it('keeps buyers and phrases apart', () => {
    let s = pickVariant(phrase, '小王', undefined, T).state;
    s = pickVariant(phrase, '小王', s, T).state;
    expect(pickVariant(phrase, '小李', s, T).text).toBe('一');
    expect(pickVariant({ id: 'q', variants: ['甲', '乙'] }, '小王', s, T).text).toBe('甲');
    expect(pickVariant(phrase, ' 小王 ', s, T).text).toBe('三');
  });

  it('does not repeat the last words after the variants were edited', () => {
    const first = pickVariant(phrase, '小王', undefined, T);
    expect(first.text).toBe('一');
    // the next index now holds 一: skipped
    const next = pickVariant({ id: 'p', variants: ['二', '一'] }, '小王', first.state, T);
    expect(next.text).toBe('二');
    const reordered = pickVariant({ id: 'p', variants: ['三', '二', '一'] }, '小王', next.state, T);
    expect(reordered.text).toBe('一');
  });

  it('returns new state and leaves the old one untouched', () => {
    const state = emptyRotationState();
    const r = pickVariant(phrase, '小王', state, T);
    expect(state.last).toEqual({});
    expect(r.state.last[rotationKey('p', '小王')]).toMatchObject({ i: 0, at: T });
    expect(JSON.parse(JSON.stringify(r.state))).toEqual(r.state);
  });

  it('forgets old entries and bounds its size', () => {
    const old = pickVariant(phrase, '小王', undefined, T).state;
    expect(pickVariant(phrase, '小王', old, T + ROTATION_TTL_MS).text).toBe('一');
    const full: RotationState = { v: 1, last: {} };
    for (let k = 0; k < ROTATION_MAX_ENTRIES; k++)
      full.last[rotationKey('p', `b${k}`)] = { i: 0, h: 0, at: T + k };
    const s = pickVariant(phrase, 'newcomer', full, T + ROTATION_MAX_ENTRIES).state;
    expect(Object.keys(s.last)).toHaveLength(ROTATION_MAX_ENTRIES);
    expect(s.last[rotationKey('p', 'b0')]).toBeUndefined(); // the oldest made room
    expect(s.last[rotationKey('p', 'b1')]).toBeDefined();
    expect(s.last[rotationKey('p', 'newcomer')]).toBeDefined();
  });

  it('works with a single variant', () => {
    const { out } = sequence({ id: 'one', variants: ['唯有一句'] }, '小王', 3);
    expect(out).toEqual(['唯有一句', '唯有一句', '唯有一句']);
  });
});
