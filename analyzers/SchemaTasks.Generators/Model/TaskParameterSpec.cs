using SchemaTasks.Roslyn;

namespace SchemaTasks.Generators.Model;

/// <summary>One parameter of a task method, as the generated invoker passes it.</summary>
/// <param name="Kind">What is passed.</param>
/// <param name="TypeName">The fully qualified type to resolve, for services (without a top-level <c>?</c>).</param>
/// <param name="IsGeneratedTasker">
/// Whether <paramref name="TypeName"/> is the simple name of a tasker type this generator emits (unresolved while
/// parsing): the grouper qualifies it with the namespace of the domain that generates it.
/// </param>
/// <param name="Name">The parameter's name in the run method, named by the start-up check and resolution errors.</param>
internal sealed record TaskParameterSpec(TaskParameterKind Kind, string TypeName, bool IsGeneratedTasker = false, string Name = "");
