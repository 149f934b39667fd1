namespace SchemaTasks;

/// <summary>
/// A run-method parameter that the generated invoker resolves from the run's DI scope with
/// <c>GetRequiredService</c>. The generator lists them in each <see cref="TaskDefinition"/> so that the host's start
/// can check that every one is registered, instead of every attempt failing on it.
/// </summary>
/// <param name="Name">The parameter's name in the run method.</param>
/// <param name="ServiceType">The type resolved from DI.</param>
public sealed record TaskServiceParameter(string Name, Type ServiceType)
{
    /// <summary>The parameter <paramref name="name"/> of type <typeparamref name="T"/>; what generated definitions write.</summary>
    /// <typeparam name="T">The parameter's type (a type argument keeps nested nullable annotations legal).</typeparam>
    /// <param name="name">The parameter's name.</param>
    public static TaskServiceParameter Of<T>(string name) => new(name, typeof(T));
}
