namespace SchemaTasks;

/// <summary>
/// Marks a class or interface as expensive to construct or load. A task service must not take it in its
/// constructor, a field or a property: take it as a parameter of the run method instead, so that it is
/// resolved lazily, once per run, from the run's scope (the pattern's "dynamic import"). Analyzer STK0105
/// enforces this.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Interface, AllowMultiple = false, Inherited = true)]
public sealed class HeavyDependencyAttribute : Attribute;
