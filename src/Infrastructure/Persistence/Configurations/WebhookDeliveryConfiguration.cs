using EmulationApi.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmulationApi.Infrastructure.Persistence.Configurations;

public sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries", t => t.HasCheckConstraint("ck_webhook_deliveries_state", Schema.EnumCheck<WebhookDeliveryState>("state")));
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Sequence).UseIdentityAlwaysColumn();
        builder.Property(d => d.Subject).HasMaxLength(WebhookEvent.SubjectMaxLength).IsRequired();
        builder.Property(d => d.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.LastError).HasMaxLength(WebhookDelivery.ErrorMaxLength);
        builder.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<WebhookEvent>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
        // The log (a subscription's deliveries, newest first) and the order rule (earlier pending ones of a subject).
        builder.HasIndex(d => new { d.SubscriptionId, d.Sequence });
        builder.HasIndex(d => new { d.SubscriptionId, d.Subject, d.Sequence }).HasFilter("state = 'Pending'");
        // What the worker claims: the pending ones, by when they are due.
        builder.HasIndex(d => d.NextAttemptAt).HasFilter("state = 'Pending'");
        builder.HasIndex(d => d.EventId);
    }
}
