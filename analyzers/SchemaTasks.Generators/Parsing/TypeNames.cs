using Microsoft.CodeAnalysis;

namespace SchemaTasks.Generators.Parsing;

/// <summary>How types are written into generated code: fully qualified with <c>global::</c>, nullable annotations kept inside.</summary>
internal static class TypeNames
{
    private static readonly SymbolDisplayFormat Format = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>
    /// The fully qualified name of <paramref name="type"/> without a top-level <c>?</c> (payloads and services are
    /// type arguments constrained to <c>notnull</c>), e.g. <c>global::N.Payload</c>.
    /// </summary>
    public static string FullyQualified(ITypeSymbol type) =>
        type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(Format);

    /// <summary>The namespace of generated types for <paramref name="type"/>; "" for the global namespace.</summary>
    public static string NamespaceOf(INamedTypeSymbol type) =>
        type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : "";
}
