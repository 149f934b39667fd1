namespace SchemaTasks.Roslyn;

/// <summary>Which generated type a <see cref="GeneratedName"/> is declared in; names only collide within one.</summary>
internal enum GeneratedNameScope
{
    /// <summary><c>&lt;Domain&gt;Tasks</c>: task definitions and id constants.</summary>
    TasksClass,

    /// <summary>The tasker interface and its three implementations: one method per triggered task.</summary>
    Taskers,
}

/// <summary>A member name a task adds to its domain's generated code, and the type it is declared in.</summary>
/// <param name="Name">The member name.</param>
/// <param name="Scope">The generated type that declares it.</param>
internal readonly record struct GeneratedName(string Name, GeneratedNameScope Scope);
