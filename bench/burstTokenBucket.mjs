/**
 * A token bucket as Step Functions applies it to an account's API calls: `bucket` tokens at most,
 * `refillPerSecond` added continuously, one taken per accepted call; a call that finds no token is
 * throttled and takes none. AWS's SendTask* quota is a bucket of 3,000 with a refill of 500 per
 * second in the big Regions (1,500/300 elsewhere): the same 6-second ratio as 12 with 2 per second.
 *
 * @example
 * const bucket = tokenBucket({ bucket: 12, refillPerSecond: 2 });
 * bucket.take(); // true while tokens are left
 */
export function tokenBucket({ bucket, refillPerSecond, now = () => performance.now() }) {
  let tokens = bucket;
  let updatedAt = now();
  return {
    take() {
      const at = now();
      tokens = Math.min(bucket, tokens + ((at - updatedAt) / 1000) * refillPerSecond);
      updatedAt = at;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}

/**
 * The shortest time a burst of `count` calls can take to get through the bucket: the first
 * `bucket` pass at once, each later one waits for a refill.
 */
export function theoreticalDrainMs({ count, bucket, refillPerSecond }) {
  return (Math.max(0, count - bucket) / refillPerSecond) * 1000;
}
