using System.Threading.RateLimiting;
using RedisRateLimiting;
using StackExchange.Redis;

namespace EmulationApi.Api.Security;

/// <summary>
/// The one way the rate limits get their token buckets. Without RateLimiting:Redis each bucket lives in this instance's
/// memory, so N instances behind a balancer allow N times the rate. With it, each bucket lives in that Redis and every
/// instance draws on the same one. While Redis does not answer, each instance falls back to a bucket of its own
/// (per-instance limits, as without Redis) and logs a warning once per outage: a request is never refused or failed
/// because the limiter's store is down.
/// </summary>
public sealed class RateLimitBuckets : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer>? _redis;
    private readonly ILogger<RateLimitBuckets> _logger;
    private int _redisDown;

    /// <summary>Buckets in memory, or in the Redis that <paramref name="redis"/> names.</summary>
    /// <param name="redis">The Redis configuration (StackExchange.Redis syntax), or null for buckets in memory.</param>
    /// <param name="logger">Where an outage of Redis is told.</param>
    public RateLimitBuckets(ConfigurationOptions? redis, ILogger<RateLimitBuckets> logger)
    {
        _logger = logger;
        if (redis is null) return;
        // Never wait for Redis: without a connection a command fails at once and the instance's own bucket answers.
        redis.AbortOnConnectFail = false;
        redis.BacklogPolicy = BacklogPolicy.FailFast;
        _redis = new Lazy<ConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(redis));
    }

    /// <summary>
    /// Reads RateLimiting:Redis: null when unset or blank; a value StackExchange.Redis cannot read stops the API at start-up.
    /// </summary>
    public static ConfigurationOptions? ParseRedis(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        try
        {
            var options = ConfigurationOptions.Parse(value.Trim());
            return options.EndPoints.Count > 0 ? options
                : throw new InvalidOperationException("RateLimiting:Redis names no server; give host:port, e.g. 127.0.0.1:6379.");
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"RateLimiting:Redis is not a Redis configuration (host:port[,option=value…]): {e.Message}", e);
        }
    }

    /// <summary>
    /// A token bucket of <paramref name="perMinute"/> requests a minute for one client under one limit; the bucket's
    /// name in Redis is made of both, so a client's import allowance and general allowance stay apart.
    /// </summary>
    public RateLimitPartition<string> TokenBucket(string limit, string partition, int perMinute)
    {
        if (_redis is null) return RateLimitPartition.GetTokenBucketLimiter(partition, _ => Bucket(perMinute));
        return RateLimitPartition.Get(partition, key =>
        {
            var local = Bucket(perMinute);
            var shared = new RedisTokenBucketRateLimiter<string>($"emulation:{limit}:{key}", new RedisTokenBucketRateLimiterOptions
            {
                ConnectionMultiplexerFactory = () => _redis.Value,
                TokenLimit = local.TokenLimit,
                TokensPerPeriod = local.TokensPerPeriod,
                ReplenishmentPeriod = local.ReplenishmentPeriod,
            });
            return new SharedBucket(shared, local, this);
        });
    }

    /// <summary>A bucket holding a minute's allowance, refilled every second (every few seconds under 60 a minute).</summary>
    internal static TokenBucketRateLimiterOptions Bucket(int perMinute) => new()
    {
        TokenLimit = Math.Max(1, perMinute),
        TokensPerPeriod = Math.Max(1, perMinute / 60),
        ReplenishmentPeriod = TimeSpan.FromSeconds(perMinute >= 60 ? 1 : 60.0 / Math.Max(1, perMinute)),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private void RedisAnswered()
    {
        if (Interlocked.Exchange(ref _redisDown, 0) == 1)
            _logger.LogInformation("Redis answers again: the rate limits are shared by the instances again");
    }

    private void RedisFailed(Exception e)
    {
        if (Interlocked.Exchange(ref _redisDown, 1) == 0)
            _logger.LogWarning(e, "Redis does not answer: until it does, this instance counts the rate limits on its own (each instance allows the full rate)");
    }

    public void Dispose()
    {
        if (_redis is { IsValueCreated: true }) _redis.Value.Dispose();
    }

    /// <summary>The Redis bucket, and this instance's own bucket for when Redis does not answer.</summary>
    private sealed class SharedBucket(RedisTokenBucketRateLimiter<string> shared, TokenBucketRateLimiterOptions localOptions, RateLimitBuckets owner)
        : RateLimiter
    {
        private readonly Lazy<TokenBucketRateLimiter> _local = new(() => new TokenBucketRateLimiter(localOptions));

        public override TimeSpan? IdleDuration => shared.IdleDuration;

        public override RateLimiterStatistics? GetStatistics() => null;

        // Redis is only asked asynchronously: the rate-limiting middleware then waits on AcquireAsync.
        protected override RateLimitLease AttemptAcquireCore(int permitCount) => Verdict.Undecided;

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            try
            {
                using var lease = await shared.AcquireAsync(permitCount, cancellationToken);
                owner.RedisAnswered();
                if (lease.IsAcquired) return Verdict.Granted;
                return new Verdict(false, lease.TryGetMetadata(RateLimitMetadataName.RetryAfter, out var seconds) ? TimeSpan.FromSeconds(seconds) : null);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                owner.RedisFailed(e);
                return await _local.Value.AcquireAsync(permitCount, cancellationToken);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                shared.Dispose();
                if (_local.IsValueCreated) _local.Value.Dispose();
            }
            base.Dispose(disposing);
        }
    }

    /// <summary>Redis's answer in the shape the rest of the API reads (Retry-After as <see cref="MetadataName.RetryAfter"/>).</summary>
    private sealed class Verdict(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Verdict Granted = new(true, null);
        public static readonly Verdict Undecided = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter is { } after && metadataName == MetadataName.RetryAfter.Name ? after : null;
            return metadata is not null;
        }
    }
}
