/**
 * HAR times (`startedDateTime`) to milliseconds. Date.parse is a general parser (legacy formats,
 * time zones by name): on a 100,000-entry log it cost a tenth of normalizing it. Browsers write
 * one form, ISO 8601 with a fraction and Z or an offset, and that form is read here; anything
 * else goes to Date.parse, so the result is Date.parse's in every case
 * (test/unit/har-time.test.ts compares them on generated times).
 */

/** Milliseconds since the epoch of a HAR time; NaN when it is not a time. */
export function parseHarTime(text: string): number {
  return parseIsoTime(text) ?? Date.parse(text);
}

/**
 * YYYY-MM-DDTHH:MM:SS, an optional fraction (milliseconds are its first three digits, as V8
 * reads them), then Z or ±HH:MM. Undefined for anything else, including the forms Date.parse
 * also accepts (lower-case t or z, a space for T, 24:00, years before 100, no seconds).
 */
export function parseIsoTime(text: string): number | undefined {
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH || text.charCodeAt(10) !== T
    || text.charCodeAt(13) !== COLON || text.charCodeAt(16) !== COLON) return undefined;
  // digits() is -1 where a digit is missing. Date.UTC reads years 0–99 as 1900–1999.
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23
    || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  let at = 19;
  let millis = 0;
  if (text.charCodeAt(at) === DOT) {
    const start = ++at;
    while (at < text.length && isDigit(text.charCodeAt(at))) at++;
    if (at === start) return undefined;
    // The first three digits, padded: ".5" is 500 ms.
    for (let i = 0; i < 3; i++) millis = millis * 10 + (start + i < at ? text.charCodeAt(start + i) - ZERO : 0);
  }
  let offset = 0;
  const zone = text.charCodeAt(at);
  if (zone === Z) {
    if (at + 1 !== text.length) return undefined;
  } else if (zone === PLUS || zone === DASH) {
    const hours = digits(text, at + 1, 2);
    const minutes = digits(text, at + 4, 2);
    if (text.charCodeAt(at + 3) !== COLON || at + 6 !== text.length || hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return undefined;
    offset = (zone === PLUS ? 1 : -1) * (hours * 60 + minutes) * 60_000;
  } else {
    return undefined;
  }
  // Date.UTC's arithmetic, without its call (a seventh of this function's time).
  return daysFromCivil(year, month, day) * DAY + hour * 3_600_000 + minute * 60_000 + second * 1000 + millis - offset;
}

const DAY = 86_400_000;

/**
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar (year ≥ 0, month 1–12; a
 * day past the month's end runs into the next month, as in Date.UTC). Howard Hinnant's
 * days_from_civil: years counted from March, so the leap day ends a year.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

const ZERO = 48;
const DASH = 45;
const PLUS = 43;
const COLON = 58;
const DOT = 46;
const T = 84;
const Z = 90;
const isDigit = (code: number) => code >= ZERO && code <= ZERO + 9;

/** The decimal number of `count` digits at `at`, or -1 if they are not all digits. */
function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const code = text.charCodeAt(i);
    if (!isDigit(code)) return -1;
    value = value * 10 + code - ZERO;
  }
  return value;
}
