using System.Buffers.Binary;

namespace SchemaTasks.Execution;

/// <summary>
/// New run ids: <c>run_</c> and 32 lowercase hex digits of a version 7 UUID (RFC 9562: 48 bits of Unix milliseconds,
/// then random bits), so that ids sort roughly by creation time, as <c>Guid.CreateVersion7().ToString("N")</c> gave.
/// Written here rather than with <see cref="Guid.CreateVersion7()"/> because every trigger makes one: that method reads
/// the operating system's secure random source (a system call per id) and the formatting took a second string. A run
/// id is an identifier, not a secret (nothing is authorised by knowing one), so the 74 random bits come from
/// <see cref="Random.Shared"/>, a per-thread generator seeded from the system; ids stay unique across nodes that share
/// a durable store.
/// </summary>
internal static class RunIds
{
    private const string Prefix = "run_";

    /// <summary>A new id, stamped with the system clock (not a test's fake one: ids sort by real creation time).</summary>
    public static string New() => New(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    /// <summary>A new id stamped with <paramref name="unixMilliseconds"/>.</summary>
    internal static string New(long unixMilliseconds)
    {
        Span<byte> uuid = stackalloc byte[16];
        Random.Shared.NextBytes(uuid);
        // Bytes 0-5: the timestamp, big-endian, so that the hex text sorts as the time does.
        Span<byte> time = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(time, unixMilliseconds);
        time[2..].CopyTo(uuid);
        uuid[6] = (byte)(0x70 | (uuid[6] & 0x0F)); // version 7
        uuid[8] = (byte)(0x80 | (uuid[8] & 0x3F)); // variant 10

        Span<char> text = stackalloc char[Prefix.Length + 32];
        Prefix.CopyTo(text);
        Convert.TryToHexStringLower(uuid, text[Prefix.Length..], out _);
        return new string(text);
    }
}
