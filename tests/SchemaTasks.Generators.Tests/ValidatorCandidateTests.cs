using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Generators.Tests;

/// <summary>
/// The validator filter is syntactic so that only likely validators are bound: every other class of a project would
/// otherwise be re-bound on every edit.
/// </summary>
public sealed class ValidatorCandidateTests
{
    [Theory]
    [InlineData("class V : AbstractValidator<P> { }")]
    [InlineData("class V : FluentValidation.AbstractValidator<P> { }")]
    [InlineData("class V : global::FluentValidation.AbstractValidator<P> { }")]
    [InlineData("class V : InlineValidator<P> { }")]
    [InlineData("class V : PingValidatorBase, IDisposable { }")]
    public void A_class_whose_base_class_names_a_validator_is_a_candidate(string declaration)
    {
        Assert.True(ValidatorRules.IsCandidate(Class(declaration)));
    }

    [Theory]
    [InlineData("class V { }")]
    [InlineData("class V : Exception { }")]
    [InlineData("class V : IValidatable { }")]
    [InlineData("class V<T> : AbstractValidator<T> { }")]
    public void Any_other_class_is_not(string declaration)
    {
        Assert.False(ValidatorRules.IsCandidate(Class(declaration)));
    }

    [Fact]
    public void The_walk_of_type_declarations_finds_every_candidate_of_a_tree()
    {
        // Every place a class can be declared: top level next to top-level statements, block and file-scoped
        // namespaces, nested in a class, struct, record and interface; plus non-candidates around them.
        var trees = new[]
        {
            """
            var x = 1;
            class TopValidator : AbstractValidator<P> { }
            namespace Outer
            {
                class InNamespace : AbstractValidator<P> { class NestedInClass : InlineValidator<P> { } }
                namespace Inner { struct S { class NestedInStruct : AbstractValidator<P> { } } }
                record R { class NestedInRecord : AbstractValidator<P> { } void M() { } }
                interface I { class NestedInInterface : AbstractValidator<P> { } }
                class Plain : Exception { }
            }
            """,
            """
            namespace FileScoped;
            class InFileScoped : PingValidatorBase { }
            record struct RS { class NestedInRecordStruct : AbstractValidator<P> { } }
            """,
        };

        foreach (var source in trees)
        {
            var root = CSharpSyntaxTree.ParseText(source, cancellationToken: TestContext.Current.CancellationToken).GetRoot(TestContext.Current.CancellationToken);
            var everyNode = root.DescendantNodes().Where(ValidatorRules.IsCandidate).Select(Name).ToArray();

            Assert.NotEmpty(everyNode);
            Assert.Equal(everyNode.Order(StringComparer.Ordinal), ValidatorRules.CandidatesIn(root).Select(Name).Order(StringComparer.Ordinal));
        }

        static string Name(SyntaxNode node) => ((ClassDeclarationSyntax)node).Identifier.ValueText;
    }

    private static ClassDeclarationSyntax Class(string declaration) =>
        CSharpSyntaxTree.ParseText(declaration, cancellationToken: TestContext.Current.CancellationToken)
            .GetRoot(TestContext.Current.CancellationToken).DescendantNodes().OfType<ClassDeclarationSyntax>().Single();
}
