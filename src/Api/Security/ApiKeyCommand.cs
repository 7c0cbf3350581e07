using EmulationApi.Application.Access;
using EmulationApi.Domain.Access;
using FluentValidation;
using MediatR;

namespace EmulationApi.Api.Security;

/// <summary>
/// The one-off command that issues a key without the API running:
/// <c>dotnet EmulationApi.Api.dll create-api-key --name NAME --role ROLE [--unit CODE] [--expires 2027-12-31]</c>.
/// Prints the key on standard output.
/// </summary>
public static class ApiKeyCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        if (Option("--name") is not { } name || !Enum.TryParse<ClientRole>(Option("--role"), ignoreCase: true, out var role))
        {
            await Console.Error.WriteLineAsync($"usage: create-api-key --name NAME --role {string.Join("|", Enum.GetNames<ClientRole>())} [--unit CODE] [--expires YYYY-MM-DD]");
            return 2;
        }
        DateTimeOffset? expires = Option("--expires") is { } e ? DateTimeOffset.Parse(e, System.Globalization.CultureInfo.InvariantCulture) : null;
        await using var scope = services.CreateAsyncScope();
        try
        {
            var issued = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CreateApiKeyCommand(name, role, Option("--unit"), expires));
            Console.WriteLine(issued.Key);
            return 0;
        }
        catch (Exception ex) when (ex is ValidationException or Domain.Common.DomainException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
    }
}
