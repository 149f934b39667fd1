using System;
using System.Linq;
using System.Threading;
using System.Collections.Generic;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SchemaTasks.Analyzers.Model;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// STK0105: a task service takes a heavy dependency eagerly — as a constructor parameter (primary constructors
/// included), an instance field, an instance auto-property, in one of their initializers, or in an argument of the
/// base (or <c>this</c>) constructor call — instead of as a run-method parameter resolved lazily per run. A type is
/// heavy when it, a base type or an implemented interface carries <c>[HeavyDependency]</c>, or when it is listed
/// in the <c>schematasks.heavy_dependencies</c> option of <c>.editorconfig</c>/<c>.globalconfig</c>
/// (comma-separated full type names); an array or an <c>IEnumerable&lt;T&gt;</c> of a heavy type resolves every
/// element at once, so it is heavy too.
/// </summary>
/// <remarks>
/// Static fields and properties are built once per process, not per run, so they are not what the pattern's
/// per-run laziness is about and are not reported.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HeavyDependencyTakenEagerlyAnalyzer : SchemaTasksAnalyzer
{
    /// <summary>The analyzer config key that lists heavy types by full name.</summary>
    public const string HeavyDependenciesOption = "schematasks.heavy_dependencies";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.HeavyDependencyTakenEagerly);

    /// <inheritdoc />
    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownTypes types)
    {
        var options = context.Options.AnalyzerConfigOptionsProvider;
        var listsByTree = new ConcurrentDictionary<SyntaxTree, ImmutableHashSet<string>>();
        context.RegisterSyntaxNodeAction(
            node => Analyze(node, types, listsByTree.GetOrAdd(node.Node.SyntaxTree, tree => ReadList(options, tree))),
            SyntaxKind.ClassDeclaration,
            SyntaxKind.RecordDeclaration);
    }

    /// <summary>Reads the option for a file (an <c>.editorconfig</c> section or a <c>.globalconfig</c>).</summary>
    private static ImmutableHashSet<string> ReadList(AnalyzerConfigOptionsProvider provider, SyntaxTree tree)
    {
        if (!provider.GetOptions(tree).TryGetValue(HeavyDependenciesOption, out var value) &&
            !provider.GlobalOptions.TryGetValue(HeavyDependenciesOption, out value))
        {
            return ImmutableHashSet<string>.Empty;
        }

        return value
            .Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries)
            .Select(name => name.Trim())
            .Where(name => name.Length > 0)
            .Select(name => name.StartsWith("global::", StringComparison.Ordinal) ? name.Substring("global::".Length) : name)
            .ToImmutableHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Reads one declaration of the class (each part of a partial class is its own node), so every eager
    /// member is reported once, where it is written.
    /// </summary>
    private static void Analyze(SyntaxNodeAnalysisContext context, KnownTypes types, ImmutableHashSet<string> listed)
    {
        var declaration = (TypeDeclarationSyntax)context.Node;
        var model = context.SemanticModel;
        if (model.GetDeclaredSymbol(declaration, context.CancellationToken) is not { TypeKind: TypeKind.Class } service ||
            !TaskServices.DeclaresTasks(service, types))
        {
            return;
        }

        var check = new Checker(context, types.HeavyDependencyAttribute, listed, service.Name);
        if (declaration.ParameterList is { } primaryParameters)
        {
            check.Parameters(primaryParameters);
        }

        foreach (var baseType in declaration.BaseList?.Types ?? default)
        {
            if (baseType is PrimaryConstructorBaseTypeSyntax primaryBase)
            {
                check.Arguments(primaryBase.ArgumentList);
            }
        }

        foreach (var member in declaration.Members)
        {
            switch (member)
            {
                case ConstructorDeclarationSyntax constructor when !constructor.Modifiers.Any(SyntaxKind.StaticKeyword):
                    check.Parameters(constructor.ParameterList);
                    if (constructor.Initializer is { } constructorInitializer)
                    {
                        check.Arguments(constructorInitializer.ArgumentList);
                    }

                    break;
                case FieldDeclarationSyntax field when !field.Modifiers.Any(SyntaxKind.StaticKeyword):
                    foreach (var variable in field.Declaration.Variables)
                    {
                        var type = (model.GetDeclaredSymbol(variable, context.CancellationToken) as IFieldSymbol)?.Type;
                        if (!check.Type(type, variable.Identifier.GetLocation()) && variable.Initializer is { } initializer)
                        {
                            check.Expression(initializer.Value);
                        }
                    }

                    break;
                case PropertyDeclarationSyntax property when HasStorage(property) && !property.Modifiers.Any(SyntaxKind.StaticKeyword):
                    var propertyType = model.GetDeclaredSymbol(property, context.CancellationToken)?.Type;
                    if (!check.Type(propertyType, property.Identifier.GetLocation()) && property.Initializer is { } propertyInitializer)
                    {
                        check.Expression(propertyInitializer.Value);
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// An auto-property (or one with an initializer) holds an instance; a computed property such as
    /// <c>=&gt; provider.GetRequiredService&lt;T&gt;()</c> resolves lazily and is fine.
    /// </summary>
    private static bool HasStorage(PropertyDeclarationSyntax declaration) =>
        declaration.Initializer is not null ||
        (declaration.ExpressionBody is null &&
         declaration.AccessorList is { } accessors &&
         accessors.Accessors.All(accessor => accessor.Body is null && accessor.ExpressionBody is null));

    /// <summary>Checks types of one declaration and reports the heavy ones.</summary>
    private readonly struct Checker(
        SyntaxNodeAnalysisContext context, INamedTypeSymbol? heavyAttribute, ImmutableHashSet<string> listed, string serviceName)
    {
        public void Parameters(ParameterListSyntax parameters)
        {
            foreach (var parameter in parameters.Parameters)
            {
                var type = context.SemanticModel.GetDeclaredSymbol(parameter, context.CancellationToken)?.Type;
                Type(type, parameter.Identifier.GetLocation());
            }
        }

        /// <summary>
        /// A base-constructor argument that resolves or builds a heavy instance; a constructor parameter passed on
        /// as it is was reported where it is declared.
        /// </summary>
        public void Arguments(ArgumentListSyntax arguments)
        {
            foreach (var argument in arguments.Arguments)
            {
                if (context.SemanticModel.GetSymbolInfo(argument.Expression, context.CancellationToken).Symbol is not IParameterSymbol)
                {
                    Expression(argument.Expression);
                }
            }
        }

        public void Expression(ExpressionSyntax expression) =>
            Type(context.SemanticModel.GetTypeInfo(expression, context.CancellationToken).Type, expression.GetLocation());

        public bool Type(ITypeSymbol? type, Location location)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            if (type is null || !IsHeavy(type, heavyAttribute, listed))
            {
                return false;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.HeavyDependencyTakenEagerly,
                location,
                type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat),
                serviceName));
            return true;
        }
    }

    /// <summary>
    /// Whether the type, a base type or an implemented interface is marked or listed as heavy, or the type is an
    /// array or an <c>IEnumerable&lt;T&gt;</c> of such a type (DI builds every element when it builds the sequence).
    /// </summary>
    public static bool IsHeavy(ITypeSymbol type, INamedTypeSymbol? heavyAttribute, ImmutableHashSet<string> listed)
    {
        if (type.TypeKind == TypeKind.Error)
        {
            return false;
        }

        if (IsMarkedOrInherited(type, heavyAttribute, listed))
        {
            return true;
        }

        return ElementType(type) is { } element && IsHeavy(element, heavyAttribute, listed);
    }

    /// <summary>The element type of an array or of an <c>IEnumerable&lt;T&gt;</c> (the interface or a type implementing it).</summary>
    private static ITypeSymbol? ElementType(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array)
        {
            return array.ElementType;
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Collections_Generic_IEnumerable_T } sequence)
        {
            return sequence.TypeArguments[0];
        }

        foreach (var @interface in type.AllInterfaces)
        {
            if (@interface.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
            {
                return @interface.TypeArguments[0];
            }
        }

        return null;
    }

    private static bool IsMarkedOrInherited(ITypeSymbol type, INamedTypeSymbol? heavyAttribute, ImmutableHashSet<string> listed)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (IsMarked(current, heavyAttribute, listed))
            {
                return true;
            }
        }

        return type.AllInterfaces.Any(@interface => IsMarked(@interface, heavyAttribute, listed));
    }

    private static bool IsMarked(ITypeSymbol type, INamedTypeSymbol? heavyAttribute, ImmutableHashSet<string> listed)
    {
        if (listed.Count > 0 &&
            (listed.Contains(type.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)) ||
             listed.Contains(FullMetadataName(type.OriginalDefinition))))
        {
            return true;
        }

        return heavyAttribute is not null &&
               type.GetAttributes().Any(attribute => SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, heavyAttribute));
    }

    private static string FullMetadataName(ITypeSymbol type)
    {
        var name = type.MetadataName;
        for (var containing = type.ContainingType; containing is not null; containing = containing.ContainingType)
        {
            name = containing.MetadataName + "+" + name;
        }

        return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + name : name;
    }
}
