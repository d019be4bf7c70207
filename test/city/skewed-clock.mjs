// Test preload for the clock-skew test: this process's clock runs HALLQ_TEST_CLOCK_SKEW_MS ahead (or behind),
// as a hall box whose clock was never set would. Loaded with --import by test/city/city-processes.ts only.
const skew = Number(process.env.HALLQ_TEST_CLOCK_SKEW_MS ?? 0);
const realNow = Date.now.bind(Date);
const RealDate = Date;
Date.now = () => realNow() + skew;
globalThis.Date = class extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(realNow() + skew);
    else super(...args);
  }
  static now() {
    return realNow() + skew;
  }
};
