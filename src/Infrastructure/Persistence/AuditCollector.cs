using System.Text.Json;
using System.Text.Json.Serialization;
using EmulationApi.Application.Common.Auditing;
using EmulationApi.Domain.Auditing;
using EmulationApi.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace EmulationApi.Infrastructure.Persistence;

/// <summary>
/// Turns what a SaveChanges is about to write into audit entries: one per created, changed or deleted row, with the
/// fields that changed. Timestamps, row versions, computed columns and secrets (byte arrays: key hashes) are left out;
/// a row whose only changes are those is not recorded. A bulk import writes its one summary entry instead: when it
/// changed tracked rows, or when it says it wrote its rows with SQL of its own (the unit import's COPY and merge).
/// </summary>
internal static class AuditCollector
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    // Secrets are never written to the trail: byte arrays (key hashes) below, and a webhook subscription's signing secret here.
    private static readonly HashSet<string> Skipped = [nameof(Entity.CreatedAt), nameof(Entity.UpdatedAt), nameof(Entity.Version), "Revision", "NameKeyValue",
        nameof(Domain.Webhooks.WebhookSubscription.Secret)];

    public static List<AuditEntry> Collect(ChangeTracker tracker, AuditTrail audit)
    {
        var entries = new List<AuditEntry>();
        if (audit.Summary is { } summary)
        {
            if (summary.WrittenBySql
                || tracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is not AuditEntry))
                entries.Add(AuditEntry.Record(audit.Client, audit.UseCase, summary.Entity, summary.EntityId, AuditAction.Imported,
                    JsonSerializer.Serialize(summary.Counts, Json)));
            return entries;
        }

        foreach (var entry in tracker.Entries())
        {
            if (entry.Entity is AuditEntry) continue;
            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Created,
                EntityState.Modified => AuditAction.Updated,
                EntityState.Deleted => AuditAction.Deleted,
                _ => (AuditAction?)null,
            };
            if (action is null) continue;

            var changes = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var property in entry.Properties)
            {
                var meta = property.Metadata;
                if (meta.IsPrimaryKey() || meta.IsShadowProperty() && !meta.IsForeignKey() || Skipped.Contains(meta.Name)
                    || meta.ClrType == typeof(byte[]) || meta.GetComputedColumnSql() is not null) continue;
                switch (entry.State)
                {
                    case EntityState.Added when property.CurrentValue is not null:
                        changes[JsonName(meta.Name)] = new { to = property.CurrentValue };
                        break;
                    case EntityState.Modified when property.IsModified && !Same(property.OriginalValue, property.CurrentValue):
                        changes[JsonName(meta.Name)] = new { from = property.OriginalValue, to = property.CurrentValue };
                        break;
                }
            }
            if (action == AuditAction.Updated && changes.Count == 0) continue;

            var type = entry.Metadata;
            string entity, id;
            if (type.IsOwned() && type.FindOwnership() is { } ownership)
            {
                entity = $"{ownership.PrincipalEntityType.ClrType.Name}.{type.ClrType.Name}";
                id = string.Join("/", ownership.Properties.Select(p => entry.Property(p.Name).CurrentValue));
            }
            else
            {
                entity = type.ClrType.Name;
                id = string.Join("/", type.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue));
            }
            entries.Add(AuditEntry.Record(audit.Client, audit.UseCase, entity, id, action.Value, JsonSerializer.Serialize(changes, Json)));
        }
        return entries;
    }

    private static bool Same(object? a, object? b) =>
        Equals(a, b) || a is System.Collections.IEnumerable x && b is System.Collections.IEnumerable y && a is not string
        && JsonSerializer.Serialize(x, Json) == JsonSerializer.Serialize(y, Json);

    private static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
