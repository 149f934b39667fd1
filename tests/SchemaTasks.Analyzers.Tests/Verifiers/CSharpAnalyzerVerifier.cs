using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace SchemaTasks.Analyzers.Tests.Verifiers;

/// <summary>
/// Verifies an analyzer on source written with markup (<c>{|STK0002:"Bad_Id"|}</c>, <c>[|...|]</c>) or explicit
/// <see cref="DiagnosticResult"/>s, with the SchemaTasks runtime referenced and the generator running
/// alongside (<see cref="TestCompilationSetup"/>). Every reported diagnostic must be expected, compiler
/// errors included.
/// </summary>
/// <typeparam name="TAnalyzer">The analyzer under test.</typeparam>
public static class CSharpAnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>An expected diagnostic of the analyzer's only descriptor.</summary>
    public static DiagnosticResult Diagnostic() => Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic();

    /// <summary>An expected diagnostic with the given id (the analyzer must support it).</summary>
    public static DiagnosticResult Diagnostic(string diagnosticId) => Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic(diagnosticId);

    /// <summary>An expected diagnostic of <paramref name="descriptor"/>.</summary>
    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);

    /// <summary>Runs the analyzer on <paramref name="source"/> and checks exactly <paramref name="expected"/> (plus markup).</summary>
    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Runs the analyzer on several source files (names are generated) and checks the diagnostics.</summary>
    public static Task VerifyAnalyzerAsync(string[] sources, params DiagnosticResult[] expected)
    {
        var test = new Test();
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The test, for cases the helpers above do not cover (extra files, .editorconfig...).</summary>
    public sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        /// <summary>Creates a test with the SchemaTasks setup.</summary>
        public Test()
        {
            TestCompilationSetup.Apply(this);
        }

        /// <summary>The language version of the test's code; latest unless set.</summary>
        public LanguageVersion LanguageVersion { get; set; } = TestCompilationSetup.LanguageVersion;

        /// <inheritdoc />
        protected override IEnumerable<Type> GetSourceGenerators() => TestCompilationSetup.SourceGenerators();

        /// <inheritdoc />
        protected override CompilationOptions CreateCompilationOptions() =>
            TestCompilationSetup.WithProjectDefaults(base.CreateCompilationOptions());

        /// <inheritdoc />
        protected override ParseOptions CreateParseOptions() =>
            ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion);
    }
}
