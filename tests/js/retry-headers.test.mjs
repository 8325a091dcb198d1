// How the JS shell reads the retry headers (pkg/src/retry-headers.mjs, imported from the source): fixed
// cases from tests/retry-observed.md, then the same functions against the ones @aws-sdk/client-ec2
// 3.1169.0 runs (`getRetryAfterHint` from @smithy/core/retry, `AwsSdkSigV4Signer`'s success and error
// handlers from @aws-sdk/core/httpAuthSchemes) over a corpus and generated values.
import { test } from "node:test";
import assert from "node:assert/strict";
import { getRetryAfterHint } from "@smithy/core/retry";
import { AwsSdkSigV4Signer } from "@aws-sdk/core/httpAuthSchemes";
import { hasAge, retryHintMs, serverDateMs } from "../../pkg/src/retry-headers.mjs";

/** 2023-11-14T22:13:20Z, a whole second; the hints are read 250 ms later. */
const T0 = 1_700_000_000_000;
const NOW = T0 + 250;
const hint = (headers) => retryHintMs(headers, NOW);

test("retry-after: seconds, dates ending in GMT, `… GMT, <seconds>`, future dates Date.parse reads", () => {
  const ra = (v) => hint({ "retry-after": v });
  assert.equal(ra("3"), 3000);
  assert.equal(ra("1.5"), 1500);
  assert.equal(ra("0"), 0);
  assert.equal(ra("whatever GMT, 2"), 2000);
  assert.equal(ra("Tue, 14 Nov 2023 22:13:24 GMT"), 3750);
  assert.equal(ra("Tue, 14 Nov 2023 22:12:50 GMT"), -30_250);
  // parseRfc7231DateTime does not check the weekday, allows a one-digit hour, second 60 and a
  // fraction (truncated to whole ms by Date.UTC).
  assert.equal(ra("Mon, 14 Nov 2023 22:13:24 GMT"), 3750);
  assert.equal(ra("Tue, 14 Nov 2023 22:13:59.9999 GMT"), 39_749);
  assert.equal(ra("Tue, 14 Nov 2023 22:13:60 GMT"), 39_750);
  // RFC 850 (the year in this century, or the next if already past) and ISO 8601 (Date.parse): the
  // SDK reads them (observed: about 3969 and 3985 ms for 4 s ahead), so this does too.
  assert.equal(ra("Tuesday, 14-Nov-23 22:13:24 GMT"), 3750);
  assert.equal(ra("2023-11-14T22:13:24Z"), 3750);
  assert.equal(ra("2023-11-14T22:13:24.5Z"), 4250);
  assert.equal(ra("Tue, 14 Nov 2023 22:13:24 UTC"), 3750);
  // No hint: garbage, a day that does not exist, an hour of 24, a Date.parse date in the past.
  for (const v of ["soon", "2.", "-2", " 3", "3s", "", "x GMT, 2s", "Tue, 31 Nov 2023 22:13:24 GMT", "Tue, 14 Nov 2023 24:00:00 GMT", "2023-11-14T22:13:00Z"]) {
    assert.ok(Number.isNaN(ra(v)), JSON.stringify(v));
  }
  // Not a string (a custom requestHandler's value): the SDK throws a TypeError; no hint here.
  assert.ok(Number.isNaN(ra(3)));
});

test("x-amz-retry-after: milliseconds as Number() reads them, truncated like a Date", () => {
  const xa = (v) => hint({ "x-amz-retry-after": v });
  for (const [v, want] of [["1500", 1500], ["2e3", 2000], ["0x7D0", 2000], ["0b11", 3], ["2000.7", 2000], [" 2000\n", 2000], ["", 0], ["-5", -5], [".5", 0], [1500, 1500]]) {
    assert.equal(xa(v), want, JSON.stringify(v));
  }
  // NaN, and beyond the Date range (the SDK then waits NaN ms): no hint.
  for (const v of ["abc", "1e", "inf", "nan", "12ms", "0xZZ", "-0x10", "1_000", "Infinity", "1e20"]) {
    assert.ok(Number.isNaN(xa(v)), JSON.stringify(v));
  }
});

test("the first retry header decides, names in any case, own properties only", () => {
  assert.ok(Number.isNaN(hint({ "retry-after": "soon", "x-amz-retry-after": "3000" })));
  assert.equal(hint({ "x-amz-retry-after": "3000", "retry-after": "soon" }), 3000);
  assert.equal(hint({ "retry-after": "2", "x-amz-retry-after": "4000" }), 2000);
  assert.equal(hint({ date: "x", "Retry-After": "2" }), 2000);
  assert.equal(hint({ "X-Amz-Retry-After": "7" }), 7);
  assert.ok(Number.isNaN(hint({ "content-type": "text/xml" })));
  assert.ok(Number.isNaN(hint(Object.create({ "retry-after": "2" }))));
  assert.ok(Number.isNaN(hint(undefined)));
});

test("Date and Age headers: Date.parse, undefined when absent, NaN when unreadable", () => {
  const sun = 784_111_777_000; // Sun, 06 Nov 1994 08:49:37 GMT (RFC 9110's example)
  const d = (v) => serverDateMs({ date: v });
  assert.equal(d("Sun, 06 Nov 1994 08:49:37 GMT"), sun);
  assert.equal(d("Sun, 06 Nov 1994 8:49:37 GMT"), sun);
  assert.equal(d("Sun, 06 Nov 1994 08:49:37.5 GMT"), sun + 500);
  assert.equal(d("Tue, 14 Nov 2023 22:13:20 GMT"), T0);
  assert.equal(d("Thu, 29 Feb 2024 00:00:00 GMT"), 1_709_164_800_000);
  // Date.parse reads what an IMF-fixdate parser would not: RFC 850, asctime, ISO 8601, UTC.
  for (const v of ["Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "1994-11-06T08:49:37Z", "Sun, 06 Nov 1994 08:49:37 UTC"]) {
    assert.equal(d(v), sun, v);
  }
  for (const v of ["yesterday-ish", "Wed, 00 Apr 2023 00:00:00 GMT"]) assert.ok(Number.isNaN(d(v)), v);
  // Every value is exactly what Date.parse gives, whatever this engine's Date.parse does with it.
  for (const v of ["Wed, 29 Feb 2023 00:00:00 GMT", "Sun, 06 Nov 1994 08:49:60 GMT", "Sun, 06 Nov 1994 24:00:00 GMT", "Xyz, 06 Nov 1994 08:49:37 GMT"]) {
    assert.ok(Object.is(d(v), Date.parse(v)), v);
  }
  assert.equal(d(""), undefined);
  assert.equal(serverDateMs({}), undefined);
  assert.equal(serverDateMs({ Date: "Tue, 14 Nov 2023 22:13:20 GMT" }), T0);
  assert.equal(serverDateMs({ date: "Tue, 14 Nov 2023 22:13:20 GMT", Date: "x" }), T0);
  assert.equal(serverDateMs(undefined), undefined);
  // Only `date` and `Date`, like getDateHeader.
  assert.equal(serverDateMs({ DATE: "Tue, 14 Nov 2023 22:13:20 GMT" }), undefined);
  assert.equal(hasAge({ age: "5" }), true);
  assert.equal(hasAge({ Age: "" }), true);
  assert.equal(hasAge({ AGE: "5" }), false);
  assert.equal(hasAge({}), false);
  assert.equal(hasAge(undefined), false);
});

// ---------------------------------------------------------------- against the SDK

/** Runs `f` with `Date.now()` fixed at `now` (the SDK reads the clock several times per header). */
function at(now, f) {
  const real = Date.now;
  Date.now = () => now;
  try {
    return f();
  } finally {
    Date.now = real;
  }
}

/** The SDK's hint for `headers` in ms from `now` (NaN for none), as StandardRetryStrategy uses it. */
function sdkHint(headers, now) {
  return at(now, () => {
    const h = getRetryAfterHint({ statusCode: 429, headers });
    return h instanceof Date ? h.getTime() - now : NaN;
  });
}

/** Header values around the formats the SDK distinguishes, plus generated variations of them. */
function corpus(now) {
  const date = new Date(now + 4321);
  const imf = date.toUTCString();
  const weekday = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"][date.getUTCDay()];
  const [, dd, mon, yyyy, time] = /^\w+, (\d\d) (\w+) (\d{4}) (\S+) GMT$/.exec(imf);
  const values = [
    imf,
    `${weekday}, ${dd}-${mon}-${yyyy.slice(2)} ${time} GMT`,
    date.toISOString(),
    date.toString(),
    imf.replace(" GMT", ".25 GMT"),
    imf.replace(/\d\d:/, "7:"),
    imf.replace(/:\d\d GMT/, ":60 GMT"),
    imf.replace(/^\w+/, "Xyz"),
    "Thu, 29 Feb 2024 00:00:00 GMT",
    "Fri, 29 Feb 2023 00:00:00 GMT",
    "Sunday, 06-Nov-94 08:49:37 GMT",
    "Sun Nov  6 08:49:37 1994",
    "3", "1.5", "0", "007", "2.", ".5", "-2", "+2", " 3", "3 ", "3s", "1e3", "0x10", "Infinity", "", "soon",
    "whatever GMT, 2", "x GMT, 2.5", "x GMT, 2.", "a GMT, 1 GMT, 2", "GMT, 2", "1".repeat(400), "9".repeat(20), "2099", "2099-01-01",
  ];
  // Generated: pieces of the formats above, joined at random (seeded).
  const pieces = [...values.slice(0, 12), "GMT", " GMT, ", "1", "25", ".", "-", ":", " ", "e", "Nov", "Sun, "];
  let x = 0x9e3779b9;
  const next = (n) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
  for (let i = 0; i < 2000; i++) {
    let v = "";
    for (let k = next(4) + 1; k > 0; k--) v += pieces[next(pieces.length)];
    values.push(v);
  }
  return values;
}

test("retryHintMs gives the SDK's hint for every value and header order", () => {
  for (const now of [T0 + 250, Date.now()]) {
    for (const v of corpus(now)) {
      for (const headers of [{ "retry-after": v }, { "x-amz-retry-after": v }, { "Retry-After": v, "x-amz-retry-after": "1500" }, { "X-Amz-Retry-After": v, "retry-after": "2" }]) {
        const want = sdkHint(headers, now);
        assert.ok(Object.is(retryHintMs(headers, now), want), `${JSON.stringify(headers)}: SDK ${want}`);
      }
    }
  }
});

/** The clock offset and clockSkewCorrected after the SDK's signer sees a response at `now`. */
function sdkClock(headers, { success, offset, preRequestOffset, sentAt, now }) {
  return at(now, () => {
    const config = { systemClockOffset: offset };
    const props = { config, _preRequestSystemClockOffset: preRequestOffset, _requestSentAt: sentAt };
    const signer = new AwsSdkSigV4Signer();
    const response = { statusCode: success ? 200 : 400, headers };
    if (success) {
      signer.successHandler(response, props);
      return { offset: config.systemClockOffset, corrected: false };
    }
    const error = Object.assign(new Error("AuthFailure"), { $response: response, $metadata: {} });
    assert.throws(() => signer.errorHandler(props)(error));
    return { offset: config.systemClockOffset, corrected: error.$metadata.clockSkewCorrected === true };
  });
}

/** The same from serverDateMs and hasAge, by the rules src/retry/clock.rs and strategy.rs apply. */
function ourClock(headers, { success, offset, preRequestOffset, sentAt, now }) {
  const date = serverDateMs(headers);
  if (date === undefined) return { offset, corrected: false };
  const sampled = !hasAge(headers) && !Number.isNaN(date) && now - sentAt <= 900_000;
  const next = sampled ? date - now : offset;
  const corrected = !success && Math.abs(next) >= 240_000 && next !== preRequestOffset;
  return { offset: next, corrected };
}

test("serverDateMs and hasAge read what the SDK's signer samples for the clock offset", () => {
  const now = T0 + 250;
  const dates = [...corpus(now), "yesterday-ish", "Tue, 14 Nov 2023 23:13:20 GMT"];
  for (const date of dates) {
    for (const extra of [{}, { age: "5" }, { Age: "" }]) {
      for (const name of ["date", "Date"]) {
        const headers = { [name]: date, ...extra };
        // A concurrent call has moved the offset to +1 h since this attempt was signed with 0; and a
        // response that took over 15 minutes.
        for (const ctx of [
          { offset: 7, preRequestOffset: 7, sentAt: now - 10, now },
          { offset: 3_600_000, preRequestOffset: 0, sentAt: now - 10, now },
          { offset: 7, preRequestOffset: 7, sentAt: now - 900_001, now },
        ]) {
          for (const success of [true, false]) {
            const c = { ...ctx, success };
            assert.deepEqual(ourClock(headers, c), sdkClock(headers, c), `${JSON.stringify(headers)} ${JSON.stringify(c)}`);
          }
        }
      }
    }
  }
  // Why an unreadable Date is NaN and not undefined: the SDK still counts a concurrent correction.
  const concurrent = { success: false, offset: 3_600_000, preRequestOffset: 0, sentAt: now, now };
  assert.deepEqual(sdkClock({ date: "yesterday-ish" }, concurrent), { offset: 3_600_000, corrected: true });
  assert.deepEqual(sdkClock({}, concurrent), { offset: 3_600_000, corrected: false });
});
