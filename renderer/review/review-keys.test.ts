import { describe, expect, it } from 'vitest';
import { isTypingTarget, reviewCommand } from './review-keys.js';

describe('reviewCommand', () => {
  it('maps the review keys', () => {
    expect(reviewCommand({ key: 'j' })).toEqual({ type: 'next' });
    expect(reviewCommand({ key: 'ArrowDown' })).toEqual({ type: 'next' });
    expect(reviewCommand({ key: 'k' })).toEqual({ type: 'previous' });
    expect(reviewCommand({ key: 'ArrowUp' })).toEqual({ type: 'previous' });
    expect(reviewCommand({ key: '4' })).toEqual({ type: 'flag', code: '4' });
    expect(reviewCommand({ key: '0' })).toEqual({ type: 'flag', code: '0' });
    expect(reviewCommand({ key: 'a' })).toEqual({ type: 'approve' });
    expect(reviewCommand({ key: 'n' })).toEqual({ type: 'attention' });
    expect(reviewCommand({ key: 'c' })).toEqual({ type: 'comment' });
    expect(reviewCommand({ key: 'u' })).toEqual({ type: 'undo' });
    expect(reviewCommand({ key: '?' })).toEqual({ type: 'help' });
    expect(reviewCommand({ key: 'Escape' })).toEqual({ type: 'escape' });
  });

  it('leaves other keys and modified keys alone', () => {
    expect(reviewCommand({ key: 'x' })).toBeNull();
    expect(reviewCommand({ key: 'A' })).toBeNull();
    expect(reviewCommand({ key: 'a', ctrlKey: true })).toBeNull();
    expect(reviewCommand({ key: 'c', metaKey: true })).toBeNull();
    expect(reviewCommand({ key: '4', altKey: true })).toBeNull();
  });
});

describe('isTypingTarget', () => {
  it('knows text fields from checkboxes and buttons', () => {
    expect(isTypingTarget({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'search' })).toBe(true);
    expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTypingTarget({ tagName: 'SELECT' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
