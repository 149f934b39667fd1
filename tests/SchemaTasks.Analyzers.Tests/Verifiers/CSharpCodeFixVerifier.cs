using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace SchemaTasks.Analyzers.Tests.Verifiers;

/// <summary>
/// Verifies a code fix with the same setup as <see cref="CSharpAnalyzerVerifier{TAnalyzer}"/>: the source
/// (with markup for the diagnostics the analyzer must report), the fixed source (which must report
/// nothing unless markup says so), and Fix All in document, project and solution scope unless the test says
/// otherwise (<see cref="CodeFixTest{TVerifier}.NumberOfFixAllIterations"/>, <c>CodeFixTestBehaviors</c>).
/// </summary>
/// <typeparam name="TAnalyzer">The analyzer that reports the diagnostic.</typeparam>
/// <typeparam name="TCodeFix">The code fix under test.</typeparam>
public static class CSharpCodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>Applies the fix to <paramref name="source"/> and checks the result is <paramref name="fixedSource"/>.</summary>
    public static Task VerifyCodeFixAsync(string source, string fixedSource, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source, FixedCode = fixedSource };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The test, for cases the helpers above do not cover (Fix All iterations, equivalence keys...).</summary>
    public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
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
