using System.Net;
using System.Text.Json.Nodes;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using EmulationApi.Application.Reminders;
using EmulationApi.Domain.Reminders;
using MediatR;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EmulationApi.Api.IntegrationTests.Reminders;

/// <summary>What the reminder tests share: running a slot as the scheduler does, the preview, the runs, the events sent.</summary>
public static class RemindersApi
{
    public const string RunsUrl = "/api/v1/reminder-runs";

    public static string PreviewUrl(string code, string? asOf = null) =>
        $"/api/v1/units/by-code/{code}/reminder{(asOf is null ? "" : $"?asOf={asOf}")}";

    /// <summary>07:00 in Bắc Ninh on <paramref name="day"/>: the default schedule's slot, 00:00 UTC.</summary>
    public static DateTimeOffset SlotOn(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>Runs a slot on <paramref name="host"/> exactly as its scheduler does: the command in a scope of its own.</summary>
    public static async Task<ReminderRunDto?> SendReminders(this WebApplicationFactory<Program> host, DateTimeOffset slot,
        ReminderTrigger trigger = ReminderTrigger.Scheduled)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SendRemindersCommand(slot, trigger));
    }

    public static async Task<JsonNode> Preview(this HttpClient client, string code, string? asOf = null) =>
        await (await client.GetAsync(PreviewUrl(code, asOf))).ExpectJson(HttpStatusCode.OK);

    public static async Task<JsonArray> Runs(this HttpClient client) =>
        (await (await client.GetAsync($"{RunsUrl}?pageSize=100")).ExpectJson(HttpStatusCode.OK))["items"]!.AsArray();

    /// <summary>An item of a digest as (task content, deadline, status, daysOverdue).</summary>
    public static IReadOnlyList<(string Task, string Deadline, string Status, int DaysOverdue)> Items(this JsonNode digest, string list) =>
        digest[list]!.AsArray().Select(i => ((string)i!["task"]!, (string)i["deadline"]!, (string)i["status"]!, (int)i["daysOverdue"]!)).ToList();

    /// <summary>The reminder events written to the webhook outbox, in the order written: subject, unit codes, data.</summary>
    public static async Task<IReadOnlyList<(string Subject, string[] UnitCodes, JsonNode Data)>> ReminderEvents(this ApiFactory factory) =>
        await factory.RowsAsync("SELECT subject, unit_codes, data::text FROM webhook_events WHERE type = 'obligation.reminder' ORDER BY position",
            r => (r.GetString(0), r.GetFieldValue<string[]>(1), JsonNode.Parse(r.GetString(2))!));
}
