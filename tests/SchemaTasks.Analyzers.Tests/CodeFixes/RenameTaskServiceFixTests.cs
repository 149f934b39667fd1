using SchemaTasks.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SchemaTasks.Analyzers.Tests.Verifiers;
using Fix = SchemaTasks.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<SchemaTasks.Analyzers.Rules.TaskServiceNamingAnalyzer, SchemaTasks.CodeFixes.RenameTaskServiceCodeFixProvider>;

namespace SchemaTasks.Analyzers.Tests.CodeFixes;

/// <summary>The STK0107 fix: rename the class to &lt;Domain&gt;TaskService, references included.</summary>
public sealed class RenameTaskServiceFixTests
{
    [Theory]
    [InlineData("BillingService", "BillingTaskService")]
    [InlineData("BillingTasks", "BillingTaskService")]
    [InlineData("BillingTask", "BillingTaskService")]
    [InlineData("Billing", "BillingTaskService")]
    public void The_proposed_name_drops_a_trailing_Service_or_Tasks(string name, string expected)
    {
        Assert.Equal(expected, RenameTaskServiceCodeFixProvider.ProposeName(name));
    }

    [Fact]
    public async Task The_class_and_its_references_are_renamed()
    {
        await Fix.VerifyCodeFixAsync(
            TaskSource.WithConfig("""

                public sealed class {|STK0107:BillingService|}
                {
                    [SchemaTask("billing.run", Config = typeof(PingTaskConfig))]
                    public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    public static BillingService Create() => new BillingService();
                }
                """),
            TaskSource.WithConfig("""

                public sealed class BillingTaskService
                {
                    [SchemaTask("billing.run", Config = typeof(PingTaskConfig))]
                    public Task RunAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;

                    public static BillingTaskService Create() => new BillingTaskService();
                }
                """));
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 0)]
    public async Task A_rename_is_offered_for_a_misnamed_class_but_not_for_two_task_services_of_one_domain(bool collision, int expectedFixes)
    {
        // Renaming CalendarsService to CalendarsTaskService keeps the domain, and so a domain collision: that STK0107
        // (reported at compilation end, so the test harness cannot drive its fix) gets no rename.
        using var workspace = new AdhocWorkspace();
        var code = SourcePrelude.With("""
            public sealed class CalendarsService
            {
                [SchemaTask("scheduling.sync")]
                public Task SyncAsync(PingPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """);
        var project = workspace.AddProject("Fixes", LanguageNames.CSharp)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
            .AddMetadataReferences(TestCompilationSetup.References);
        var document = project.AddDocument("Calendars.cs", code);
        var root = await document.GetSyntaxRootAsync(TestContext.Current.CancellationToken);
        var name = root!.DescendantNodes().OfType<ClassDeclarationSyntax>().Single(c => c.Identifier.Text == "CalendarsService").Identifier;
        var diagnostic = collision
            ? Diagnostic.Create(DiagnosticDescriptors.TaskServiceDomainCollision, name.GetLocation(), "CalendarsService", "Calendars", "'Acme.CalendarsTaskService'")
            : Diagnostic.Create(DiagnosticDescriptors.TaskServiceNaming, name.GetLocation(), "CalendarsService");

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), TestContext.Current.CancellationToken);
        await new RenameTaskServiceCodeFixProvider().RegisterCodeFixesAsync(context);

        Assert.Equal(expectedFixes, actions.Count);
    }
}
