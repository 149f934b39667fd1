using System;
using System.Collections.Generic;
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

    /// <summary>
    /// The constructor System.Text.Json uses has a parameter that matches no property (by name, ignoring case):
    /// the payload serializes, then every deserialization throws.
    /// </summary>
    UnboundConstructorParameter,
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
    private const string JsonIncludeAttribute = "System.Text.Json.Serialization.JsonIncludeAttribute";
    private const string JsonIgnoreAttribute = "System.Text.Json.Serialization.JsonIgnoreAttribute";
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
            payload.SpecialType == SpecialType.None && !SymbolNames.IsInSystemNamespace(payload))
        {
            // Known from the syntax for the common positional record, without building the record's members.
            if (PlainRecordPayloads.IsPlain(named))
            {
                return PayloadProblem.None;
            }

            if (!HasUsableConstructor(named))
            {
                return PayloadProblem.NoUsableConstructor;
            }

            if (DeserializationConstructor(named) is { } constructor && UnboundParameter(named, constructor) is not null)
            {
                return PayloadProblem.UnboundConstructorParameter;
            }
        }

        return PayloadProblem.None;
    }

    /// <summary>
    /// The first parameter of the constructor System.Text.Json uses that matches no property or included field
    /// of <paramref name="payload"/> by name (ignoring case, as System.Text.Json matches them), or null.
    /// </summary>
    public static IParameterSymbol? UnboundParameter(INamedTypeSymbol payload, IMethodSymbol constructor)
    {
        foreach (var parameter in constructor.Parameters)
        {
            if (!HasMemberNamed(payload, parameter.Name))
            {
                return parameter;
            }
        }

        return null;
    }

    /// <summary>
    /// The properties of a class payload (System.Text.Json's view: its own and inherited public instance properties
    /// with a public getter) that never come back from JSON (STK0111): stored (an auto-property; computed ones are
    /// recomputed), without a public setter or <c>init</c>, without <c>[JsonInclude]</c> or <c>[JsonIgnore]</c>, and
    /// with no parameter of the constructor System.Text.Json uses. STK0111 asks only for a payload STK0008 accepts (its
    /// type and its properties). Only properties declared in source are read: a
    /// referenced assembly does not show which properties are stored.
    /// </summary>
    public static List<IPropertySymbol> PropertiesLostInJson(ITypeSymbol payload)
    {
        var lost = new List<IPropertySymbol>();
        // The common positional record keeps all it holds: its only properties are its positional parameters'
        // get; init; properties, which its constructor binds (see PlainRecordPayloads), so none is read. Its
        // members, with every one the compiler synthesizes for a record, stay unlisted.
        if (payload is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } named || PlainRecordPayloads.IsPlain(named) ||
            GetProblem(payload) != PayloadProblem.None || SymbolNames.IsInSystemNamespace(payload) ||
            SymbolNames.HasAttribute(payload, JsonConverterAttribute))
        {
            return lost;
        }

        var constructor = DeserializationConstructor(named);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var type = named; type is not null && !SymbolNames.IsInSystemNamespace(type); type = type.BaseType)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is not IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public } property ||
                    !seen.Add(property.Name) ||
                    property.GetMethod is not { DeclaredAccessibility: Accessibility.Public } ||
                    property.SetMethod is { DeclaredAccessibility: Accessibility.Public } ||
                    SymbolNames.HasAttribute(property, JsonIncludeAttribute) ||
                    SymbolNames.HasAttribute(property, JsonIgnoreAttribute) ||
                    !IsStored(type, property) ||
                    (constructor is not null && HasParameterNamed(constructor, property.Name)))
                {
                    continue;
                }

                lost.Add(property);
            }
        }

        return lost;
    }

    /// <summary>
    /// The constructor System.Text.Json calls: the one with <c>[JsonConstructor]</c>; else, for a class, none when
    /// there is a public parameterless one, or the only public one; null when it uses a parameterless one.
    /// </summary>
    public static IMethodSymbol? DeserializationConstructor(INamedTypeSymbol type)
    {
        IMethodSymbol? single = null;
        var publicConstructors = 0;
        var hasParameterless = false;
        foreach (var constructor in type.InstanceConstructors)
        {
            if (SymbolNames.HasAttribute(constructor, JsonConstructorAttribute))
            {
                return constructor;
            }

            if (constructor.DeclaredAccessibility != Accessibility.Public || IsCopyConstructor(type, constructor))
            {
                continue;
            }

            hasParameterless |= constructor.Parameters.Length == 0;
            single = constructor;
            publicConstructors++;
        }

        return type.TypeKind == TypeKind.Class && !hasParameterless && publicConstructors == 1 ? single : null;
    }

    private static bool HasParameterNamed(IMethodSymbol constructor, string name)
    {
        foreach (var parameter in constructor.Parameters)
        {
            if (string.Equals(parameter.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    // The members a constructor parameter can bind to: public properties with a public getter (or [JsonInclude]),
    // and fields with [JsonInclude] (other fields only with IncludeFields, which the runtime does not set).
    private static bool HasMemberNamed(INamedTypeSymbol payload, string name)
    {
        for (var type = payload; type is not null; type = type.BaseType)
        {
            foreach (var member in type.GetMembers())
            {
                if (member.IsStatic || !string.Equals(member.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var included = SymbolNames.HasAttribute(member, JsonIncludeAttribute);
                if (member is IPropertySymbol { IsIndexer: false } property &&
                    (included || property.GetMethod is { DeclaredAccessibility: Accessibility.Public }))
                {
                    return true;
                }

                if (member is IFieldSymbol && included)
                {
                    return true;
                }
            }
        }

        return false;
    }

    // An auto-property has a compiler-made backing field; a computed one (=> A + B) has none and is recomputed.
    private static bool IsStored(INamedTypeSymbol declaringType, IPropertySymbol property)
    {
        foreach (var member in declaringType.GetMembers())
        {
            if (member is IFieldSymbol field && SymbolEqualityComparer.Default.Equals(field.AssociatedSymbol, property))
            {
                return true;
            }
        }

        return false;
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
