using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace EmulationApi.Infrastructure.Webhooks;

/// <summary>
/// How the delivery worker runs (<c>Webhooks:Delivery:*</c>, README → Webhooks). Times are written as
/// <c>[d.]hh:mm:ss[.fff]</c>, e.g. <c>1.00:00:00</c> for a day.
/// </summary>
public sealed record WebhookDeliveryOptions
{
    /// <summary>Whether this instance runs the worker (every instance may: they never send one delivery twice at once).</summary>
    public bool Enabled { get; init; } = true;
    /// <summary>How often an idle worker looks for due deliveries.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>Deliveries claimed at once (each the oldest pending one of its subject).</summary>
    public int BatchSize { get; init; } = 20;
    /// <summary>Deliveries of one batch sent at the same time.</summary>
    public int Concurrency { get; init; } = 4;
    /// <summary>One request's time limit; a receiver that answers later counts as failed.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>Retries right away, within one claim (a short burst; Polly, exponential with jitter from <see cref="BurstDelay"/>).</summary>
    public int BurstRetries { get; init; } = 2;
    public TimeSpan BurstDelay { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>After a failed burst the delivery waits this long, doubled after every further one (±20 % jitter), at most <see cref="MaxBackoff"/>.</summary>
    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromHours(1);
    /// <summary>A delivery not answered 2xx this long after it was queued (or replayed) is given up: Failed.</summary>
    public TimeSpan GiveUpAfter { get; init; } = TimeSpan.FromHours(24);
    /// <summary>How long a claim holds a delivery: if the instance dies while sending, another takes it after this.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(5);

    public static WebhookDeliveryOptions From(IConfiguration section)
    {
        var defaults = new WebhookDeliveryOptions();
        return new WebhookDeliveryOptions
        {
            Enabled = section["Enabled"] is { } enabled ? bool.Parse(enabled) : defaults.Enabled,
            PollInterval = Time(section, nameof(PollInterval), defaults.PollInterval),
            BatchSize = Number(section, nameof(BatchSize), defaults.BatchSize),
            Concurrency = Number(section, nameof(Concurrency), defaults.Concurrency),
            RequestTimeout = Time(section, nameof(RequestTimeout), defaults.RequestTimeout),
            BurstRetries = Number(section, nameof(BurstRetries), defaults.BurstRetries),
            BurstDelay = Time(section, nameof(BurstDelay), defaults.BurstDelay),
            FirstBackoff = Time(section, nameof(FirstBackoff), defaults.FirstBackoff),
            MaxBackoff = Time(section, nameof(MaxBackoff), defaults.MaxBackoff),
            GiveUpAfter = Time(section, nameof(GiveUpAfter), defaults.GiveUpAfter),
            Lease = Time(section, nameof(Lease), defaults.Lease),
        };
    }

    private static TimeSpan Time(IConfiguration section, string key, TimeSpan fallback) =>
        section[key] is { Length: > 0 } value ? TimeSpan.Parse(value, CultureInfo.InvariantCulture) : fallback;

    private static int Number(IConfiguration section, string key, int fallback) =>
        section[key] is { Length: > 0 } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    /// <summary>The wait after the <paramref name="failedBursts"/>-th failed burst (1, 2, …), before jitter.</summary>
    public TimeSpan Backoff(int failedBursts) =>
        TimeSpan.FromTicks((long)Math.Min(MaxBackoff.Ticks, FirstBackoff.Ticks * Math.Pow(2, Math.Clamp(failedBursts - 1, 0, 40))));
}
