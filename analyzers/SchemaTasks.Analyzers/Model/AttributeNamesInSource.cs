using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SchemaTasks.Analyzers.Model;

/// <summary>
/// The names of the attributes a compilation writes on its declarations, read from syntax once per compilation, so
/// that a rule can skip registering anything in a compilation that cannot declare what it checks: a project that
/// references SchemaTasks but declares no task should cost its analyzers one pass over its declarations, not one
/// callback per method and type for each of the rules.
/// </summary>
/// <remarks>
/// The answer is conservative, "may", never a false "no": an attribute that binds to <c>[SchemaTask]</c> is written
/// by its simple name (<c>SchemaTask</c> or <c>SchemaTaskAttribute</c>, qualified or not, in any tree of the
/// compilation, generated ones included: a partial method takes the attributes of both its parts), or through a
/// using alias, in which case every name "may" be written. Method bodies are not read: the attributes there
/// (local functions, lambdas) make no symbol the rules are called for.
/// </remarks>
internal sealed class AttributeNamesInSource
{
    private const string Suffix = "Attribute";

    private readonly HashSet<string> _names;
    private readonly bool _anyThroughAlias;

    private AttributeNamesInSource(HashSet<string> names, bool anyThroughAlias)
    {
        _names = names;
        _anyThroughAlias = anyThroughAlias;
    }

    /// <summary>
    /// Whether an attribute of the simple name <paramref name="name"/> (without the <c>Attribute</c> suffix, e.g.
    /// <c>SchemaTask</c>) may be written on a declaration of the compilation.
    /// </summary>
    public bool MayBeWritten(string name) => _anyThroughAlias || _names.Contains(name);

    /// <summary>Reads the attribute names written on the declarations of <paramref name="compilation"/>.</summary>
    public static AttributeNamesInSource Read(Compilation compilation, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var aliases = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.GetRoot(cancellationToken) is CompilationUnitSyntax unit)
            {
                AddAliases(unit.Usings, aliases);
                AddMembers(unit.Members, names, aliases, cancellationToken);
            }
        }

        // An attribute written by an alias's name may be any attribute: the alias is resolved by binding, not here.
        var anyThroughAlias = false;
        foreach (var alias in aliases)
        {
            anyThroughAlias |= names.Contains(alias);
        }

        return new AttributeNamesInSource(names, anyThroughAlias);
    }

    private static void AddMembers(SyntaxList<MemberDeclarationSyntax> members, HashSet<string> names, HashSet<string> aliases, CancellationToken cancellationToken)
    {
        foreach (var member in members)
        {
            cancellationToken.ThrowIfCancellationRequested();
            AddAttributes(member.AttributeLists, names);
            switch (member)
            {
                case BaseNamespaceDeclarationSyntax space:
                    AddAliases(space.Usings, aliases);
                    AddMembers(space.Members, names, aliases, cancellationToken);
                    break;
                case TypeDeclarationSyntax type:
                    AddMembers(type.Members, names, aliases, cancellationToken);
                    break;
                case BasePropertyDeclarationSyntax { AccessorList: { } accessors }:
                    foreach (var accessor in accessors.Accessors)
                    {
                        AddAttributes(accessor.AttributeLists, names);
                    }

                    break;
            }
        }
    }

    private static void AddAttributes(SyntaxList<AttributeListSyntax> lists, HashSet<string> names)
    {
        foreach (var list in lists)
        {
            foreach (var attribute in list.Attributes)
            {
                if (SimpleName(attribute.Name) is { } name)
                {
                    names.Add(WithoutSuffix(name));
                }
            }
        }
    }

    private static void AddAliases(SyntaxList<UsingDirectiveSyntax> usings, HashSet<string> aliases)
    {
        foreach (var directive in usings)
        {
            if (directive.Alias is { } alias)
            {
                aliases.Add(WithoutSuffix(alias.Name.Identifier.ValueText));
            }
        }
    }

    private static string? SimpleName(NameSyntax name) => name switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => null,
    };

    // [X] binds to X or XAttribute; both are recorded as X, so that either spelling matches either.
    private static string WithoutSuffix(string name) =>
        name.Length > Suffix.Length && name.EndsWith(Suffix, StringComparison.Ordinal) ? name.Substring(0, name.Length - Suffix.Length) : name;
}
