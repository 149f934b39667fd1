namespace SchemaTasks;

/// <summary>Thrown by a task to fail its run at once, without retry, whatever attempts remain.</summary>
public class AbortTaskRunException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AbortTaskRunException() : base("The task aborted its run.")
    {
    }

    /// <summary>Creates the exception with a reason.</summary>
    /// <param name="message">Why the run is aborted; recorded as the run's error.</param>
    public AbortTaskRunException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a reason and a cause.</summary>
    /// <param name="message">Why the run is aborted.</param>
    /// <param name="innerException">The cause.</param>
    public AbortTaskRunException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
