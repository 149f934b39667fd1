using Microsoft.Extensions.DependencyInjection;
using SchemaTasks.Sample.Webhooks;

namespace SchemaTasks.FunctionalTests;

public sealed class WebhooksDomainTests
{
    [Fact]
    public async Task A_flaky_subscriber_gets_the_webhook_on_the_third_attempt()
    {
        await using var host = await DomainHost.StartAsync();
        var tasker = host.Get<IWebhooksTasker>();

        var handle = await tasker.DeliverAsync(new WebhookDeliveryPayload("https://flaky.example.com/a", "booking.created", "{}"), cancellationToken: TestContext.Current.CancellationToken);
        var run = await host.CompleteAsync(handle.RunId);

        Assert.Equal(TaskRunStatus.Completed, run.Status);
        Assert.Equal(3, run.Attempts);
        Assert.Single(((SimulatedWebhookSender)host.Get<IWebhookSender>()).Delivered);
    }

    [Fact]
    public async Task A_subscriber_that_is_down_fails_the_run_after_max_attempts_with_its_error()
    {
        await using var host = await DomainHost.StartAsync();
        var tasker = host.Get<IWebhooksTasker>();

        var handle = await tasker.DeliverAsync(new WebhookDeliveryPayload("https://down.example.com/a", "booking.created", "{}"), cancellationToken: TestContext.Current.CancellationToken);
        var run = await host.CompleteAsync(handle.RunId);

        Assert.Equal(TaskRunStatus.Failed, run.Status);
        Assert.Equal(3, run.Attempts);
        Assert.Contains("answered 503 (attempt 3)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_webhook_delivery_queue_never_runs_more_than_twenty_at_once()
    {
        var sender = new GatedWebhookSender();
        await using var host = await DomainHost.StartAsync(configure: services => services.AddSingleton<IWebhookSender>(sender));
        var tasker = host.Get<IWebhooksTasker>();

        var handles = new List<TaskRunHandle>();
        for (var i = 0; i < 100; i++)
        {
            handles.Add(await tasker.DeliverAsync(new WebhookDeliveryPayload($"https://hooks.example.com/{i}", "booking.created", "{}"), cancellationToken: TestContext.Current.CancellationToken));
        }

        await sender.WaitForInFlightAsync(20);
        sender.Release();
        foreach (var handle in handles)
        {
            Assert.Equal(TaskRunStatus.Completed, (await host.CompleteAsync(handle.RunId)).Status);
        }

        Assert.Equal(20, sender.MaxInFlight);
    }

    /// <summary>Holds every delivery until released, counting how many are in flight at once.</summary>
    private sealed class GatedWebhookSender : IWebhookSender
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _lock = new();
        private TaskCompletionSource? _reached;
        private int _target;
        private int _inFlight;

        public int MaxInFlight { get; private set; }

        public Task WaitForInFlightAsync(int count)
        {
            lock (_lock)
            {
                if (_inFlight >= count)
                {
                    return Task.CompletedTask;
                }

                _target = count;
                _reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return _reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }
        }

        public void Release() => _gate.TrySetResult();

        public async Task SendAsync(WebhookDeliveryPayload payload, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                _inFlight++;
                MaxInFlight = Math.Max(MaxInFlight, _inFlight);
                if (_reached is not null && _inFlight >= _target)
                {
                    _reached.TrySetResult();
                }
            }

            try
            {
                await _gate.Task.WaitAsync(cancellationToken);
            }
            finally
            {
                lock (_lock)
                {
                    _inFlight--;
                }
            }
        }
    }
}
