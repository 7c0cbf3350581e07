using EmulationApi.Application.Units;
using EmulationApi.Domain.Clusters;
using EmulationApi.Domain.Common;
using FluentValidation;

namespace EmulationApi.Application.Clusters;

/// <summary>The rules of a members list: valid codes, each unit once, at most one leader and one deputy.</summary>
public static class MembersRules
{
    public static void AddMembersRules<T>(this AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, IEnumerable<MemberInput>?>> members)
    {
        validator.RuleFor(members).Must(l => l is null || l.Count() <= Cluster.MaxMembers).WithMessage(_ => Localized.Text($"At most {Cluster.MaxMembers} members.", $"Tối đa {Cluster.MaxMembers} thành viên."));
        validator.RuleForEach(members!).SetValidator(new MemberInputValidator());
        // Every repeat is named by its row, so a list with several is refused once with all of them.
        validator.RuleFor(members).Custom((list, context) =>
        {
            var rows = list?.ToList() ?? [];
            var (codes, roles) = (new HashSet<string>(StringComparer.Ordinal), new HashSet<MemberRole>());
            for (var i = 0; i < rows.Count; i++)
            {
                if (rows[i].UnitCode is { } code && !string.IsNullOrWhiteSpace(code) && !codes.Add(UnitCodeLookup.Key(code)))
                    context.AddFailure($"members[{i}].unitCode", Localized.Text($"'{code.Trim()}' is listed twice.", $"'{code.Trim()}' được liệt kê hai lần."));
                if (rows[i].Role is MemberRole.Leader or MemberRole.Deputy && !roles.Add(rows[i].Role!.Value))
                    context.AddFailure($"members[{i}].role", Localized.Text("A cluster has one leader and at most one deputy.", "Mỗi cụm, khối thi đua có một Cụm trưởng, Khối trưởng và tối đa một Cụm phó, Khối phó."));
            }
        });
    }
}

public sealed class MemberInputValidator : AbstractValidator<MemberInput>
{
    public MemberInputValidator()
    {
        RuleFor(x => x.UnitCode).UnitCode();
        RuleFor(x => x.Role).NotNull().IsInEnum();
    }
}
