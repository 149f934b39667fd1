using System.Buffers;
using System.Buffers.Binary;

namespace SchemaTasks.Backends.InProcess;

/// <summary>
/// How run history keeps a run's id: an id <see cref="Execution.RunIds"/> made (<c>run_</c> and 32 lowercase hex
/// digits) as its 16 bytes, written back as the same text when read, so that a finished run holds no string (a
/// 96-byte object per run that would survive two young collections and die in gen2); any other id (one a caller
/// stored through <see cref="ITaskRunStore.CreateAsync"/>) as its string. Equal ids give equal values whichever
/// string instance they came from.
/// </summary>
internal readonly struct StoredRunId : IEquatable<StoredRunId>
{
    private const string Prefix = "run_";
    private const int HexDigits = 32;

    private readonly ulong _high;
    private readonly ulong _low;
    private readonly string? _text;

    private StoredRunId(ulong high, ulong low, string? text)
    {
        _high = high;
        _low = low;
        _text = text;
    }

    public static StoredRunId Of(string runId) =>
        TryParse(runId, out var high, out var low) ? new StoredRunId(high, low, null) : new StoredRunId(0, 0, runId);

    /// <summary>
    /// A hash of the id. For an id kept as bytes, the halves folded together: the low half of a version 7 UUID is
    /// random, so the folded bits are spread; the index mixes them further.
    /// </summary>
    public override int GetHashCode()
    {
        if (_text is not null)
        {
            return StringComparer.Ordinal.GetHashCode(_text);
        }

        var folded = _high ^ _low;
        return (int)folded ^ (int)(folded >> 32);
    }

    public bool Equals(StoredRunId other) => _high == other._high && _low == other._low && string.Equals(_text, other._text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is StoredRunId other && Equals(other);

    /// <summary>The id's text (a new string for an id kept as bytes).</summary>
    public override string ToString()
    {
        if (_text is not null)
        {
            return _text;
        }

        return string.Create(Prefix.Length + HexDigits, (_high, _low), static (text, halves) =>
        {
            Prefix.CopyTo(text);
            halves._high.TryFormat(text[Prefix.Length..], out _, "x16");
            halves._low.TryFormat(text[(Prefix.Length + (HexDigits / 2))..], out _, "x16");
        });
    }

    // Lowercase digits only: an id with an uppercase digit is another id, and must come back as it was written. Parsed
    // with the vectorised hex decoder: every run that finishes, and every lookup in history, parses its id.
    private static bool TryParse(string runId, out ulong high, out ulong low)
    {
        high = 0;
        low = 0;
        if (runId.Length != Prefix.Length + HexDigits || !runId.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var digits = runId.AsSpan(Prefix.Length);
        Span<byte> bytes = stackalloc byte[HexDigits / 2];
        if (digits.ContainsAnyInRange('A', 'F') || Convert.FromHexString(digits, bytes, out _, out var written) != OperationStatus.Done || written != bytes.Length)
        {
            return false;
        }

        high = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        low = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        return true;
    }
}
