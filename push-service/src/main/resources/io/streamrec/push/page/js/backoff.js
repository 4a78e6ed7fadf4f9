// Exponential backoff with full jitter: after the n-th failed attempt wait a random time in
// [0, min(max, base * 2^n)], so that clients dropped together (a restart) do not come back together.
export class Backoff {
  constructor({ baseMs = 500, maxMs = 15000, random = Math.random } = {}) {
    this.baseMs = baseMs;
    this.maxMs = maxMs;
    this.random = random;
    this.attempts = 0;
  }

  next() {
    const ceiling = Math.min(this.maxMs, this.baseMs * 2 ** this.attempts);
    this.attempts += 1;
    return Math.round(this.random() * ceiling);
  }

  reset() {
    this.attempts = 0;
  }
}
