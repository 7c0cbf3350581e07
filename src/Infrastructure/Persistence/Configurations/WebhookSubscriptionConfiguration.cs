using EmulationApi.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmulationApi.Infrastructure.Persistence.Configurations;

public sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.ToTable("webhook_subscriptions", t => t.HasCheckConstraint("ck_webhook_subscriptions_event_types",
            "cardinality(event_types) BETWEEN 1 AND " + WebhookSubscription.MaxEventTypes));
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Url).HasMaxLength(WebhookSubscription.UrlMaxLength).IsRequired();
        builder.Property(s => s.EventTypes).IsRequired();
        builder.Property(s => s.UnitCode).HasMaxLength(Domain.Units.Unit.CodeMaxLength);
        builder.Property(s => s.Description).HasMaxLength(WebhookSubscription.DescriptionMaxLength);
        builder.Property(s => s.Secret).HasMaxLength(100).IsRequired();
        builder.HasOne<Domain.Plans.Plan>().WithMany().HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.Version).IsRowVersion();
    }
}
