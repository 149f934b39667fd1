namespace SchemaTasks;

/// <summary>
/// A payload that cannot cross an async backend as JSON, thrown at the trigger (nothing is enqueued) so that the
/// mistake shows where the task is triggered rather than in every run. Names the task and, where it can be found,
/// the property path. The build reports the same payloads as STK0008.
/// </summary>
public sealed class TaskPayloadSerializationException : InvalidOperationException
{
    /// <summary>Creates the exception for a payload type that could never be read back.</summary>
    /// <param name="taskId">The task.</param>
    /// <param name="propertyPath">The property, e.g. <c>Customer.Attachment</c>; empty for the payload type itself.</param>
    /// <param name="reason">Why, and what to write instead.</param>
    public TaskPayloadSerializationException(string taskId, string propertyPath, string reason)
        : base(Describe(taskId, propertyPath, reason))
    {
        TaskId = taskId;
        PropertyPath = propertyPath;
    }

    /// <summary>Creates the exception for a payload whose serialization failed.</summary>
    /// <param name="taskId">The task.</param>
    /// <param name="propertyPath">The property where it failed, or null when it cannot be found.</param>
    /// <param name="innerException">The serializer's error.</param>
    public TaskPayloadSerializationException(string taskId, string? propertyPath, Exception innerException)
        : base(Describe(taskId, propertyPath, innerException?.Message ?? "it cannot be serialized"), innerException)
    {
        TaskId = taskId;
        PropertyPath = propertyPath;
    }

    /// <summary>The task whose payload cannot cross.</summary>
    public string TaskId { get; }

    /// <summary>The property path from the payload (<c>Customer.Attachment</c>, <c>$.Lines[0]</c>), or null when unknown.</summary>
    public string? PropertyPath { get; }

    private static string Describe(string taskId, string? propertyPath, string reason) =>
        string.IsNullOrEmpty(propertyPath)
            ? $"The payload of task '{taskId}' cannot cross a backend as JSON: {reason}"
            : $"The payload of task '{taskId}' cannot cross a backend as JSON: property '{propertyPath}': {reason}";
}
