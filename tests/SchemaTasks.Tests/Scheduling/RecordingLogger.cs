using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SchemaTasks.Tests.Scheduling;

/// <summary>Keeps every log event, to assert that the scheduler said what it did.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(int EventId, LogLevel Level, string Message, Exception? Exception)> _events = new();

    public IReadOnlyList<(int EventId, LogLevel Level, string Message, Exception? Exception)> Events => [.. _events];

    public int Count(int eventId) => _events.Count(e => e.EventId == eventId);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _events.Enqueue((eventId.Id, logLevel, formatter(state, exception), exception));
}
