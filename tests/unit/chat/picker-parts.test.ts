import { describe, expect, it } from 'vitest';
import { PREVIEW_CHARS, snippet, toRuns, variableRanges } from '../../../components/picker/segments';
import { placePopup } from '../../../lib/dom/caret';
import { splitSuggestion, byPriority } from '../../../lib/features/wording-hints';
import { waitingSince } from '../../../lib/features/response-timer';
import type { WordingIssue } from '../../../lib/phrases/wording';
import { listedMessages } from '../../../lib/sites/messages';
import type { ChatMessageOnPage } from '../../../lib/sites/types';

describe('picker text runs', () => {
  it('marks matches and variables without losing a character', () => {
    const text = '{买家|亲}，订单{订单号}已发出';
    const runs = toRuns(text, [[7, 10]]);
    expect(runs.map((r) => r.text).join('')).toBe(text);
    expect(variableRanges(text)).toEqual([
      [0, 6],
      [9, 14],
    ]);
    expect(runs.filter((r) => r.token).map((r) => r.text)).toEqual(['{买家|亲}', '{', '订单号}']);
    expect(runs.filter((r) => r.mark).map((r) => r.text)).toEqual(['订单', '{']);
    expect(variableRanges('亲，今天发出}')).toEqual([]);
  });

  it('shows a far match with its context and keeps the highlight on it', () => {
    const text = `${'前'.repeat(30)}退货地址${'后'.repeat(5)}`;
    const s = snippet(text, [[30, 34]]);
    expect(s.text.startsWith('…')).toBe(true);
    const [a, b] = s.ranges[0]!;
    expect(s.text.slice(a, b)).toBe('退货地址');
  });

  it('keeps a long preview to a little more than its line, the highlight inside', () => {
    const text = `${'前'.repeat(30)}退货地址${'后'.repeat(300)}`;
    const s = snippet(text, [
      [30, 34],
      [200, 202],
    ]);
    expect(s.text).toBe(`…${text.slice(18, 18 + PREVIEW_CHARS)}…`);
    // The match beyond the kept text is dropped, not pointed past the end.
    expect(s.ranges).toEqual([[13, 17]]);
    expect(s.text.slice(13, 17)).toBe('退货地址');
    expect(snippet('短句', []).text).toBe('短句');
  });

  it('folds line breaks in the preview and moves the highlight with them', () => {
    const s = snippet('第一行\n  第二行好', [[6, 9]]);
    expect(s.text).toBe('第一行 第二行好');
    expect(s.text.slice(s.ranges[0]![0], s.ranges[0]![1])).toBe('第二行');
  });
});

describe('placePopup', () => {
  const viewport = { width: 1366, height: 800 };
  const size = { width: 420, height: 440 };

  it('opens below the line when there is room, above near the bottom', () => {
    const below = placePopup({ left: 300, top: 100, bottom: 120 }, size, viewport);
    expect(below).toMatchObject({ above: false, top: 126, bottom: null });
    const above = placePopup({ left: 300, top: 660, bottom: 680 }, size, viewport);
    expect(above.above).toBe(true);
    expect(above.top).toBeNull();
    expect(above.bottom).toBe(800 - 654);
    expect(above.maxHeight).toBeLessThanOrEqual(660 - 6 - 8);
  });

  it('stays inside the viewport horizontally', () => {
    expect(placePopup({ left: 1300, top: 100, bottom: 120 }, size, viewport).left).toBe(1366 - 420 - 8);
    expect(placePopup({ left: 0, top: 100, bottom: 120 }, size, viewport).left).toBe(8);
  });
});

describe('wording hint parts', () => {
  it('offers plain alternatives as one-click replacements, “……” suggestions as advice', () => {
    expect(splitSuggestion('您')).toEqual({ replacements: ['您'] });
    expect(splitSuggestion('很受欢迎 / 口碑不错')).toEqual({ replacements: ['很受欢迎', '口碑不错'] });
    expect(splitSuggestion('我们会尽力……，有任何问题随时联系我们')).toEqual({
      replacements: [],
      advice: '我们会尽力……，有任何问题随时联系我们',
    });
    expect(splitSuggestion(undefined)).toEqual({ replacements: [] });
  });

  it('lists compliance risks before tone', () => {
    const i = (kind: WordingIssue['kind'], start: number): WordingIssue => ({
      kind,
      start,
      end: start + 1,
      message: '',
      ruleId: kind,
    });
    const sorted = [i('cold', 0), i('rude', 1), i('promise', 5), i('ad-law', 9), i('cold', 3)].sort(
      byPriority,
    );
    expect(sorted.map((x) => `${x.kind}@${x.start}`)).toEqual([
      'ad-law@9',
      'promise@5',
      'rude@1',
      'cold@0',
      'cold@3',
    ]);
  });
});

describe('waitingSince', () => {
  const seen = () => 999;
  const since = (messages: ChatMessageOnPage[]) => waitingSince(listedMessages(messages), seen);
  it('is the oldest buyer message after the agent’s last reply', () => {
    expect(
      since([
        { from: 'buyer', text: 'a', at: 1 },
        { from: 'agent', text: 'b', at: 2 },
        { from: 'buyer', text: 'c', at: 3 },
        { from: 'buyer', text: 'd', at: 4 },
      ]),
    ).toBe(3);
  });
  it('is null when the agent answered last or there are no messages', () => {
    expect(
      since([
        { from: 'buyer', text: 'a', at: 1 },
        { from: 'agent', text: 'b', at: 2 },
      ]),
    ).toBeNull();
    expect(since([])).toBeNull();
  });
  it('uses when we first saw a message whose time the page does not show', () => {
    expect(since([{ from: 'buyer', text: 'a' }])).toBe(999);
  });
  it('reads only the message it answers with, walking past system notes', () => {
    const read: number[] = [];
    const froms: Array<ChatMessageOnPage['from'] | undefined> = [
      'agent',
      'buyer',
      undefined,
      'buyer',
      'buyer',
    ];
    const trail = {
      length: froms.length,
      from: (i: number) => froms[i],
      read: (i: number): ChatMessageOnPage => {
        read.push(i);
        return { from: 'buyer', text: String(i), at: i * 10 };
      },
    };
    expect(waitingSince(trail, seen)).toBe(10);
    expect(read).toEqual([1]);
    froms.push('agent');
    expect(waitingSince({ ...trail, length: froms.length }, seen)).toBeNull();
  });
});
