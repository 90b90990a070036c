/** All time in the core comes through a Clock, so tests can drive it. Epoch milliseconds. */
export interface Clock {
  now(): number;
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;
/** Symptom durations count a month as 30 days and a year as 365 (design §7). */
export const MONTH = 30 * DAY;
export const YEAR = 365 * DAY;
