using SchemaTasks.Generators.Tests.Infrastructure;

namespace SchemaTasks.Generators.Tests;

/// <summary>
/// The generated CA1812 suppressions: one per internal class that the registration hands to DI (task service,
/// validator), each naming its type, and none for a public class or a class DI does not create.
/// </summary>
public sealed class InstantiationSuppressionTests
{
    [Fact]
    public void Internal_service_and_internal_validators_get_a_suppression_each_and_public_or_static_ones_none()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Usings + """
            namespace Shop.Orders
            {
                internal sealed record PlaceOrderPayload(int OrderId);

                internal sealed class PlaceOrderPayloadValidator : AbstractValidator<PlaceOrderPayload>
                {
                    public PlaceOrderPayloadValidator() => RuleFor(p => p.OrderId).GreaterThan(0);
                }

                internal static class Outer
                {
                    internal sealed class PlaceOrderPayloadExtraValidator : AbstractValidator<PlaceOrderPayload>
                    {
                    }
                }

                internal sealed class OrdersTaskService
                {
                    [SchemaTask("orders.place")]
                    public Task PlaceAsync(PlaceOrderPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
            }

            namespace Shop.Mail
            {
                public sealed record SendMailPayload(int MailId);

                public sealed class SendMailPayloadValidator : AbstractValidator<SendMailPayload>
                {
                }

                public sealed class MailTaskService
                {
                    [SchemaTask("mail.send")]
                    public Task SendAsync(SendMailPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }

                internal sealed class StaticOnlyTaskService
                {
                    [SchemaTask("static-only.run")]
                    public static Task RunAsync(SendMailPayload payload, CancellationToken cancellationToken) => Task.CompletedTask;
                }
            }
            """);

        var orders = run.Source("Shop.Orders.OrdersTasksInstantiation.g.cs");
        Assert.Equal(
            ["~T:Shop.Orders.OrdersTaskService", "~T:Shop.Orders.Outer.PlaceOrderPayloadExtraValidator", "~T:Shop.Orders.PlaceOrderPayloadValidator"],
            Targets(orders));
        Assert.Contains("Justification = \"Created by dependency injection through the generated AddOrdersTasker.\"", orders, StringComparison.Ordinal);
        // A public service and validator never get CA1812; a service whose tasks are all static is not created by DI.
        Assert.DoesNotContain(run.HintNames, name => name.Contains("MailTasksInstantiation", StringComparison.Ordinal));
        Assert.DoesNotContain(run.HintNames, name => name.Contains("StaticOnlyTasksInstantiation", StringComparison.Ordinal));
    }

    private static string[] Targets(string source) =>
        [.. System.Text.RegularExpressions.Regex.Matches(source, "Target = \"(?<target>[^\"]+)\"").Select(m => m.Groups["target"].Value).Order(StringComparer.Ordinal)];
}
