using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace SchemaTasks.Analyzers.Model;

/// <summary>
/// Orders locations by file path, then position: what "first" means for rules that compare declarations
/// across the compilation, so they report the same thing whatever order symbols were analyzed in.
/// </summary>
internal sealed class SourceOrder : IComparer<Location?>
{
    /// <summary>The comparer.</summary>
    public static SourceOrder Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(Location? x, Location? y)
    {
        var byPath = string.CompareOrdinal(x?.SourceTree?.FilePath, y?.SourceTree?.FilePath);
        return byPath != 0 ? byPath : (x?.SourceSpan.Start ?? 0).CompareTo(y?.SourceSpan.Start ?? 0);
    }
}
