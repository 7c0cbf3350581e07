using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EmulationApi.Api.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace EmulationApi.Api.IntegrationTests.Units;

/// <summary>
/// A hostile bulk load — one 200 MB field — is refused as soon as its row passes the row limit, and the server's memory
/// stays flat. The server runs in this process, so the process's figures are the server's (plus the client's, which
/// makes the body on the fly and holds none of it). The tests of this assembly run one at a time (one collection).
/// </summary>
public sealed class ImportMemoryTests(ApiFactory factory, ITestOutputHelper output) : ApiTest(factory)
{
    private const long HostileBytes = 200L * 1000 * 1000;

    /// <summary>What the request may allocate in all, the client's side included: a small multiple of the row limit
    /// and the server's buffers, far below the hostile field.</summary>
    private const long AllocationBound = 64L * 1024 * 1024;

    public static TheoryData<string, string, string> HostileBodies => new()
    {
        { "text/csv", "code,name,kind\nA,Một,Other\nB,", ",Other\n" },
        { "application/json", """[{"code":"A","name":"Một","kind":"Other"},{"code":"B","name":""" + "\"", "\",\"kind\":\"Other\"}]" },
    };

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public async Task ImportUnits_WhenOneFieldIs200MB_Returns400NamingTheRowAndMemoryStaysFlat(string mediaType, string before, string after)
    {
        using var content = new StreamContent(new GeneratedBody(Encoding.UTF8.GetBytes(before), (byte)'x', HostileBytes, Encoding.UTF8.GetBytes(after)));
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();

        var response = await Client.PostAsync("/api/v1/units/import?dryRun=true", content);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var elapsed = clock.Elapsed;
        var problem = await response.ExpectProblem(HttpStatusCode.BadRequest);
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        output.WriteLine($"{mediaType}: allocated {allocated / 1024.0 / 1024:F1} MiB during the request; heap {heapBefore / 1024.0 / 1024:F1} → {heapAfter / 1024.0 / 1024:F1} MiB; " +
                         $"working set {Environment.WorkingSet / 1024.0 / 1024:F0} MiB; {elapsed.TotalMilliseconds:F0} ms");
        var error = Assert.Single(problem["rowErrors"]!.AsArray());
        Assert.Equal(2, (int)error!["row"]!);
        Assert.Contains("256 KiB", (string?)error["message"]);
        Assert.True(allocated < AllocationBound, $"The request allocated {allocated:N0} bytes; the bound is {AllocationBound:N0}.");
        Assert.True(heapAfter - heapBefore < AllocationBound, $"The heap grew by {heapAfter - heapBefore:N0} bytes and stayed so.");
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM units"));
    }

    /// <summary>A read-only body made as it is read: <paramref name="prefix"/>, <paramref name="length"/> times
    /// <paramref name="filler"/>, then <paramref name="suffix"/>; never in memory as a whole.</summary>
    private sealed class GeneratedBody(byte[] prefix, byte filler, long length, byte[] suffix) : Stream
    {
        private readonly long _total = prefix.Length + length + suffix.Length;
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var written = 0;
            while (written < buffer.Length && _position < _total)
            {
                var target = buffer[written..];
                int take;
                if (_position < prefix.Length)
                {
                    take = (int)Math.Min(target.Length, prefix.Length - _position);
                    prefix.AsSpan((int)_position, take).CopyTo(target);
                }
                else if (_position < prefix.Length + length)
                {
                    take = (int)Math.Min(target.Length, prefix.Length + length - _position);
                    target[..take].Fill(filler);
                }
                else
                {
                    var at = (int)(_position - prefix.Length - length);
                    take = Math.Min(target.Length, suffix.Length - at);
                    suffix.AsSpan(at, take).CopyTo(target);
                }
                written += take;
                _position += take;
            }
            return written;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
