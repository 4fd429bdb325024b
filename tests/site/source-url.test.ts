/** sourceUrlOf: a content file's address in the repository, from CERTIDOCS_SOURCE_URL, or none. */
import { afterEach, describe, expect, it } from 'vitest';
import { sourceUrlOf } from '../../src/site/build-facts.ts';

const FILE = 'content/certifications/rncp39853.yaml';
const saved = process.env.CERTIDOCS_SOURCE_URL;
afterEach(() => {
  if (saved === undefined) delete process.env.CERTIDOCS_SOURCE_URL;
  else process.env.CERTIDOCS_SOURCE_URL = saved;
});

describe('sourceUrlOf', () => {
  it('is undefined when the deployment does not say where the repository is', () => {
    delete process.env.CERTIDOCS_SOURCE_URL;
    expect(sourceUrlOf(FILE)).toBeUndefined();
  });

  it.each([
    [
      'https://github.com/org/certidocs/blob/0123abc/',
      'https://github.com/org/certidocs/blob/0123abc/content/certifications/rncp39853.yaml',
    ],
    // Without its final slash, the last segment (the commit) is kept, not replaced.
    [
      'https://github.com/org/certidocs/blob/0123abc',
      'https://github.com/org/certidocs/blob/0123abc/content/certifications/rncp39853.yaml',
    ],
    [
      'https://gitlab.com/org/certidocs/-/blob/main/site/',
      'https://gitlab.com/org/certidocs/-/blob/main/site/content/certifications/rncp39853.yaml',
    ],
  ])('puts the file under %s', (base, url) => {
    process.env.CERTIDOCS_SOURCE_URL = base;
    expect(sourceUrlOf(FILE)).toBe(url);
  });

  it('ignores what is not an http(s) address', () => {
    for (const base of ['', 'javascript:alert(1)//', 'file:///etc/', 'github.com/org/certidocs/']) {
      process.env.CERTIDOCS_SOURCE_URL = base;
      expect(sourceUrlOf(FILE), base).toBeUndefined();
    }
  });
});
