import { App, Lazy, Stack } from 'aws-cdk-lib';
import * as fc from 'fast-check';
import { ValidationError } from '../../../lib/errors';
import {
  daysBetween, isCalendarDay, kubernetesMinor, SUPPORT_DATE_CONTEXT, supportDate, SupportPhase, supportStatus, todayUtc,
} from '../../../lib/private/kubernetes-calendar';

describe('supportStatus', () => {
  test('a version is in standard support until the day its standard support ends, which is the first day of extended support', () => {
    // 1.34: EKS release 2025-10-02, end of standard support 2026-12-02, of extended support 2027-12-02.
    expect(supportStatus(34, '2026-12-01')).toEqual({
      phase: SupportPhase.STANDARD, endOfStandard: '2026-12-02', endOfExtended: '2027-12-02', oldestStandardMinor: 34, oldestAvailableMinor: 32,
    });
    expect(supportStatus(34, '2026-12-02')).toMatchObject({ phase: SupportPhase.EXTENDED, oldestStandardMinor: 35, oldestAvailableMinor: 32 });
    expect(supportStatus(34, '2027-12-01')).toMatchObject({ phase: SupportPhase.EXTENDED });
    expect(supportStatus(34, '2027-12-02')).toMatchObject({ phase: SupportPhase.ENDED, oldestAvailableMinor: 35 });
  });

  test('the calendar as the EKS User Guide lists it', () => {
    const listed = [29, 30, 31, 32, 33, 34, 35].map((minor) => {
      const { endOfStandard, endOfExtended } = supportStatus(minor, '2026-12-07');
      return [minor, endOfStandard, endOfExtended] as const;
    });
    expect(listed).toEqual([
      [29, '2025-03-23', '2026-03-23'],
      [30, '2025-07-23', '2026-07-23'],
      [31, '2025-11-26', '2026-11-26'],
      [32, '2026-03-23', '2027-03-23'],
      [33, '2026-07-29', '2027-07-29'],
      [34, '2026-12-02', '2027-12-02'],
      [35, '2027-03-27', '2028-03-27'],
    ]);
    // Extended support is 12 months after the 14 of standard support.
    for (const [, endOfStandard, endOfExtended] of listed) {
      expect(daysBetween(endOfStandard!, endOfExtended!)).toBeGreaterThanOrEqual(365);
      expect(daysBetween(endOfStandard!, endOfExtended!)).toBeLessThanOrEqual(366);
    }
  });

  test('versions older than the calendar have ended; newer ones are in standard support, without dates', () => {
    expect(supportStatus(28, '2024-01-01').phase).toBe(SupportPhase.ENDED);
    expect(supportStatus(36, '2030-01-01')).toEqual({ phase: SupportPhase.STANDARD, oldestStandardMinor: 36, oldestAvailableMinor: 36 });
  });

  test('on any day, an older version is never in a better phase than a newer one', () => {
    const order = [SupportPhase.STANDARD, SupportPhase.EXTENDED, SupportPhase.ENDED];
    const day = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }).map((ms) => new Date(ms).toISOString().slice(0, 10));
    fc.assert(fc.property(day, fc.integer({ min: 25, max: 40 }), (d, minor) => {
      const older = supportStatus(minor, d);
      const newer = supportStatus(minor + 1, d);
      expect(order.indexOf(older.phase)).toBeGreaterThanOrEqual(order.indexOf(newer.phase));
      expect(older.oldestStandardMinor).toBe(newer.oldestStandardMinor);
      expect(supportStatus(older.oldestStandardMinor, d).phase).toBe(SupportPhase.STANDARD);
      if (older.oldestAvailableMinor > 29) expect(supportStatus(older.oldestAvailableMinor - 1, d).phase).toBe(SupportPhase.ENDED);
    }));
  });
});

describe('calendar days', () => {
  test.each(['2026-12-07', '2028-02-29', '2027-01-01'])('%s is a day', (day) => {
    expect(isCalendarDay(day)).toBe(true);
  });

  test.each(['2026-02-29', '2026-13-01', '2026-12-7', '2026-12-07T00:00:00Z', 'today', ''])('%j is not', (day) => {
    expect(isCalendarDay(day)).toBe(false);
  });

  test('days between two days, across a leap day', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2027-01-26', '2027-03-27')).toBe(60);
    expect(daysBetween('2027-03-27', '2027-01-26')).toBe(-60);
  });
});

describe('supportDate', () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.CDK_CONTEXT_JSON;
    delete process.env.CDK_CONTEXT_JSON; // the unit tier's fixed day (test/support/unit-setup.ts)
  });
  afterEach(() => {
    process.env.CDK_CONTEXT_JSON = saved;
  });

  test('is today (UTC) unless the context fixes it', () => {
    const stack = new Stack(new App(), 'Test');
    expect(supportDate(stack)).toBe(todayUtc());
    expect(todayUtc()).toBe(new Date().toISOString().slice(0, 10));
    const fixed = new Stack(new App({ context: { [SUPPORT_DATE_CONTEXT]: '2027-05-01' } }), 'Test');
    expect(supportDate(fixed)).toBe('2027-05-01');
  });

  test.each([['2027-02-30'], [20270501], [true]])('a context value that is not a day (%j) is a ValidationError', (value) => {
    const stack = new Stack(new App({ context: { [SUPPORT_DATE_CONTEXT]: value } }), 'Test');
    expect(() => supportDate(stack)).toThrow(ValidationError);
    expect(() => supportDate(stack)).toThrow(`[Test] context ${SUPPORT_DATE_CONTEXT}: got ${JSON.stringify(value)}; allowed: a day written YYYY-MM-DD`);
  });
});

describe('kubernetesMinor', () => {
  test('parses 1.NN', () => {
    expect(kubernetesMinor('1.37')).toBe(37);
    expect(kubernetesMinor('1.100')).toBe(100);
  });

  test.each(['latest', '2.1', '1.33.1', 'v1.33', ''])('%j is not a version', (version) => {
    expect(kubernetesMinor(version)).toBeUndefined();
  });

  test('a token is not parsed', () => {
    expect(kubernetesMinor(Lazy.string({ produce: () => '1.37' }))).toBeUndefined();
  });
});
