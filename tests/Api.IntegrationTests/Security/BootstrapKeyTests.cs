using System.Diagnostics;

namespace EmulationApi.Api.IntegrationTests.Security;

/// <summary>
/// The built API run as a process, as <c>run.sh</c> runs it: a bootstrap admin key shorter than 32 characters stops it
/// at once with exit code 1 and a message saying why; an empty or white-space key is "not set" and the API serves.
/// </summary>
public sealed class BootstrapKeyTests
{
    private static readonly string ApiDll = Path.Combine(AppContext.BaseDirectory, "EmulationApi.Api.dll");

    [Theory]
    [InlineData("short-key", 9)]
    [InlineData("emk_0123456789abcdef0123456789a", 31)]
    [InlineData("   emk_0123456789abcdef0123456789a   ", 31)]
    public async Task Start_WhenTheBootstrapKeyIsShorterThan32Characters_ExitsWith1AndSaysWhy(string key, int length)
    {
        var (exitCode, stdout, stderr) = await RunAsync(key, stopWhenListening: false);

        Assert.Equal(1, exitCode);
        Assert.Contains($"EMULATION_BOOTSTRAP_ADMIN_KEY is {length} characters long; the admin key needs at least 32.", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Start_WhenTheBootstrapKeyIsEmptyOrWhiteSpace_Serves(string key)
    {
        var (_, stdout, stderr) = await RunAsync(key, stopWhenListening: true);

        Assert.Contains("Now listening", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("EMULATION_BOOTSTRAP_ADMIN_KEY", stderr, StringComparison.Ordinal);
    }

    /// <summary>Runs the API with this key on a free port; stops it once it listens, when asked to; at most 60 s.</summary>
    private static async Task<(int? ExitCode, string Stdout, string Stderr)> RunAsync(string key, bool stopWhenListening)
    {
        var start = new ProcessStartInfo("dotnet", [ApiDll])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["EMULATION_BOOTSTRAP_ADMIN_KEY"] = key;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Information";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        using var process = Process.Start(start)!;
        var stdout = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var listening = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            stdout.Enqueue(e.Data);
            if (e.Data.Contains("Now listening", StringComparison.Ordinal)) listening.TrySetResult();
        };
        process.BeginOutputReadLine();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var exited = process.WaitForExitAsync(timeout.Token);
        await Task.WhenAny(exited, listening.Task, Task.Delay(Timeout.Infinite, timeout.Token));
        if (!process.HasExited)
        {
            Assert.True(stopWhenListening && listening.Task.IsCompleted, "The API neither stopped nor started listening within 60 s.");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (null, string.Join('\n', stdout), await stderr);
        }
        await process.WaitForExitAsync();
        return (process.ExitCode, string.Join('\n', stdout), await stderr);
    }
}
