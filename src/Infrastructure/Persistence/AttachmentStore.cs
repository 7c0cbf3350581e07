using System.Buffers;
using System.Data;
using EmulationApi.Application.Attachments;
using EmulationApi.Domain.Attachments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace EmulationApi.Infrastructure.Persistence;

/// <summary>
/// Attachments' bytes in PostgreSQL, as rows of <see cref="ChunkBytes"/> in <c>attachment_chunks</c>, written with
/// binary COPY and read with sequential access: the API holds one chunk at a time, whatever the file's size, and so
/// does the server (each chunk is its own value). A whole file as one bytea value could not be streamed in — the
/// protocol sends a parameter's length before its bytes, unknown until the upload ends — and PostgreSQL builds a bytea
/// value whole in its memory (at most 1 GB); large objects stream both ways but live outside the table, so a deleted
/// row would leave its object behind unless something unlinks it, and Npgsql marks its large-object API obsolete.
/// </summary>
internal sealed class AttachmentStore(AppDbContext db) : IAttachmentStore
{
    /// <summary>256 KiB: few rows per file (80 for 20 MB), little memory per transfer.</summary>
    public const int ChunkBytes = 256 * 1024;

    public async Task<IDbContextTransaction> BeginAsync(CancellationToken ct) => await db.Database.BeginTransactionAsync(ct);

    public async Task HoldOwnerAsync(AttachmentOwner owner, CancellationToken ct) =>
        _ = owner.Kind switch
        {
            AttachmentOwnerKind.Dossier => await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM dossiers WHERE id = {owner.Id} FOR SHARE", ct),
            AttachmentOwnerKind.ProgressReport => await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM progress_reports WHERE id = {owner.Id} FOR SHARE", ct),
            _ => throw new ArgumentOutOfRangeException(nameof(owner), owner.Kind, "An owner kind without a table."),
        };

    public async Task WriteContentAsync(Guid attachmentId, Stream content, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            // The first chunk is read before COPY begins: a file refused by its first bytes never reaches the database.
            var filled = await content.ReadAtLeastAsync(buffer.AsMemory(0, ChunkBytes), ChunkBytes, throwOnEndOfStream: false, ct);
            await using var copy = await connection.BeginBinaryImportAsync(
                "COPY attachment_chunks (attachment_id, seq, data) FROM STDIN (FORMAT BINARY)", ct);
            for (var seq = 0; filled > 0; seq++)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(attachmentId, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(seq, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(new ArraySegment<byte>(buffer, 0, filled), NpgsqlDbType.Bytea, ct);
                filled = filled < ChunkBytes ? 0 : await content.ReadAtLeastAsync(buffer.AsMemory(0, ChunkBytes), ChunkBytes, throwOnEndOfStream: false, ct);
            }
            await copy.CompleteAsync(ct);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task<Stream> OpenContentAsync(Guid attachmentId, long length, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        return new ContentStream(db, attachmentId, length);
    }

    /// <summary>
    /// A stored content read chunk by chunk from one statement (one snapshot) from where the reader is; a seek (a range
    /// request) starts a new statement at the chunk holding the new position. Disposing it closes the connection the
    /// read opened.
    /// </summary>
    private sealed class ContentStream(AppDbContext db, Guid attachmentId, long length) : Stream
    {
        private NpgsqlCommand? _command;
        private NpgsqlDataReader? _reader;
        private Stream? _chunk;
        private long _position;
        /// <summary>Where the open statement's reader is; a seek elsewhere reopens it.</summary>
        private long _readerPosition = -1;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position >= length || buffer.Length == 0) return 0;
            if (_reader is null || _readerPosition != _position) await OpenAtAsync(_position, cancellationToken);
            while (true)
            {
                if (_chunk is not null)
                {
                    var read = await _chunk.ReadAsync(buffer, cancellationToken);
                    if (read > 0)
                    {
                        _position += read;
                        _readerPosition = _position;
                        return read;
                    }
                    await _chunk.DisposeAsync();
                    _chunk = null;
                }
                if (!await _reader!.ReadAsync(cancellationToken))
                    throw new IOException($"Attachment {attachmentId} has {_position} of its {length} bytes stored.");
                _chunk = await _reader.GetStreamAsync(0, cancellationToken);
            }
        }

        /// <summary>Starts reading at <paramref name="position"/>: the chunk holding it, whose bytes before it are skipped.</summary>
        private async Task OpenAtAsync(long position, CancellationToken ct)
        {
            await CloseReaderAsync();
            _command = new NpgsqlCommand(
                "SELECT data FROM attachment_chunks WHERE attachment_id = $1 AND seq >= $2 ORDER BY seq",
                (NpgsqlConnection)db.Database.GetDbConnection())
            {
                Parameters = { new() { Value = attachmentId }, new() { Value = (int)(position / ChunkBytes) } },
            };
            _reader = await _command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
            _readerPosition = position;
            var skip = (int)(position % ChunkBytes);
            if (skip == 0) return;
            if (!await _reader.ReadAsync(ct)) throw new IOException($"Attachment {attachmentId} has no chunk at {position}.");
            _chunk = await _reader.GetStreamAsync(0, ct);
            var discard = ArrayPool<byte>.Shared.Rent(Math.Min(skip, 64 * 1024));
            try
            {
                while (skip > 0)
                {
                    var read = await _chunk.ReadAsync(discard.AsMemory(0, Math.Min(skip, discard.Length)), ct);
                    if (read == 0) throw new IOException($"Attachment {attachmentId}'s chunk ends before {position}.");
                    skip -= read;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(discard);
            }
        }

        private async Task CloseReaderAsync()
        {
            if (_chunk is not null) await _chunk.DisposeAsync();
            if (_reader is not null) await _reader.DisposeAsync();
            if (_command is not null) await _command.DisposeAsync();
            (_chunk, _reader, _command) = (null, null, null);
        }

        public override async ValueTask DisposeAsync()
        {
            await CloseReaderAsync();
            await db.Database.CloseConnectionAsync();
            await base.DisposeAsync();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _chunk?.Dispose();
                _reader?.Dispose();
                _command?.Dispose();
                (_chunk, _reader, _command) = (null, null, null);
                db.Database.CloseConnection();
            }
            base.Dispose(disposing);
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            var target = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => _position + offset,
                _ => length + offset,
            };
            ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
            return _position = target;
        }

        public override long Position { get => _position; set => Seek(value, SeekOrigin.Begin); }
        public override long Length => length;
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) =>
            throw new NotSupportedException("The content is read asynchronously.");

        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
