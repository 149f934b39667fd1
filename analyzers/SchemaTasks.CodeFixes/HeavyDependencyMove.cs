using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using SchemaTasks.Roslyn;

namespace SchemaTasks.CodeFixes;

/// <summary>
/// The plan of one STK0105 fix: which constructor parameters, fields, properties and assignments hold the
/// dependency (they go), and which task methods use it (they get a parameter and read it instead).
/// </summary>
internal sealed class HeavyDependencyMove
{
    private readonly TypeDeclarationSyntax _service;
    private readonly List<SyntaxNode> _removals;
    private readonly Dictionary<MethodDeclarationSyntax, List<ExpressionSyntax>> _usesByMethod;
    private readonly ISet<ISymbol> _group;
    private readonly SemanticModel _model;
    private readonly string _name;
    private readonly TypeSyntax _type;

    private HeavyDependencyMove(
        TypeDeclarationSyntax service, List<SyntaxNode> removals, Dictionary<MethodDeclarationSyntax, List<ExpressionSyntax>> usesByMethod,
        ISet<ISymbol> group, SemanticModel model, string name, TypeSyntax type)
    {
        _service = service;
        _removals = removals;
        _usesByMethod = usesByMethod;
        _group = group;
        _model = model;
        _name = name;
        _type = type;
    }

    /// <summary>The dependency's type as written, for the fix's title.</summary>
    public string TypeText => _type.ToString();

    /// <summary>Plans the move of the dependency declared at <paramref name="node"/>, or null when it cannot be moved safely.</summary>
    public static HeavyDependencyMove? TryPlan(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        var flagged = FlaggedSymbol(node, model, cancellationToken);
        if (flagged?.ContainingType is not { } serviceType ||
            node.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } service ||
            serviceType.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        var group = new HashSet<ISymbol>(SymbolEqualityComparer.Default) { flagged };
        var removals = new List<SyntaxNode>();

        // Link parameters and the members they fill: `_x = x;` in a constructor, or `= x` in an initializer.
        foreach (var assignment in service.DescendantNodes().OfType<AssignmentExpressionSyntax>())
        {
            if (assignment.Parent is ExpressionStatementSyntax statement &&
                statement.Parent?.Parent is ConstructorDeclarationSyntax &&
                Bind(assignment.Left, model, cancellationToken) is { } member and (IFieldSymbol or IPropertySymbol) &&
                Bind(Unwrap(assignment.Right), model, cancellationToken) is IParameterSymbol parameter &&
                (group.Contains(member) || group.Contains(parameter)))
            {
                group.Add(member);
                group.Add(parameter);
                removals.Add(statement);
            }
        }

        foreach (var (member, initializer) in Initializers(service, model, cancellationToken))
        {
            if (Bind(Unwrap(initializer), model, cancellationToken) is IParameterSymbol parameter &&
                (group.Contains(member) || group.Contains(parameter)))
            {
                group.Add(member);
                group.Add(parameter);
            }
        }

        // The declarations that go.
        foreach (var symbol in group)
        {
            foreach (var reference in symbol.DeclaringSyntaxReferences)
            {
                var declaration = reference.GetSyntax(cancellationToken);
                if (declaration.SyntaxTree != service.SyntaxTree)
                {
                    return null;
                }

                removals.Add(declaration is VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Variables.Count: 1, Parent: FieldDeclarationSyntax field } }
                    ? field
                    : declaration);
            }
        }

        // Every other use must be in a task method, which then takes the dependency as a parameter.
        var usesByMethod = new Dictionary<MethodDeclarationSyntax, List<ExpressionSyntax>>();
        foreach (var identifier in service.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (removals.Any(removed => removed.Span.Contains(identifier.Span)) ||
                Bind(identifier, model, cancellationToken) is not { } symbol || !group.Contains(symbol))
            {
                continue;
            }

            if (identifier.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method ||
                method.FirstAncestorOrSelf<TypeDeclarationSyntax>() != service ||
                !IsTaskMethod(method, model, cancellationToken))
            {
                return null;
            }

            var use = identifier.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == identifier
                ? (ExpressionSyntax)access
                : identifier;
            if (!usesByMethod.TryGetValue(method, out var uses))
            {
                usesByMethod[method] = uses = new List<ExpressionSyntax>();
            }

            uses.Add(use);
        }

        var parameterSymbol = group.OfType<IParameterSymbol>().FirstOrDefault();
        var typeSyntax = TypeOf(parameterSymbol ?? flagged, cancellationToken);

        // `object _engine = new ExcelReportEngine()` is flagged on its initializer: the parameter takes the heavy type.
        if (parameterSymbol is null &&
            node.FirstAncestorOrSelf<EqualsValueClauseSyntax>() is { } flaggedInitializer &&
            model.GetTypeInfo(flaggedInitializer.Value, cancellationToken).Type is { TypeKind: not TypeKind.Error } initializerType &&
            !SymbolEqualityComparer.Default.Equals(initializerType, TypeOfSymbol(flagged)))
        {
            typeSyntax = SyntaxFactory.ParseTypeName(initializerType.ToMinimalDisplayString(model, flaggedInitializer.SpanStart));
        }

        if (typeSyntax is null)
        {
            return null;
        }

        var name = parameterSymbol?.Name ?? ParameterName(flagged.Name);
        return new HeavyDependencyMove(service, removals.Distinct().ToList(), usesByMethod, group, model, name, typeSyntax.WithoutTrivia());
    }

    /// <summary>Applies the plan to <paramref name="root"/>.</summary>
    public SyntaxNode Apply(SyntaxNode root)
    {
        var methods = _usesByMethod.Keys.ToList();
        var tracked = root.TrackNodes(_removals.Concat(methods).Append(_service));

        foreach (var method in methods)
        {
            var current = tracked.GetCurrentNode(method)!;
            tracked = tracked.ReplaceNode(current, Rewrite(method));
        }

        foreach (var removal in _removals)
        {
            if (tracked.GetCurrentNode(removal) is not { } current)
            {
                continue;
            }

            var options = removal is ParameterSyntax ? SyntaxRemoveOptions.KeepNoTrivia : SyntaxRemoveOptions.KeepUnbalancedDirectives;
            var wasFirstMember = current is MemberDeclarationSyntax member &&
                                 current.Parent is TypeDeclarationSyntax owner && owner.Members.IndexOf(member) == 0;
            var ownerAnnotation = new SyntaxAnnotation();
            if (wasFirstMember)
            {
                tracked = tracked.ReplaceNode(current.Parent!, current.Parent!.WithAdditionalAnnotations(ownerAnnotation));
                current = tracked.GetCurrentNode(removal)!;
            }

            tracked = tracked.RemoveNode(current, options)!;

            // The member that is now first keeps no blank line after the opening brace.
            if (wasFirstMember &&
                tracked.GetAnnotatedNodes(ownerAnnotation).FirstOrDefault() is TypeDeclarationSyntax { Members: { Count: > 0 } members })
            {
                tracked = tracked.ReplaceNode(members[0], members[0].WithLeadingTrivia(WithoutBlankLines(members[0].GetLeadingTrivia())));
            }
        }

        // A primary constructor left without parameters goes too: `class S()` becomes `class S`.
        if (tracked.GetCurrentNode(_service) is { ParameterList: { Parameters.Count: 0 } emptyList } service)
        {
            var withoutList = service.WithParameterList(null)
                .WithIdentifier(service.Identifier.WithTrailingTrivia(service.Identifier.TrailingTrivia.AddRange(emptyList.GetTrailingTrivia())));
            tracked = tracked.ReplaceNode(service, withoutList);
        }

        return tracked;
    }

    /// <summary>Drops the blank lines at the start of a member's leading trivia, keeping its comments and indentation.</summary>
    private static SyntaxTriviaList WithoutBlankLines(SyntaxTriviaList leading)
    {
        var start = 0;
        for (var i = 0; i < leading.Count; i++)
        {
            if (leading[i].IsKind(SyntaxKind.EndOfLineTrivia))
            {
                start = i + 1;
            }
            else if (!leading[i].IsKind(SyntaxKind.WhitespaceTrivia))
            {
                break;
            }
        }

        return SyntaxFactory.TriviaList(leading.Skip(start));
    }

    private MethodDeclarationSyntax Rewrite(MethodDeclarationSyntax method)
    {
        // Reuse a parameter of the same type when the method already takes one.
        var existing = method.ParameterList.Parameters.FirstOrDefault(p =>
            p.Type is not null &&
            _model.GetTypeInfo(p.Type).Type is { } type &&
            _group.Any(symbol => SymbolEqualityComparer.Default.Equals(TypeOfSymbol(symbol), type)));
        var taken = new HashSet<string>(method.ParameterList.Parameters.Select(p => p.Identifier.ValueText), StringComparer.Ordinal);
        var name = existing?.Identifier.ValueText ?? Unique(_name, taken);

        var uses = _usesByMethod[method];
        var rewritten = method.ReplaceNodes(uses, (original, _) => SyntaxFactory.IdentifierName(name).WithTriviaFrom(original));
        if (existing is not null)
        {
            return rewritten;
        }

        var parameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(name))
            .WithType(_type.WithTrailingTrivia(SyntaxFactory.Space))
            .WithAdditionalAnnotations(Formatter.Annotation);
        return MethodParameters.Add(rewritten, parameter, beforeCancellationToken: true);
    }

    private static ISymbol? FlaggedSymbol(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
    {
        for (var current = node; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case ParameterSyntax parameter:
                    return model.GetDeclaredSymbol(parameter, cancellationToken);
                case VariableDeclaratorSyntax declarator:
                    return model.GetDeclaredSymbol(declarator, cancellationToken);
                case PropertyDeclarationSyntax property:
                    return model.GetDeclaredSymbol(property, cancellationToken);
                case MemberDeclarationSyntax or StatementSyntax:
                    return null;
            }
        }

        return null;
    }

    private static IEnumerable<(ISymbol Member, ExpressionSyntax Initializer)> Initializers(
        TypeDeclarationSyntax service, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (var member in service.Members)
        {
            if (member is FieldDeclarationSyntax field)
            {
                foreach (var variable in field.Declaration.Variables)
                {
                    if (variable.Initializer is { } initializer && model.GetDeclaredSymbol(variable, cancellationToken) is { } symbol)
                    {
                        yield return (symbol, initializer.Value);
                    }
                }
            }
            else if (member is PropertyDeclarationSyntax { Initializer: { } propertyInitializer } property &&
                     model.GetDeclaredSymbol(property, cancellationToken) is { } propertySymbol)
            {
                yield return (propertySymbol, propertyInitializer.Value);
            }
        }
    }

    /// <summary><c>x ?? throw new ArgumentNullException(...)</c> assigns <c>x</c>.</summary>
    private static ExpressionSyntax Unwrap(ExpressionSyntax expression) =>
        expression is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression, Right: ThrowExpressionSyntax } coalesce
            ? coalesce.Left
            : expression;

    private static ISymbol? Bind(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken) =>
        model.GetSymbolInfo(expression, cancellationToken).Symbol;

    private static bool IsTaskMethod(MethodDeclarationSyntax method, SemanticModel model, CancellationToken cancellationToken) =>
        model.GetDeclaredSymbol(method, cancellationToken) is { } symbol &&
        symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() is WellKnownNames.SchemaTaskAttribute or WellKnownNames.ScheduledTaskAttribute);

    private static TypeSyntax? TypeOf(ISymbol symbol, CancellationToken cancellationToken)
    {
        var declaration = symbol.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken);
        return declaration switch
        {
            ParameterSyntax parameter => parameter.Type,
            VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax variables } => variables.Type,
            PropertyDeclarationSyntax property => property.Type,
            _ => null,
        };
    }

    private static ITypeSymbol? TypeOfSymbol(ISymbol symbol) => symbol switch
    {
        IParameterSymbol parameter => parameter.Type,
        IFieldSymbol field => field.Type,
        IPropertySymbol property => property.Type,
        _ => null,
    };

    /// <summary><c>_pdfRenderer</c> and <c>PdfRenderer</c> become <c>pdfRenderer</c>.</summary>
    private static string ParameterName(string memberName)
    {
        var name = memberName.StartsWith("m_", StringComparison.Ordinal) ? memberName.Substring(2) : memberName.TrimStart('_');
        if (name.Length == 0)
        {
            return "dependency";
        }

        name = char.ToLowerInvariant(name[0]) + name.Substring(1);
        return SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None ? name : "@" + name;
    }

    private static string Unique(string name, HashSet<string> taken)
    {
        var candidate = name;
        for (var i = 1; taken.Contains(candidate); i++)
        {
            candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }
}
