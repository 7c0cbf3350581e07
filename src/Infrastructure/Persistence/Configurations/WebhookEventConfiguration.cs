using EmulationApi.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EmulationApi.Infrastructure.Persistence.Configurations;

public sealed class WebhookEventConfiguration : IEntityTypeConfiguration<WebhookEvent>
{
    public void Configure(EntityTypeBuilder<WebhookEvent> builder)
    {
        builder.ToTable("webhook_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Position).UseIdentityAlwaysColumn();
        builder.HasAlternateKey(e => e.Position);
        builder.Property(e => e.Type).HasMaxLength(WebhookEvent.TypeMaxLength).IsRequired();
        builder.Property(e => e.Subject).HasMaxLength(WebhookEvent.SubjectMaxLength).IsRequired();
        builder.Property(e => e.UnitCodes).IsRequired();
        builder.Property(e => e.Data).HasColumnType("jsonb").IsRequired();
        builder.Property(e => e.OccurredAt).HasDefaultValueSql("now()");
    }
}
