using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace SchemaTasks.Analyzers.Tests.Verifiers;

/// <summary>
/// What every analyzer and code-fix test compiles against, as a user's project would: the .NET 10 reference
/// assemblies (from Basic.Reference.Assemblies, so nothing is downloaded), the SchemaTasks runtime,
/// FluentValidation and the Microsoft.Extensions abstractions; and the SchemaTasks generator running
/// alongside, so the analyzers see the generated code too.
/// </summary>
public static class TestCompilationSetup
{
    /// <summary>The generator's type name; looked up by name so the verifiers do not break while it is written.</summary>
    public const string GeneratorTypeName = "SchemaTasks.Generators.SchemaTaskGenerator, SchemaTasks.Generators";

    /// <summary>
    /// No reference-assembly package: the testing library would download one, and the build has no internet.
    /// The framework comes from <see cref="References"/> instead.
    /// </summary>
    public static ReferenceAssemblies ReferenceAssemblies { get; } = new("net10.0");

    /// <summary>Every metadata reference of a test compilation.</summary>
    public static ImmutableArray<MetadataReference> References { get; } =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(SchemaTaskAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(FluentValidation.AbstractValidator<>).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location),
    ];

    /// <summary>The SchemaTasks generator, or null while it does not exist yet.</summary>
    public static Type? Generator { get; } = Type.GetType(GeneratorTypeName, throwOnError: false);

    /// <summary>The language version user code is compiled with.</summary>
    public const LanguageVersion LanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest;

    /// <summary>
    /// Applies the setup to <paramref name="test"/>: the framework and references (the fixed and batch-fixed states
    /// of a code-fix test inherit them from the test state), and no check of the generator's output, which is its
    /// own tests' business (golden files): here it only has to be present.
    /// </summary>
    public static void Apply(AnalyzerTest<DefaultVerifier> test)
    {
        test.ReferenceAssemblies = ReferenceAssemblies;
        test.TestState.AdditionalReferences.AddRange(References);
        test.TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
        // A rule reported both live and at the compilation's end has two descriptors of one id (STK0007): markup
        // such as {|STK0007:...|} names the id, and the location and id are what it checks.
        test.MarkupOptions |= MarkupOptions.UseFirstDescriptor;
    }

    /// <summary>
    /// Nullable enabled as in every SchemaTasks project, so nullable-annotated service parameters mean what
    /// they mean to the generator; unsafe allowed so that tests can show pointer types.
    /// </summary>
    public static CompilationOptions WithProjectDefaults(CompilationOptions options) =>
        ((CSharpCompilationOptions)options).WithNullableContextOptions(NullableContextOptions.Enable).WithAllowUnsafe(true);

    /// <summary>The generators that run alongside every test: the SchemaTasks generator when it exists.</summary>
    public static IEnumerable<Type> SourceGenerators() => Generator is null ? [] : [Generator];
}
