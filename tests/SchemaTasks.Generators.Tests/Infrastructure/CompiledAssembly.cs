using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace SchemaTasks.Generators.Tests.Infrastructure;

/// <summary>
/// The output of a generator run, emitted to memory and loaded in a collectible context. Its references (the
/// SchemaTasks runtime, FluentValidation, DI) resolve to the ones this test process already loaded, so that the
/// test can treat what it reads as the real runtime types.
/// </summary>
internal sealed class CompiledAssembly : IDisposable
{
    private readonly AssemblyLoadContext _context;

    private CompiledAssembly(AssemblyLoadContext context, Assembly assembly)
    {
        _context = context;
        Assembly = assembly;
    }

    /// <summary>The loaded assembly.</summary>
    public Assembly Assembly { get; }

    /// <summary>Emits and loads <paramref name="run"/>'s output compilation; fails with the diagnostics if it does not emit.</summary>
    public static CompiledAssembly Load(GeneratorRun run)
    {
        using var stream = new MemoryStream();
        var result = run.Output.Emit(stream, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Select(GeneratorHarness.Describe)));
        stream.Position = 0;
        var context = new AssemblyLoadContext("SchemaTasks.GeneratorSmoke", isCollectible: true);
        return new CompiledAssembly(context, context.LoadFromStream(stream));
    }

    /// <summary>The type <paramref name="fullName"/>; fails when it is missing.</summary>
    public Type Type(string fullName) =>
        Assembly.GetType(fullName) ?? throw new Xunit.Sdk.XunitException($"The generated assembly has no type {fullName}.");

    /// <summary>The value of the static property <paramref name="name"/> of <paramref name="fullTypeName"/>.</summary>
    public T Static<T>(string fullTypeName, string name) =>
        (T)(Type(fullTypeName).GetProperty(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null)
            ?? throw new Xunit.Sdk.XunitException($"{fullTypeName}.{name} is missing or null."));

    /// <inheritdoc />
    public void Dispose() => _context.Unload();
}
