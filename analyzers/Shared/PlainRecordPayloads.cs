using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SchemaTasks.Roslyn;

/// <summary>
/// The payload most tasks have, <c>public sealed record P(int Id, string Name);</c>, recognised from its one
/// declaration's syntax: <see cref="PayloadRules"/> then knows its constructor rules hold without asking for the
/// record's constructors, which makes Roslyn build every member the compiler synthesizes for a record (equality,
/// printing, cloning): the largest part of parsing a task on every keystroke.
/// </summary>
/// <remarks>
/// Such a record, declared once with no attribute, base list or body member, has exactly these constructors: the
/// public primary one (or, without a parameter list, a public parameterless one) and the non-public copy
/// constructor; and each positional parameter gets a public <c>get; init;</c> property of its own name. So it has a
/// usable constructor, and every parameter of the constructor System.Text.Json calls binds to a property. Anything
/// that could change that (a parameter with attributes or modifiers, named like a member every record has, or of
/// the record's own type, which would make the primary constructor look like the copy constructor; a lone type
/// name there may be an alias of it) is left to the full rule.
/// </remarks>
internal static class PlainRecordPayloads
{
    // The members of every record class (synthesized, or inherited from object), matched ignoring case as
    // PayloadRules matches a parameter to a member: a positional parameter of one of these names gets no property.
    private static readonly HashSet<string> RecordMemberNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "EqualityContract", "Equals", "GetHashCode", "ToString", "PrintMembers", "Deconstruct", "GetType",
        "MemberwiseClone", "Finalize", "ReferenceEquals",
    };

    /// <summary>Whether <paramref name="type"/> is such a record, whose constructor rules hold by construction.</summary>
    public static bool IsPlain(INamedTypeSymbol type) => Declaration(type) is not null;

    /// <summary>
    /// The one declaration of <paramref name="type"/> when it is such a record, whose properties are then exactly one
    /// public <c>get; init;</c> property per positional parameter, in their order, without attributes; otherwise null.
    /// </summary>
    public static RecordDeclarationSyntax? Declaration(INamedTypeSymbol type)
    {
        if (!type.IsRecord || type.TypeKind != TypeKind.Class || type.IsAbstract || type.DeclaringSyntaxReferences.Length != 1 ||
            type.DeclaringSyntaxReferences[0].GetSyntax() is not RecordDeclarationSyntax { AttributeLists.Count: 0, BaseList: null, Members.Count: 0 } record ||
            record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword))
        {
            return null;
        }

        if (record.ParameterList is not { } parameters)
        {
            return record;
        }

        var recordName = record.Identifier.ValueText;
        foreach (var parameter in parameters.Parameters)
        {
            var name = parameter.Identifier.ValueText;
            if (parameter.AttributeLists.Count > 0 || parameter.Modifiers.Count > 0 || parameter.Type is null ||
                parameter.Identifier.IsMissing || RecordMemberNames.Contains(name) ||
                string.Equals(name, recordName, StringComparison.OrdinalIgnoreCase) || IsTypeParameter(record, name))
            {
                return null;
            }
        }

        // One parameter of the record's own type would make the primary constructor the copy constructor.
        return parameters.Parameters.Count != 1 || !MayBe(parameters.Parameters[0].Type!, recordName) ? record : null;
    }

    private static bool IsTypeParameter(RecordDeclarationSyntax record, string name)
    {
        if (record.TypeParameterList is { } typeParameters)
        {
            foreach (var typeParameter in typeParameters.Parameters)
            {
                if (string.Equals(typeParameter.Identifier.ValueText, name, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // Whether a type written so may be the record itself: its rightmost name is the record's, or it is a lone
    // identifier, which a using alias may bind to anything.
    private static bool MayBe(TypeSyntax type, string recordName) => type switch
    {
        PredefinedTypeSyntax or ArrayTypeSyntax => false,
        NullableTypeSyntax nullable => MayBe(nullable.ElementType, recordName),
        IdentifierNameSyntax => true,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText == recordName,
        AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText == recordName,
        GenericNameSyntax generic => generic.Identifier.ValueText == recordName,
        _ => true,
    };
}
