using Microsoft.CodeAnalysis;

namespace SchemaTasks.Roslyn;

/// <summary>Why a payload type cannot cross a backend as JSON (STK0008), or <see cref="None"/>.</summary>
internal enum PayloadProblem
{
    /// <summary>The payload can round-trip through System.Text.Json.</summary>
    None = 0,

    /// <summary><c>object</c>: the untyped task.</summary>
    Object,

    /// <summary><c>dynamic</c>.</summary>
    Dynamic,

    /// <summary>An interface without polymorphism metadata (collection interfaces excepted).</summary>
    Interface,

    /// <summary>An abstract class without <c>[JsonPolymorphic]</c> or <c>[JsonDerivedType]</c>.</summary>
    AbstractWithoutPolymorphism,

    /// <summary>A delegate.</summary>
    Delegate,

    /// <summary>A <c>System.IO.Stream</c>.</summary>
    Stream,

    /// <summary>A pointer or function pointer.</summary>
    Pointer,

    /// <summary>A class System.Text.Json cannot construct: no public parameterless constructor, no single public constructor, no <c>[JsonConstructor]</c>.</summary>
    NoUsableConstructor,

    /// <summary>A ref struct, a type parameter, <c>void</c> or an unresolved type.</summary>
    NotAValueType,

    /// <summary>A nullable value type (<c>int?</c>): a payload is never null.</summary>
    NullableValueType,
}

/// <summary>
/// The rule that a payload can cross an async backend as JSON (STK0008), shared by the generator (which emits
/// nothing for such a task) and the analyzer (which reports the <see cref="PayloadProblem"/>).
/// </summary>
internal static class PayloadRules
{
    private const string JsonPolymorphicAttribute = "System.Text.Json.Serialization.JsonPolymorphicAttribute";
    private const string JsonDerivedTypeAttribute = "System.Text.Json.Serialization.JsonDerivedTypeAttribute";
    private const string JsonConverterAttribute = "System.Text.Json.Serialization.JsonConverterAttribute";
    private const string JsonConstructorAttribute = "System.Text.Json.Serialization.JsonConstructorAttribute";
    private const string Stream = "System.IO.Stream";

    // Collection interfaces System.Text.Json deserializes into its own concrete collections.
    private static readonly string[] CollectionInterfaces =
    [
        "System.Collections.Generic.IEnumerable`1",
        "System.Collections.Generic.ICollection`1",
        "System.Collections.Generic.IList`1",
        "System.Collections.Generic.IReadOnlyCollection`1",
        "System.Collections.Generic.IReadOnlyList`1",
        "System.Collections.Generic.ISet`1",
        "System.Collections.Generic.IReadOnlySet`1",
        "System.Collections.Generic.IDictionary`2",
        "System.Collections.Generic.IReadOnlyDictionary`2",
    ];

    /// <summary>Why <paramref name="payload"/> cannot cross as JSON, or <see cref="PayloadProblem.None"/>.</summary>
    public static PayloadProblem GetProblem(ITypeSymbol payload)
    {
        switch (payload.TypeKind)
        {
            case TypeKind.Dynamic:
                return PayloadProblem.Dynamic;
            case TypeKind.Pointer:
            case TypeKind.FunctionPointer:
                return PayloadProblem.Pointer;
            case TypeKind.Delegate:
                return PayloadProblem.Delegate;
            case TypeKind.Error:
            case TypeKind.TypeParameter:
                return PayloadProblem.NotAValueType;
            case TypeKind.Array:
                return PayloadProblem.None;
        }

        if (payload.SpecialType == SpecialType.System_Object)
        {
            return PayloadProblem.Object;
        }

        if (payload.SpecialType is SpecialType.System_Void || payload.IsRefLikeType)
        {
            return PayloadProblem.NotAValueType;
        }

        if (payload.SpecialType is SpecialType.System_Delegate or SpecialType.System_MulticastDelegate)
        {
            return PayloadProblem.Delegate;
        }

        if (payload.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            return PayloadProblem.NullableValueType;
        }

        // A custom converter takes over everything below.
        if (SymbolNames.HasAttribute(payload, JsonConverterAttribute))
        {
            return PayloadProblem.None;
        }

        if (SymbolNames.IsOrDerivesFrom(payload, Stream))
        {
            return PayloadProblem.Stream;
        }

        var hasPolymorphism = SymbolNames.HasAttribute(payload, JsonPolymorphicAttribute) ||
                              SymbolNames.HasAttribute(payload, JsonDerivedTypeAttribute);

        if (payload.TypeKind == TypeKind.Interface)
        {
            return hasPolymorphism || IsCollectionInterface(payload) ? PayloadProblem.None : PayloadProblem.Interface;
        }

        if (payload.TypeKind == TypeKind.Class && payload.IsAbstract)
        {
            return hasPolymorphism ? PayloadProblem.None : PayloadProblem.AbstractWithoutPolymorphism;
        }

        if (payload.TypeKind == TypeKind.Class && payload is INamedTypeSymbol named &&
            payload.SpecialType == SpecialType.None && !SymbolNames.IsInSystemNamespace(payload) &&
            !HasUsableConstructor(named))
        {
            return PayloadProblem.NoUsableConstructor;
        }

        return PayloadProblem.None;
    }

    private static bool IsCollectionInterface(ITypeSymbol type)
    {
        foreach (var name in CollectionInterfaces)
        {
            if (SymbolNames.Is(type, name))
            {
                return true;
            }
        }

        return false;
    }

    // System.Text.Json's own order: [JsonConstructor], else a public parameterless constructor, else the only
    // public constructor.
    private static bool HasUsableConstructor(INamedTypeSymbol type)
    {
        var publicConstructors = 0;
        foreach (var constructor in type.InstanceConstructors)
        {
            if (SymbolNames.HasAttribute(constructor, JsonConstructorAttribute))
            {
                return true;
            }

            if (constructor.DeclaredAccessibility != Accessibility.Public || IsCopyConstructor(type, constructor))
            {
                continue;
            }

            if (constructor.Parameters.Length == 0)
            {
                return true;
            }

            publicConstructors++;
        }

        return publicConstructors == 1;
    }

    private static bool IsCopyConstructor(INamedTypeSymbol type, IMethodSymbol constructor) =>
        type.IsRecord && constructor.Parameters.Length == 1 &&
        SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type);
}
