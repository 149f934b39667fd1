namespace SchemaTasks.Generators.Model;

/// <summary>The class that declares tasks, as the generated code names it.</summary>
/// <param name="TypeName">The fully qualified name, <c>global::</c> included.</param>
/// <param name="Name">The simple name, from which the domain derives.</param>
/// <param name="Namespace">The namespace of the generated types; "" for the global namespace.</param>
/// <param name="IsPublic">Whether the class is public (else internal).</param>
internal sealed record ServiceSpec(string TypeName, string Name, string Namespace, bool IsPublic);
