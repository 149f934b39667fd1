namespace SchemaTasks;

/// <summary>A service parameter of a task that the DI container cannot resolve.</summary>
/// <param name="TaskId">The task whose run method takes the parameter.</param>
/// <param name="ParameterName">The parameter's name.</param>
/// <param name="ServiceType">The parameter's type.</param>
public sealed record UnresolvedTaskService(string TaskId, string ParameterName, Type ServiceType)
{
    /// <summary>One line for an error message: the task, the parameter and the type.</summary>
    public override string ToString() =>
        $"task '{TaskId}', parameter '{ParameterName}' of type '{TypeDisplay.Of(ServiceType)}'";
}
