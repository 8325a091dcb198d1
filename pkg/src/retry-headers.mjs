// The response headers the retry strategy reads, turned into numbers for the core's retryError and
// retrySuccess exactly as @aws-sdk/client-ec2 3.1169.0 reads them, with the same JS built-ins
// (Number, Date.parse, Date.UTC, new Date): the retry hint as `parseRetryAfterHeader` in
// @smithy/core/dist-es/submodules/retry/middleware-retry/parseRetryAfterHeader.js, the Date and Age
// headers as `getDateHeader`, `getAgeHeader` and `getUpdatedSystemClockOffset` in
// @aws-sdk/core/dist-es/submodules/httpAuthSchemes/utils/. tests/js/retry-headers.test.mjs checks
// them against those functions.

const MONTH = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
const TIME = "(\\d\\d?):(\\d\\d):(\\d\\d)(?:\\.(\\d+))? GMT$";
// The two forms of `parseRfc7231DateTime` (@smithy/core/serde date-utils.js) that end in GMT, the
// only ones the SDK hands it: IMF-fixdate and RFC 850 (two-digit year).
const IMF_FIXDATE = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d\\d) ${MONTH} (\\d{4}) ${TIME}`);
const RFC_850 = new RegExp(`^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (\\d\\d)-${MONTH}-(\\d\\d) ${TIME}`);
const MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
// date-utils.js moves an RFC 850 date more than 50 years (of 365 days) ahead back a century.
const FIFTY_YEARS_MS = 50 * 365 * 86_400_000;

/**
 * `parseRfc7231DateTime` for a value ending in GMT: epoch ms, or NaN where it throws. The weekday is
 * not checked against the date; the day must exist in its month, hours go to 23, seconds to 60.
 * An RFC 850 year is the first not before `nowMs`'s year with those two digits (the SDK asks the
 * clock, `new Date()`).
 */
function gmtDateMs(value, nowMs) {
  const rfc850 = !IMF_FIXDATE.test(value);
  const m = (rfc850 ? RFC_850 : IMF_FIXDATE).exec(value);
  if (!m) return NaN;
  const [, day, monthName, yearDigits, hours, minutes, seconds, fraction] = m;
  const month = MONTHS.indexOf(monthName) / 3;
  let year = +yearDigits;
  if (rfc850) {
    const thisYear = new Date(nowMs).getUTCFullYear();
    year += Math.floor(thisYear / 100) * 100;
    if (year < thisYear) year += 100;
  }
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysInMonth = month === 1 && leap ? 29 : DAYS_IN_MONTH[month];
  if (+day < 1 || +day > daysInMonth || +hours > 23 || +minutes > 59 || +seconds > 60) return NaN;
  // Date.UTC truncates the milliseconds (and reads years 0 to 99 as 1900 to 1999), as in the SDK.
  const ms = fraction === undefined ? 0 : Number("0." + fraction) * 1000;
  const t = Date.UTC(year, month, +day, +hours, +minutes, +seconds, ms);
  if (!rfc850 || t - nowMs <= FIFTY_YEARS_MS) return t;
  const d = new Date(t);
  return d.setUTCFullYear(d.getUTCFullYear() - 100);
}

/** A `retry-after` value in seconds from `nowMs`, or NaN when the SDK reads no hint from it. */
function retryAfterSeconds(value, nowMs) {
  if (value.endsWith("GMT")) return (gmtDateMs(value, nowMs) - nowMs) / 1000;
  const tail = / GMT, (\d+(?:\.\d+)?)$/.exec(value);
  if (tail) return Number(tail[1]);
  if (/^\d+(?:\.\d+)?$/.test(value)) return Number(value);
  // Anything else Date.parse reads (ISO 8601, dates without GMT…), if it is not in the past.
  const t = Date.parse(value);
  return t >= nowMs ? (t - nowMs) / 1000 : NaN;
}

/**
 * The server's retry hint in ms from `nowMs` (whole ms; negative for a date in the past), or NaN for
 * none. The first own `retry-after` or `x-amz-retry-after` header (names in any case, in the object's
 * order) decides; if it does not parse there is no hint, the other one is not read. `retry-after`: an
 * RFC 7231 date ending in GMT, `… GMT, <seconds>`, decimal seconds, or a future date that Date.parse
 * reads; `x-amz-retry-after`: milliseconds as `Number()` reads them (blank is 0).
 *
 * The SDK keeps the hint as `new Date(Date.now() + ms)`; where that is an Invalid Date (a hint beyond
 * the Date range, e.g. `x-amz-retry-after: 1e20`) it waits NaN ms (about 0) and reports a NaN
 * `totalRetryDelay`. That case, and a `retry-after` that is not a string (the SDK throws a TypeError),
 * give NaN here: the core then uses the plain backoff.
 */
export function retryHintMs(headers, nowMs) {
  for (const name in headers) {
    if (!Object.prototype.hasOwnProperty.call(headers, name)) continue;
    const lower = name.toLowerCase();
    const value = headers[name];
    let ms;
    if (lower === "retry-after") ms = typeof value === "string" ? retryAfterSeconds(value, nowMs) * 1000 : NaN;
    else if (lower === "x-amz-retry-after") ms = Number(value);
    else continue;
    return new Date(nowMs + ms).getTime() - nowMs;
  }
  return NaN;
}

/**
 * The `Date` header (`date`, else `Date`) as Date.parse reads it: undefined when there is none or it
 * is empty, NaN when it does not parse. On an error the difference matters: with any Date header the
 * SDK checks for a clock skew correction (possibly made by a concurrent call) even if it cannot
 * parse it.
 */
export function serverDateMs(headers) {
  const date = headers?.date ?? headers?.Date;
  return date ? Date.parse(date) : undefined;
}

/** Whether the response has an `Age` header (`age`, else `Age`): then its Date is not sampled. */
export function hasAge(headers) {
  return (headers?.age ?? headers?.Age) !== undefined;
}
