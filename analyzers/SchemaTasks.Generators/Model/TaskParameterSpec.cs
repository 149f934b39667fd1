using SchemaTasks.Roslyn;

namespace SchemaTasks.Generators.Model;

/// <summary>One parameter of a task method, as the generated invoker passes it.</summary>
/// <param name="Kind">What is passed.</param>
/// <param name="TypeName">The fully qualified type to resolve, for services (without a top-level <c>?</c>).</param>
internal sealed record TaskParameterSpec(TaskParameterKind Kind, string TypeName);
