using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SchemaTasks.Generators.Parsing;

namespace SchemaTasks.Generators.Tests;

/// <summary>
/// The validator filter is syntactic so that the semantic transform runs only for likely validators: every other
/// class of a project would otherwise be re-bound on every edit.
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
        Assert.True(ValidatorParser.IsCandidate(Class(declaration), TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("class V { }")]
    [InlineData("class V : Exception { }")]
    [InlineData("class V : IValidatable { }")]
    [InlineData("class V<T> : AbstractValidator<T> { }")]
    public void Any_other_class_is_not(string declaration)
    {
        Assert.False(ValidatorParser.IsCandidate(Class(declaration), TestContext.Current.CancellationToken));
    }

    private static ClassDeclarationSyntax Class(string declaration) =>
        CSharpSyntaxTree.ParseText(declaration, cancellationToken: TestContext.Current.CancellationToken)
            .GetRoot(TestContext.Current.CancellationToken).DescendantNodes().OfType<ClassDeclarationSyntax>().Single();
}
