namespace SchemaTasks.Analyzers.Model;

/// <summary>Where a task's config attribute is written.</summary>
internal enum ConfigOrigin
{
    /// <summary>On the task method itself (it replaces the config type's attribute of the same kind).</summary>
    Method,

    /// <summary>On the shared config type named by the task attribute's <c>Config</c>.</summary>
    ConfigType,
}
