using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SchemaTasks.Analyzers.Rules;

/// <summary>
/// Whether a method body references one of the method's parameters (STK0108's question), answered from syntax when
/// the answer is certain and by binding otherwise.
/// </summary>
/// <remarks>
/// Binding a name in a method body binds the whole body (and, with nullable on, runs its flow analysis): for a task
/// that uses its token the usual way (<c>cancellationToken.ThrowIfCancellationRequested()</c>,
/// <c>DoAsync(x, cancellationToken)</c>) that is all the rule's cost. A simple name binds to the parameter when
/// nothing in the body declares the same name (a local, a lambda's or local function's parameter, a pattern or
/// query variable, a label...) since a parameter comes first in name lookup. The certain shapes are kept narrow:
/// the receiver of an instance member (not <c>None</c>, <c>Equals</c> or <c>ReferenceEquals</c>, where a type of the
/// same name could be meant) or an argument of a call or <c>new</c>, outside lambdas, local functions and
/// <c>nameof</c>. Every other use is bound, as before.
/// </remarks>
internal static class ParameterUses
{
    /// <summary>Whether <paramref name="body"/> (of <paramref name="declaration"/>) references <paramref name="parameter"/>.</summary>
    public static bool IsReferenced(
        IParameterSymbol parameter, MethodDeclarationSyntax declaration, SyntaxNode body, SemanticModel model, CancellationToken cancellationToken)
    {
        var name = parameter.Name;
        var uses = new List<IdentifierNameSyntax>();
        var redeclared = declaration.TypeParameterList is { } typeParameters && Declares(typeParameters, name);
        foreach (var node in body.DescendantNodes())
        {
            if (node is IdentifierNameSyntax identifier)
            {
                if (identifier.Identifier.ValueText == name)
                {
                    uses.Add(identifier);
                }
            }
            else if (!redeclared && DeclaredName(node) == name)
            {
                redeclared = true;
            }
        }

        if (!redeclared)
        {
            foreach (var use in uses)
            {
                if (IsCertainUse(use, body))
                {
                    return true;
                }
            }
        }

        foreach (var use in uses)
        {
            if (SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(use, cancellationToken).Symbol, parameter))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Declares(TypeParameterListSyntax typeParameters, string name)
    {
        foreach (var typeParameter in typeParameters.Parameters)
        {
            if (typeParameter.Identifier.ValueText == name)
            {
                return true;
            }
        }

        return false;
    }

    // The name a node declares in a method body, or null: every way a body can bring a name into scope.
    private static string? DeclaredName(SyntaxNode node) => node switch
    {
        VariableDeclaratorSyntax variable => variable.Identifier.ValueText,
        ParameterSyntax parameter => parameter.Identifier.ValueText,
        SingleVariableDesignationSyntax designation => designation.Identifier.ValueText,
        ForEachStatementSyntax forEach => forEach.Identifier.ValueText,
        CatchDeclarationSyntax caught => caught.Identifier.ValueText,
        LocalFunctionStatementSyntax function => function.Identifier.ValueText,
        TypeParameterSyntax typeParameter => typeParameter.Identifier.ValueText,
        LabeledStatementSyntax label => label.Identifier.ValueText,
        FromClauseSyntax from => from.Identifier.ValueText,
        LetClauseSyntax let => let.Identifier.ValueText,
        JoinClauseSyntax join => join.Identifier.ValueText,
        JoinIntoClauseSyntax into => into.Identifier.ValueText,
        QueryContinuationSyntax continuation => continuation.Identifier.ValueText,
        _ => null,
    };

    private static bool IsCertainUse(IdentifierNameSyntax use, SyntaxNode body)
    {
        var certainShape = use.Parent switch
        {
            MemberAccessExpressionSyntax access => access.IsKind(SyntaxKind.SimpleMemberAccessExpression) &&
                                                   access.Expression == use &&
                                                   access.Name.Identifier.ValueText is not ("None" or "Equals" or "ReferenceEquals"),
            ArgumentSyntax argument => argument.Expression == use &&
                                       argument.Parent is ArgumentListSyntax { Parent: InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax },
            _ => false,
        };
        if (!certainShape)
        {
            return false;
        }

        for (var node = use.Parent; node is not null && node != body; node = node.Parent)
        {
            if (node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax ||
                node is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } })
            {
                return false;
            }
        }

        return true;
    }
}
