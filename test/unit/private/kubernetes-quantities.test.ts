import * as fc from 'fast-check';
import {
  BYTES_PER_MIB,
  QuantityParse,
  formatCpu,
  formatMemory,
  parseCpuQuantity,
  parseMemoryQuantity,
} from '../../../lib/private/kubernetes-quantities';

/** Seeded and bounded, so a failure reproduces (fast-check prints the seed and the counterexample). */
const RUNS = { seed: Number(process.env.PROPERTY_SEED ?? 29), numRuns: Number(process.env.PROPERTY_RUNS ?? 300) };

const value = (r: QuantityParse): number => {
  if (!r.ok) throw new Error(`expected a value, got: ${r.reason}`);
  return r.value;
};
const reason = (r: QuantityParse): string => {
  if (r.ok) throw new Error(`expected a refusal, got ${r.value}`);
  return r.reason;
};

describe('parseCpuQuantity', () => {
  test.each([
    // [text, millicores]
    ['250m', 250],
    ['0.5', 500], // 0.5 core × 1000
    ['2', 2000],
    ['1.5', 1500],
    ['.5', 500], // <number> ::= .<digits>
    ['1.', 1000], // <number> ::= <digits>.
    ['+1', 1000],
    ['-0', 0], // minus zero is zero, not negative
    ['0', 0],
  ])('%s is %d millicores', (text, millis) => {
    expect(value(parseCpuQuantity(text))).toBe(millis);
  });

  test('decimal SI suffixes and exponents scale by powers of ten', () => {
    expect(value(parseCpuQuantity('1k'))).toBe(1_000_000); // 1000 cores
    expect(value(parseCpuQuantity('2e0'))).toBe(2000);
    expect(value(parseCpuQuantity('1.5e3'))).toBe(1_500_000); // 1500 cores
    expect(value(parseCpuQuantity('1E3'))).toBe(1_000_000); // E followed by digits is an exponent...
    expect(value(parseCpuQuantity('1e+1'))).toBe(10_000);
    expect(value(parseCpuQuantity('1e-3'))).toBe(1); // 0.001 core
    expect(value(parseCpuQuantity('1Ki'))).toBe(1_024_000); // binary suffixes are legal for CPU too
  });

  test('precision finer than 1m is rounded up, as the scheduler counts it (MilliValue is ceil)', () => {
    expect(value(parseCpuQuantity('0.0001'))).toBe(1); // 0.1m → 1m
    expect(value(parseCpuQuantity('0.0005'))).toBe(1);
    expect(value(parseCpuQuantity('1.0001'))).toBe(1001); // 1000.1m → 1001m
    expect(value(parseCpuQuantity('100n'))).toBe(1); // 0.0001m → 1m
    expect(value(parseCpuQuantity('1500u'))).toBe(2); // 1.5m → 2m
    expect(value(parseCpuQuantity('2000u'))).toBe(2); // exactly 2m stays 2m
    expect(value(parseCpuQuantity('1e-99999'))).toBe(1); // tiny but not zero: 1m, without building 10^99999
    expect(value(parseCpuQuantity('0e99999'))).toBe(0);
  });

  test('surrounding spaces are trimmed, as the API server trims a manifest value', () => {
    expect(value(parseCpuQuantity('  250m\t'))).toBe(250);
  });

  test.each([
    ['', /empty/],
    ['   ', /empty/],
    ['-1', /"-1" is negative/],
    ['-250m', /negative/],
    ['1e3m', /unknown suffix "e3m"/], // an exponent takes no further suffix
    ['1K', /unknown suffix "K"/], // suffixes are case-sensitive
    ['1MI', /unknown suffix "MI"/],
    ['1mi', /unknown suffix "mi"/],
    ['1 m', /unknown suffix " m"/],
    ['1..5', /unknown suffix "\.5"/],
    ['0x10', /unknown suffix "x10"/],
    ['1e', /unknown suffix "e"/],
    ['1e3.5', /unknown suffix "e3\.5"/],
    ['.', /has no digits/], // Kubernetes reads these as 0; refused here as typos
    ['+', /has no digits/],
    ['m', /has no digits/],
    ['abc', /has no digits|unknown suffix/],
    ['1e2147483648', /exponent .* is out of range/],
  ])('refuses %j', (text, why) => {
    expect(reason(parseCpuQuantity(text))).toMatch(why);
  });

  test('the reason lists what is allowed', () => {
    expect(reason(parseCpuQuantity('1K'))).toContain('m, k, M, G, T, P, E (powers of 1000), Ki, Mi, Gi, Ti, Pi, Ei (powers of 1024)');
  });

  test('a value the library cannot count exactly is refused, not rounded', () => {
    expect(value(parseCpuQuantity('9007199254740991m'))).toBe(Number.MAX_SAFE_INTEGER);
    expect(reason(parseCpuQuantity('9007199254740992m'))).toMatch(/more CPU than this library can count/);
    expect(reason(parseCpuQuantity('1e99'))).toMatch(/more CPU than this library can count/);
    expect(reason(parseCpuQuantity('1Ei'))).toMatch(/more CPU/); // 2^60 cores
    expect(value(parseCpuQuantity('250M'))).toBe(250_000_000_000); // 250 million cores: legal, and countable
  });
});

describe('parseMemoryQuantity', () => {
  test.each([
    // [text, bytes]
    ['512Mi', 512 * 1024 * 1024], // 536870912
    ['1Gi', 1024 ** 3],
    ['1G', 1e9],
    ['128974848', 128974848],
    ['129e6', 129_000_000],
    ['123M', 123_000_000],
    ['1.5Gi', 1.5 * 1024 ** 3], // 1610612736
    ['0.5Ki', 512],
    ['1Ki', 1024],
    ['1Pi', 2 ** 50],
    ['0', 0],
  ])('%s is %d bytes', (text, bytes) => {
    expect(value(parseMemoryQuantity(text))).toBe(bytes);
  });

  test('fractions of a byte round up to whole bytes', () => {
    expect(value(parseMemoryQuantity('1.5'))).toBe(2);
    expect(value(parseMemoryQuantity('0.1Ki'))).toBe(103); // 102.4 → 103
  });

  test('legal but likely mistaken values carry a note', () => {
    const milli = parseMemoryQuantity('512m');
    expect(milli).toEqual({ ok: true, value: 1, note: '"512m" is a fraction of a byte ("m" is milli); for mebibytes write 512Mi' });
    expect(parseMemoryQuantity('5u')).toMatchObject({ ok: true, value: 1, note: expect.stringContaining('"u" is micro') });
    expect(parseMemoryQuantity('5n')).toMatchObject({ note: expect.stringContaining('"n" is nano') });
    expect(parseMemoryQuantity('512')).toEqual({ ok: true, value: 512, note: '"512" is 512 bytes; for mebibytes write 512Mi' });
    expect(parseMemoryQuantity('1048575')).toMatchObject({ value: BYTES_PER_MIB - 1, note: expect.stringContaining('1048575 bytes') });
    // no note at 1 MiB and above, for zero, or with a binary suffix
    expect(parseMemoryQuantity('1048576')).toEqual({ ok: true, value: BYTES_PER_MIB });
    expect(parseMemoryQuantity('0')).toEqual({ ok: true, value: 0 });
    expect(parseMemoryQuantity('0m')).toEqual({ ok: true, value: 0 });
    expect(parseMemoryQuantity('1Ki')).toEqual({ ok: true, value: 1024 });
  });

  test.each([
    ['-1Gi', /negative/],
    ['512mi', /unknown suffix "mi"/],
    ['512MB', /unknown suffix "MB"/],
    ['1 Gi', /unknown suffix " Gi"/],
    ['Gi', /has no digits/],
    ['1Ei', /more memory than this library can count/], // 2^60 bytes
    ['1e16', /more memory/],
  ])('refuses %j', (text, why) => {
    expect(reason(parseMemoryQuantity(text))).toMatch(why);
  });
});

describe('formatCpu', () => {
  test.each([
    [250, '250m'],
    [1000, '1'],
    [1500, '1500m'],
    [2000, '2'],
    [0, '0'],
    [0.2, '1m'], // a fraction of a millicore counts as 1m
    [1_000_000, '1k'], // 1000 cores, as Kubernetes writes it
    [1_500_000, '1500'],
    [2_000_000_000, '2M'],
  ])('%d millicores is %s', (millis, text) => {
    expect(formatCpu(millis)).toBe(text);
  });

  test.each([-1, NaN, Infinity, 2 ** 53])('refuses %d', (millis) => {
    expect(() => formatCpu(millis)).toThrow(RangeError);
  });
});

describe('formatMemory', () => {
  test.each([
    [512, '512Mi'],
    [1024, '1Gi'],
    [1536, '1536Mi'],
    [0.5, '512Ki'],
    [0, '0'],
    [1 / BYTES_PER_MIB, '1'], // one byte
    [1 + 1 / BYTES_PER_MIB, '1048577'], // not a whole KiB: bytes
    [1024 * 1024, '1Ti'],
  ])('%d MiB is %s', (mib, text) => {
    expect(formatMemory(mib)).toBe(text);
  });

  test.each([-1, NaN, Infinity, 2 ** 40])('refuses %d', (mib) => {
    expect(() => formatMemory(mib)).toThrow(RangeError);
  });
});

describe('properties', () => {
  test('formatCpu then parseCpuQuantity gives the millicores back', () => {
    fc.assert(fc.property(fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.maxSafeNat()), (millis) => {
      expect(value(parseCpuQuantity(formatCpu(millis)))).toBe(millis);
    }), RUNS);
  });

  test('formatMemory then parseMemoryQuantity gives the bytes back', () => {
    const bytes = fc.oneof(fc.integer({ min: 0, max: 2 ** 34 }), fc.integer({ min: 0, max: 2 ** 33 }).map((n) => n * 1024), fc.maxSafeNat());
    fc.assert(fc.property(bytes, (b) => {
      expect(value(parseMemoryQuantity(formatMemory(b / BYTES_PER_MIB)))).toBe(b);
    }), RUNS);
  });

  test('every suffix scales as its definition says, fractions included', () => {
    const decimal = fc.constantFrom<[string, number]>(['', 0], ['k', 3], ['M', 6], ['G', 9], ['m', -3]);
    const binary = fc.constantFrom<[string, number]>(['Ki', 10], ['Mi', 20], ['Gi', 30]);
    fc.assert(fc.property(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 3 }), decimal, binary, (n, places, [dec, p10], [bin, p2]) => {
      // n / 10^places with the suffix; the exact value rounded up, computed with BigInt
      const text = places === 0 ? `${n}` : `${Math.floor(n / 10 ** places)}.${String(n % 10 ** places).padStart(places, '0')}`;
      const ceil = (num: bigint, den: bigint): number => Number((num + den - BigInt(1)) / den);
      const exp10 = p10 - places;
      const expectedDec = exp10 >= 0 ? ceil(BigInt(n) * BigInt(10) ** BigInt(exp10), BigInt(1)) : ceil(BigInt(n), BigInt(10) ** BigInt(-exp10));
      expect(value(parseMemoryQuantity(`${text}${dec}`))).toBe(expectedDec);
      expect(value(parseMemoryQuantity(`${text}${bin}`))).toBe(ceil(BigInt(n) * BigInt(2) ** BigInt(p2), BigInt(10) ** BigInt(places)));
      expect(value(parseMemoryQuantity(`${text}e${p10}`))).toBe(expectedDec); // the exponent form equals the SI suffix
    }), RUNS);
  });

  test('any string is either a value or a reason, never an exception', () => {
    const chars = fc.constantFrom(...'0123456789.+-eEkKmMGTPinu '.split(''));
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: chars, maxLength: 12 })), (text) => {
      for (const r of [parseCpuQuantity(text), parseMemoryQuantity(text)]) {
        if (r.ok) {
          expect(Number.isSafeInteger(r.value) && r.value >= 0).toBe(true);
        } else {
          expect(r.reason.length).toBeGreaterThan(0);
        }
      }
    }), RUNS);
  });
});
