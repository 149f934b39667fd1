using FluentValidation;
using SchemaTasks.Sample.Calendars;

namespace SchemaTasks.FunctionalTests;

public sealed class CalendarsDomainTests
{
    [Fact]
    public async Task Ensure_default_calendars_runs_on_the_in_process_backend()
    {
        await using var host = await DomainHost.StartAsync();
        var tasker = host.Get<ICalendarsTasker>();

        var handle = await tasker.EnsureDefaultCalendarsAsync(new EnsureDefaultCalendarsPayload(7), cancellationToken: TestContext.Current.CancellationToken);
        var run = await host.CompleteAsync(handle.RunId);

        Assert.Equal(TaskRunMode.Async, handle.Mode);
        Assert.Equal(CalendarsTasks.EnsureDefaultCalendarsId, run.TaskId);
        Assert.Equal(TaskRunStatus.Completed, run.Status);
        Assert.Equal(1, run.Attempts);
        Assert.Equal(Machine.Small2x, run.Machine);
        Assert.Equal("calendars", run.Queue);
        Assert.Equal(["Personal", "Work"], host.Get<ICalendarRepository>().CalendarsOf(7));
    }

    [Fact]
    public async Task Method_level_machine_overrides_the_shared_config()
    {
        await using var host = await DomainHost.StartAsync();
        var tasker = host.Get<ICalendarsTasker>();

        var handle = await tasker.BackfillGoogleCalendarEventsAsync(new BackfillGoogleCalendarEventsPayload(7, 30), cancellationToken: TestContext.Current.CancellationToken);
        var run = await host.CompleteAsync(handle.RunId);

        Assert.Equal(TaskRunStatus.Completed, run.Status);
        Assert.Equal(Machine.Medium1x, run.Machine);
        Assert.Equal(Machine.Medium1x, CalendarsTasks.BackfillGoogleCalendarEvents.Machine);
        Assert.Equal(Machine.Small2x, CalendarsTasks.EnsureDefaultCalendars.Machine);
    }

    [Fact]
    public void Generated_definitions_carry_the_shared_config()
    {
        var task = CalendarsTasks.EnsureDefaultCalendars;

        Assert.Equal("calendars.ensure-default-calendars", task.Id);
        Assert.Equal(new QueueOptions("calendars", 10), task.Queue);
        Assert.Equal(
            new RetryOptions { MaxAttempts = 3, Factor = 2, MinTimeoutInMs = 60_000, MaxTimeoutInMs = 300_000, Randomize = true, OutOfMemoryMachine = Machine.Medium1x },
            task.Retry);
        Assert.Null(task.Schedule);
        Assert.Equal(2, CalendarsTasks.All.Count);
    }

    [Fact]
    public async Task An_invalid_payload_is_refused_with_every_error_and_nothing_is_enqueued()
    {
        await using var host = await DomainHost.StartAsync();
        var tasker = host.Get<ICalendarsTasker>();

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            tasker.BackfillGoogleCalendarEventsAsync(new BackfillGoogleCalendarEventsPayload(0, 0), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(["UserId", "Days"], error.Errors.Select(e => e.PropertyName));
        var runs = await host.Runs.ListAsync(new TaskRunQuery { TaskId = CalendarsTasks.BackfillGoogleCalendarEventsId }, TestContext.Current.CancellationToken);
        Assert.Empty(runs);
    }

    [Fact]
    public async Task With_the_async_tasker_disabled_the_task_runs_inline()
    {
        await using var host = await DomainHost.StartAsync(asyncTasker: "false");
        var tasker = host.Get<ICalendarsTasker>();

        var handle = await tasker.EnsureDefaultCalendarsAsync(new EnsureDefaultCalendarsPayload(8), cancellationToken: TestContext.Current.CancellationToken);

        // Inline: done by the time the call returns.
        Assert.Equal(TaskRunMode.Sync, handle.Mode);
        Assert.Equal(["Personal", "Work"], host.Get<ICalendarRepository>().CalendarsOf(8));
        var run = await host.Runs.GetAsync(handle.RunId, TestContext.Current.CancellationToken);
        Assert.Equal(TaskRunStatus.Completed, run?.Status);
    }
}
