using Microsoft.CodeAnalysis;

namespace SchemaTasks.Analyzers.Model;

/// <summary>
/// One value of a config attribute: its resolved value (the attribute's default when not written), whether it
/// was written, and where (the argument's expression), so a diagnostic can point at exactly that argument.
/// </summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="Value">The value, or the attribute's default when <paramref name="IsExplicit"/> is false.</param>
/// <param name="IsExplicit">Whether the value is written as an argument of the attribute.</param>
/// <param name="Location">The argument's expression in source; null when not written or declared in metadata.</param>
internal readonly record struct ConfigValue<T>(T Value, bool IsExplicit, Location? Location)
{
    /// <summary>A value that is not written: the attribute's default.</summary>
    public static ConfigValue<T> Default(T value) => new(value, false, null);

    /// <summary>The argument's location, or <paramref name="fallback"/> when it has none in source.</summary>
    public Location LocationOr(Location fallback) => Location ?? fallback;
}
