using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EmulationApi.Api.IntegrationTests.Webhooks;

/// <summary>
/// A real webhook receiver for the delivery tests: a Kestrel app on 127.0.0.1 (an ephemeral port) that keeps every
/// request (headers and body) and answers with the status <see cref="Answer"/> gives for it.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    /// <summary>One request received: the headers, the body, and what the receiver answered.</summary>
    public sealed record Received(HeaderDictionary Headers, string Body, int Answered)
    {
        public string Id => Headers["webhook-id"].ToString();
    }

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>The status to answer, given the request's body and how many requests came before it (200 unless set).</summary>
    public Func<string, int, int> Answer { get; set; } = (_, _) => 200;

    /// <summary>Held requests wait here before they are answered (a receiver that hangs), until released.</summary>
    public Func<string, bool> Hold { get; set; } = _ => false;
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Url { get; private set; } = "";

    /// <summary>How long each answer takes.</summary>
    public TimeSpan Delay { get; set; }

    private int _arrivals;

    /// <summary>Requests that arrived, answered or still held.</summary>
    public int Arrivals => Volatile.Read(ref _arrivals);

    private WebhookReceiver(WebApplication app) => _app = app;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new WebhookReceiver(builder.Build());
        receiver._app.MapPost("/hooks/{**path}", receiver.HandleAsync);
        await receiver._app.StartAsync();
        receiver.Url = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hooks/emulation";
        return receiver;
    }

    private async Task<IResult> HandleAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = new HeaderDictionary();
        foreach (var (key, value) in request.Headers) headers[key] = value;
        Interlocked.Increment(ref _arrivals);
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay);
        if (Hold(body)) await Release.Task.WaitAsync(request.HttpContext.RequestAborted);
        int status;
        lock (Requests)
        {
            status = Answer(body, Requests.Count);
            Requests.Enqueue(new Received(headers, body, status));
        }
        return Results.StatusCode(status);
    }

    public async ValueTask DisposeAsync()
    {
        Release.TrySetResult();
        await _app.DisposeAsync();
    }
}
