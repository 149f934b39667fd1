using Microsoft.CodeAnalysis;

namespace SchemaTasks.Benchmarks.Build;

/// <summary>A compile as csc does it: bind everything and emit the assembly (to memory), on fresh symbols.</summary>
internal static class Compile
{
    /// <summary>Emits a clone of <paramref name="compilation"/>; throws if it has an error.</summary>
    /// <param name="compilation">What to compile.</param>
    public static bool Emit(Compilation compilation)
    {
        using var peStream = new MemoryStream();
        var result = compilation.Clone().Emit(peStream);
        return result.Success
            ? true
            : throw new InvalidOperationException("The compilation failed: " + result.Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error));
    }
}
