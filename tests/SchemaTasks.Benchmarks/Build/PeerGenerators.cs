using System.Reflection;
using Microsoft.CodeAnalysis;

namespace SchemaTasks.Benchmarks.Build;

/// <summary>
/// The SDK's LoggerMessage generator, the peer the SchemaTasks generator is measured against: the copy that the
/// Microsoft.Extensions.Logging.Abstractions package this project references ships in
/// <c>analyzers/dotnet/roslyn4.4/cs</c> (the folder the SDK picks for a Roslyn 4.4+ compiler). The build writes
/// its path in the NuGet cache into this assembly's metadata (see the .csproj), so nothing is copied by hand.
/// </summary>
internal static class PeerGenerators
{
    private const string PathKey = "LoggerMessageGeneratorPath";
    private const string GeneratorTypeName = "Microsoft.Extensions.Logging.Generators.LoggerMessageGenerator";

    private static readonly Lazy<Type> GeneratorType = new(Load);

    /// <summary>A new instance of the LoggerMessage generator.</summary>
    public static IIncrementalGenerator LoggerMessage() => (IIncrementalGenerator)Activator.CreateInstance(GeneratorType.Value)!;

    private static Type Load()
    {
        var path = typeof(PeerGenerators).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => attribute.Key == PathKey)?.Value
            ?? throw new InvalidOperationException($"The benchmark assembly has no [AssemblyMetadata(\"{PathKey}\")]: build it with its .csproj.");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"The LoggerMessage generator is not at {path}: restore the project (the Microsoft.Extensions.Logging.Abstractions package ships it).");
        }

        return Assembly.LoadFrom(path).GetType(GeneratorTypeName, throwOnError: false)
            ?? throw new InvalidOperationException($"{path} has no {GeneratorTypeName}.");
    }
}
