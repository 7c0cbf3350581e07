using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EmulationApi.Application.Common.Telemetry;
using EmulationApi.Application.Webhooks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace EmulationApi.Infrastructure.Webhooks;

/// <summary>
/// Sends the outbox's deliveries (README → Webhooks): claims due ones (<see cref="WebhookDeliveryStore"/>), POSTs each
/// signed (<see cref="WebhookSignature"/>) with a short burst of Polly retries, and records the attempts; what still
/// failed waits with exponential backoff and jitter until the give-up time, then is Failed. One per instance; several
/// instances share the queue safely. Off with <c>Webhooks:Delivery:Enabled=false</c>.
/// </summary>
internal sealed partial class WebhookDeliveryWorker : BackgroundService
{
    private readonly WebhookDeliveryOptions _options;
    private readonly WebhookDeliveryStore _store;
    private readonly WebhookTargetGuard _targets;
    private readonly TimeProvider _clock;
    private readonly ILogger<WebhookDeliveryWorker> _logger;
    private readonly HttpClient _http;
    private readonly ResiliencePipeline<DeliveryAttempt> _burst;

    public WebhookDeliveryWorker(WebhookDeliveryOptions options, WebhookDeliveryStore store, WebhookTargetGuard targets, TimeProvider clock,
        ILogger<WebhookDeliveryWorker> logger)
    {
        (_options, _store, _targets, _clock, _logger) = (options, store, targets, clock, logger);
        // No redirects: a 3xx to an internal address would pass round the forgery guard. A 3xx answer counts as a failed attempt.
        // Every connection is made by the guard, to an address it has just checked (DNS rebinding).
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = (context, ct) => targets.ConnectAsync(context.DnsEndPoint, ct),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var burst = new ResiliencePipelineBuilder<DeliveryAttempt>();
        if (options.BurstRetries > 0)
            burst.AddRetry(new RetryStrategyOptions<DeliveryAttempt>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Delivered: false, Gone: false }),
                MaxRetryAttempts = options.BurstRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BurstDelay,
            });
        _burst = burst
            .AddTimeout(options.RequestTimeout)
            .Build();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                sent = await DeliverDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(_logger, e);
            }
            if (sent == 0) await Task.Delay(_options.PollInterval, stoppingToken);
        }
    }

    /// <summary>Claims one batch of due deliveries and sends them; returns how many it claimed.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        var claimed = await _store.ClaimAsync(_clock.GetUtcNow(), _options.Lease, _options.BatchSize, ct);
        // Each is the head of its subject's queue: sending them side by side keeps every subject in order.
        // One delivery's failure (recording it while the database blips) stays its own: its siblings go on with the
        // worker's token, not the loop's, and are recorded; the failed one is claimed again when its lease ends.
        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Concurrency), CancellationToken = ct },
            async (delivery, _) =>
            {
                try
                {
                    await DeliverAsync(delivery, ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    LogFailed(_logger, e);
                }
            });
        return claimed.Count;
    }

    private async Task DeliverAsync(ClaimedDelivery delivery, CancellationToken ct)
    {
        // The batch's later deliveries wait their turn: each renews its lease as its send begins, and is not sent if
        // the lease ran out meanwhile and another instance took it.
        if (await _store.RenewAsync(delivery, _clock.GetUtcNow() + _options.Lease, ct) is not { } held) return;
        delivery = delivery with { Held = held };
        var attempts = new List<DeliveryAttempt>();
        var body = Body(delivery);
        // The target was checked when subscribed; its name may point elsewhere now.
        if (await _targets.RefusalAsync(new Uri(delivery.Url), ct) is { } refusal)
            attempts.Add(new DeliveryAttempt(_clock.GetUtcNow(), null, 0, Cut("Refused by the forgery guard: " + refusal)));
        else
            await _burst.ExecuteAsync(async token =>
            {
                var attempt = await SendAsync(delivery, body, token, ct);
                lock (attempts) attempts.Add(attempt);
                return attempt;
            }, ct);

        var outcome = Outcome(delivery, attempts);
        await _store.RecordAsync(delivery, attempts, outcome, CancellationToken.None);
        UseCaseTelemetry.RecordWebhookDelivery(outcome.State == "Pending" ? "retried" : outcome.State.ToLowerInvariant());
        if (outcome.State == "Failed") LogGaveUp(_logger, delivery.Id, new Uri(delivery.Url).Authority, attempts[^1].Status, attempts[^1].Error);
    }

    /// <summary>Where a delivery stands after its attempts: delivered; failed on 410 Gone or past the give-up time; else
    /// due again after the backoff (never later than the give-up time, where it gets one last try).</summary>
    private DeliveryOutcome Outcome(ClaimedDelivery delivery, List<DeliveryAttempt> attempts)
    {
        var now = _clock.GetUtcNow();
        var last = attempts[^1];
        if (last.Delivered) return new DeliveryOutcome("Delivered", now, now, EndSubscription: false);
        if (last.Gone) return new DeliveryOutcome("Failed", now, now, EndSubscription: true);
        var giveUpAt = delivery.QueuedAt + _options.GiveUpAfter;
        if (now >= giveUpAt) return new DeliveryOutcome("Failed", now, now, EndSubscription: false);
        var failedBursts = (delivery.Attempts + attempts.Count + _options.BurstRetries) / (_options.BurstRetries + 1);
        var wait = _options.Backoff(failedBursts) * (0.8 + (0.4 * Random.Shared.NextDouble()));
        var next = now + wait;
        return new DeliveryOutcome("Pending", next < giveUpAt ? next : giveUpAt, null, EndSubscription: false);
    }

    private async Task<DeliveryAttempt> SendAsync(ClaimedDelivery delivery, string body, CancellationToken attemptToken, CancellationToken stopping)
    {
        var at = _clock.GetUtcNow();
        var timestamp = at.ToUnixTimeSeconds();
        var id = delivery.Id.ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(delivery.Secret, id, timestamp, body));
        var watch = Stopwatch.StartNew();
        DeliveryAttempt attempt;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptToken);
            var status = (int)response.StatusCode;
            attempt = new DeliveryAttempt(at, status, Elapsed(watch), status is >= 200 and < 300 ? null : Cut($"HTTP {status} {response.ReasonPhrase}"));
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            attempt = new DeliveryAttempt(at, null, Elapsed(watch), $"No answer within {_options.RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.");
        }
        catch (HttpRequestException e)
        {
            attempt = new DeliveryAttempt(at, null, Elapsed(watch), Cut(e.Message));
        }
        UseCaseTelemetry.RecordWebhookAttempt(watch.Elapsed, attempt.Status is { } s ? s.ToString(CultureInfo.InvariantCulture) : "no_answer");
        return attempt;
    }

    /// <summary>The Standard Webhooks payload: <c>{"type", "timestamp" (when the change was made), "data"}</c>.</summary>
    private static string Body(ClaimedDelivery delivery)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = WebhookOutbox.Json.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteString("type", delivery.Type);
            writer.WriteString("timestamp", delivery.OccurredAt.UtcDateTime);
            writer.WritePropertyName("data");
            writer.WriteRawValue(delivery.Data, skipInputValidation: true);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static int Elapsed(Stopwatch watch) => (int)Math.Min(int.MaxValue, watch.ElapsedMilliseconds);

    private static string Cut(string text) =>
        text.Length <= Domain.Webhooks.WebhookDelivery.ErrorMaxLength ? text : text[..Domain.Webhooks.WebhookDelivery.ErrorMaxLength];

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering webhooks failed; the deliveries stay queued for the next attempt")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gave up webhook delivery {DeliveryId} to {Host}: last status {Status}, {Error}")]
    private static partial void LogGaveUp(ILogger logger, Guid deliveryId, string host, int? status, string? error);
}
