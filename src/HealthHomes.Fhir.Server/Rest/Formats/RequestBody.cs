using System.Buffers;

namespace HealthHomes.Fhir.Server.Rest.Formats;

/// <summary>
/// A request body's bytes, as received, in a buffer rented from <see cref="ArrayPool{T}.Shared"/> and returned on
/// dispose. A 10 MB body is held once, as UTF-8 (not doubled by a MemoryStream's growth, nor as a UTF-16 string),
/// and the buffer serves the next large body instead of becoming garbage.
/// </summary>
public sealed class RequestBody : IDisposable
{
    private byte[] _buffer;

    private RequestBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlyMemory<byte> Utf8 => _buffer.AsMemory(0, Length);

    /// <summary>Reads the whole body, refusing it (<paramref name="tooLarge"/>) once it passes <paramref name="limit"/> bytes.</summary>
    public static async Task<RequestBody> ReadAsync(Stream body, long? announced, long limit, Func<Exception> tooLarge, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(tooLarge);
        var capacity = (int)Math.Min(limit + 1, Array.MaxLength);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(announced ?? 0, 4096, capacity));
        var length = 0;
        try
        {
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(length), ct).ConfigureAwait(false)) > 0)
            {
                length += read;
                if (length > limit)
                {
                    throw tooLarge();
                }

                if (length == buffer.Length)
                {
                    buffer = Grown(buffer, length, capacity);
                }
            }

            return new RequestBody(buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A body of unannounced length outgrew its buffer: twice the size, up to one byte past the limit (to see it passed).</summary>
    private static byte[] Grown(byte[] buffer, int length, int capacity)
    {
        var grown = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, capacity));
        buffer.AsSpan(0, length).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(buffer);
        return grown;
    }
}
