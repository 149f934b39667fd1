using Microsoft.CodeAnalysis;

namespace SchemaTasks.Roslyn;

/// <summary>
/// How visible a type or method is to code generated into the same assembly: public, internal, or not at all
/// (private, protected, file-local). Generated types are public only when everything they expose is.
/// </summary>
internal enum TypeAccess
{
    /// <summary>Not visible to generated code.</summary>
    Inaccessible = 0,

    /// <summary>Visible within the assembly only.</summary>
    Internal = 1,

    /// <summary>Visible everywhere.</summary>
    Public = 2,
}

/// <summary>Computes the <see cref="TypeAccess"/> of types and methods.</summary>
internal static class TypeAccessRules
{
    /// <summary>The access of a type, given its containing types and type arguments.</summary>
    public static TypeAccess Of(ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return Of(array.ElementType);
            case ITypeParameterSymbol:
            case IPointerTypeSymbol:
            case IFunctionPointerTypeSymbol:
                return TypeAccess.Inaccessible;
            case INamedTypeSymbol named:
                if (named.TypeKind == TypeKind.Error || named.IsFileLocal)
                {
                    return TypeAccess.Inaccessible;
                }

                var access = TypeAccess.Public;
                for (var current = named; current is not null; current = current.ContainingType)
                {
                    access = Min(access, Of(current.DeclaredAccessibility));
                    foreach (var argument in current.TypeArguments)
                    {
                        access = Min(access, Of(argument));
                    }
                }

                return access;
            default:
                return TypeAccess.Public; // dynamic and the like: visible everywhere
        }
    }

    /// <summary>The access of a method: its own, bounded by its containing type's.</summary>
    public static TypeAccess Of(IMethodSymbol method) =>
        method.ContainingType is null
            ? TypeAccess.Inaccessible
            : Min(Of(method.DeclaredAccessibility), Of(method.ContainingType));

    /// <summary>The smaller of two accesses.</summary>
    public static TypeAccess Min(TypeAccess a, TypeAccess b) => a < b ? a : b;

    private static TypeAccess Of(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public or Accessibility.NotApplicable => TypeAccess.Public,
        Accessibility.Internal or Accessibility.ProtectedOrInternal => TypeAccess.Internal,
        _ => TypeAccess.Inaccessible,
    };
}
