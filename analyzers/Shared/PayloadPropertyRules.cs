using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SchemaTasks.Roslyn;

/// <summary>A payload property (or collection element) that cannot cross a backend as JSON.</summary>
/// <param name="Path">From the payload: <c>Customer.Attachment</c>; a collection element adds <c>[]</c> (<c>Lines[].File</c>).</param>
/// <param name="Type">The property's (or element's) type.</param>
/// <param name="Problem">Why, under the same rules as a payload type.</param>
internal sealed record PayloadPropertyProblem(string Path, ITypeSymbol Type, PayloadProblem Problem);

/// <summary>
/// STK0008 for what a payload holds: its serialized properties, recursively (collection elements and dictionary
/// values included, nullable unwrapped, cycles guarded), judged by <see cref="PayloadRules.GetProblem"/>. A Stream
/// property makes every trigger throw; an interface property triggers, then fails every run. Used by the analyzer
/// only: the generated code compiles for such a payload, so the generator still emits it, and STK0008 is the one error.
/// </summary>
internal static class PayloadPropertyRules
{
    private const string JsonConverterAttribute = "System.Text.Json.Serialization.JsonConverterAttribute";
    private const string JsonIgnoreAttribute = "System.Text.Json.Serialization.JsonIgnoreAttribute";
    private const string JsonIncludeAttribute = "System.Text.Json.Serialization.JsonIncludeAttribute";
    private const string EnumerableOfT = "System.Collections.Generic.IEnumerable`1";
    private const string DictionaryOfT = "System.Collections.Generic.IDictionary`2";
    private const string ReadOnlyDictionaryOfT = "System.Collections.Generic.IReadOnlyDictionary`2";

    /// <summary>The first property of <paramref name="payload"/>, depth first in declaration order, that cannot cross; or null.</summary>
    public static PayloadPropertyProblem? FindProblem(ITypeSymbol payload)
    {
        var seen = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default) { payload };
        return ContainedProblem(payload, "", seen);
    }

    // What a value of this type holds: its elements for a collection, its properties for user-declared data.
    private static PayloadPropertyProblem? ContainedProblem(ITypeSymbol type, string path, HashSet<ITypeSymbol> seen)
    {
        // The common positional record: no attribute, base or body, so no converter, no collection interface and
        // no property but one per positional parameter, in their order (see PlainRecordPayloads). Each is asked for by
        // name: listing all of a record's members wraps every member the compiler synthesizes for it.
        if (type is INamedTypeSymbol candidate && PlainRecordPayloads.Declaration(candidate) is { } record)
        {
            return SymbolNames.IsInSystemNamespace(type) ? null : PositionalPropertiesProblem(candidate, record, path, seen);
        }

        if (SymbolNames.HasAttribute(type, JsonConverterAttribute))
        {
            return null; // its converter decides
        }

        if (ElementType(type) is { } element)
        {
            return Check(element, path + "[]", seen);
        }

        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } named || SymbolNames.IsInSystemNamespace(type))
        {
            return null;
        }

        var names = new HashSet<string>();
        for (var current = named; current is not null && !SymbolNames.IsInSystemNamespace(current); current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                if (PropertyProblem(member, names, path, seen) is { } problem)
                {
                    return problem;
                }
            }
        }

        return null;
    }

    // A plain record's own properties (its base is object, which adds none), in declaration order.
    private static PayloadPropertyProblem? PositionalPropertiesProblem(
        INamedTypeSymbol type, RecordDeclarationSyntax record, string path, HashSet<ITypeSymbol> seen)
    {
        if (record.ParameterList is not { } parameters)
        {
            return null;
        }

        var names = new HashSet<string>();
        foreach (var parameter in parameters.Parameters)
        {
            foreach (var member in type.GetMembers(parameter.Identifier.ValueText))
            {
                if (PropertyProblem(member, names, path, seen) is { } problem)
                {
                    return problem;
                }
            }
        }

        return null;
    }

    // The problem of one member when it is a serialized property not seen yet under its name; null otherwise.
    private static PayloadPropertyProblem? PropertyProblem(ISymbol member, HashSet<string> names, string path, HashSet<ITypeSymbol> seen)
    {
        if (member is not IPropertySymbol { IsStatic: false, IsIndexer: false } property || !names.Add(property.Name) ||
            !IsSerialized(property) || SymbolNames.HasAttribute(property, JsonConverterAttribute))
        {
            return null;
        }

        return Check(property.Type, path.Length == 0 ? property.Name : path + "." + property.Name, seen);
    }

    private static PayloadPropertyProblem? Check(ITypeSymbol type, string path, HashSet<ITypeSymbol> seen)
    {
        // A nullable property is still data: judge what it holds when set.
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        type = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        if (type.TypeKind is TypeKind.Error or TypeKind.TypeParameter || !seen.Add(type))
        {
            return null;
        }

        var problem = PayloadRules.GetProblem(type);
        // Framework types other than the plainly wrong ones (JsonNode is abstract, yet System.Text.Json reads it) are
        // System.Text.Json's own business.
        if (problem is not (PayloadProblem.None or PayloadProblem.NotAValueType or PayloadProblem.NullableValueType) &&
            (!SymbolNames.IsInSystemNamespace(type) || problem is PayloadProblem.Object or PayloadProblem.Dynamic or
                PayloadProblem.Delegate or PayloadProblem.Stream or PayloadProblem.Pointer))
        {
            return new PayloadPropertyProblem(path, type, problem);
        }

        return ContainedProblem(type, path, seen);
    }

    // System.Text.Json writes public instance properties with a public getter, and non-public ones with [JsonInclude].
    private static bool IsSerialized(IPropertySymbol property) =>
        !SymbolNames.HasAttribute(property, JsonIgnoreAttribute) &&
        (property is { DeclaredAccessibility: Accessibility.Public, GetMethod.DeclaredAccessibility: Accessibility.Public } ||
         SymbolNames.HasAttribute(property, JsonIncludeAttribute));

    // The element of a collection (a dictionary's value), as System.Text.Json reads any IEnumerable<T>; null otherwise.
    private static ITypeSymbol? ElementType(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array)
        {
            return array.ElementType;
        }

        // string is no collection for System.Text.Json; nor is a primitive, and int alone implements some thirty
        // generic math interfaces that would be walked for every payload that has one.
        if (type.SpecialType == SpecialType.System_String || (type.SpecialType != SpecialType.None && type.IsValueType) ||
            type is not INamedTypeSymbol named)
        {
            return null;
        }

        ITypeSymbol? element = null;
        foreach (var candidate in Self(named))
        {
            if (SymbolNames.Is(candidate.OriginalDefinition, DictionaryOfT) || SymbolNames.Is(candidate.OriginalDefinition, ReadOnlyDictionaryOfT))
            {
                return candidate.TypeArguments[1];
            }

            if (SymbolNames.Is(candidate.OriginalDefinition, EnumerableOfT))
            {
                element ??= candidate.TypeArguments[0];
            }
        }

        return element;
    }

    private static IEnumerable<INamedTypeSymbol> Self(INamedTypeSymbol type)
    {
        yield return type;
        foreach (var implemented in type.AllInterfaces)
        {
            yield return implemented;
        }
    }
}
