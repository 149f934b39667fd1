using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SchemaTasks.Roslyn;

namespace SchemaTasks.CodeFixes;

/// <summary>
/// Works out "one machine size above the task's" from source, for a diagnostic that does not carry it: the
/// machine of the method or config type that holds the <c>[TaskRetry]</c> (a method's own <c>[TaskMachine]</c>,
/// else its config type's, else the default <c>Small1x</c>).
/// </summary>
internal static class NextMachineSizes
{
    /// <summary>The enum member name one size above, or null when the task is on the largest machine.</summary>
    public static string? Above(int machine) =>
        MachineNames.GetNextLarger(machine) is { } larger ? MachineNames.GetName(larger) : null;

    /// <summary>The machine one size above the task's, for the <c>[TaskRetry]</c> <paramref name="retry"/>.</summary>
    public static async Task<string?> AboveTaskMachineAsync(Document document, AttributeSyntax retry, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null || retry.Parent?.Parent is not MemberDeclarationSyntax owner ||
            model.GetDeclaredSymbol(owner, cancellationToken) is not { } symbol)
        {
            return null;
        }

        var machine = MachineOf(symbol);
        if (machine is null && symbol is IMethodSymbol method)
        {
            var config = TaskConfigReader.FindConfigType(method);
            machine = config is null ? null : MachineOf(config);
        }

        return Above(machine ?? MachineNames.Default);
    }

    private static int? MachineOf(ISymbol symbol) =>
        symbol.GetAttributes()
            .Where(a => a.AttributeClass?.ToDisplayString() == WellKnownNames.TaskMachineAttribute)
            .Select(a => a.ConstructorArguments is [{ Value: int value }] ? value : (int?)null)
            .FirstOrDefault();
}
