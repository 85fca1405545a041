import {
  ContinueTokenError,
  decodeContinueToken,
  encodeContinueToken,
} from './continueToken';

describe('continue tokens', () => {
  it('round-trips', () => {
    const state = { snapshot: 'ab12', bucket: '|Pod', rv: 42, index: 500 };
    const token = encodeContinueToken(state);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeContinueToken(token)).toEqual(state);
  });

  it.each([
    ['not base64 !!!'],
    [Buffer.from('not json').toString('base64url')],
    [
      Buffer.from(
        JSON.stringify({ v: 'other', s: 'a', b: 'b', rv: 1, i: 0 }),
      ).toString('base64url'),
    ],
    [
      Buffer.from(
        JSON.stringify({ v: 'ks1', s: 'a', b: 'b', rv: 1, i: -1 }),
      ).toString('base64url'),
    ],
  ])('rejects %s', token => {
    expect(() => decodeContinueToken(token)).toThrow(ContinueTokenError);
    expect(() => decodeContinueToken(token)).toThrow(
      /continue key is not valid/,
    );
  });
});
