using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace SchemaTasks.Analyzers.Tests.Verifiers;

/// <summary>
/// Runs every analyzer of SchemaTasks.Analyzers at once (errors, warnings and infos), with the generator
/// alongside: for code that must be clean under the whole rule set, such as the reference domains.
/// </summary>
public sealed class AllAnalyzersTest : CSharpAnalyzerTest<SchemaTasksAnalyzerPlaceholder, DefaultVerifier>
{
    /// <summary>Creates a test with the SchemaTasks setup.</summary>
    public AllAnalyzersTest()
    {
        TestCompilationSetup.Apply(this);
    }

    /// <summary>Every concrete analyzer type in the SchemaTasks.Analyzers assembly.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } =
    [
        .. typeof(SchemaTasksAnalyzer).Assembly.GetTypes()
            .Where(type => typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && !type.IsAbstract
                && type.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), inherit: false).Length > 0)
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!),
    ];

    /// <inheritdoc />
    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => Analyzers;

    /// <inheritdoc />
    protected override IEnumerable<Type> GetSourceGenerators() => TestCompilationSetup.SourceGenerators();

    /// <inheritdoc />
    protected override CompilationOptions CreateCompilationOptions() =>
        TestCompilationSetup.WithProjectDefaults(base.CreateCompilationOptions());

    /// <inheritdoc />
    protected override ParseOptions CreateParseOptions() =>
        ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(TestCompilationSetup.LanguageVersion);
}

/// <summary>Satisfies <see cref="AllAnalyzersTest"/>'s type parameter; never runs (the real list replaces it).</summary>
#pragma warning disable RS1001, RS1025, RS1026 // Not a shipped analyzer: only a type argument.
public sealed class SchemaTasksAnalyzerPlaceholder : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
    }
}
#pragma warning restore RS1001, RS1025, RS1026
