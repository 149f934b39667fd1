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

    /// <summary>
    /// Exactly the queue's limit of 20 deliveries at once, and exactly one more when one ends; fails if the runtime let
    /// a 21st through. Every delivery is held at its own gate; the queue is let settle by a probe delivery on a
    /// concurrency key of its own, which the queue starts only after handling every earlier trigger, so its
    /// dispatched count is final then.
    /// </summary>
    [Fact]
    public async Task The_webhook_delivery_queue_runs_exactly_twenty_at_once_and_one_more_when_one_ends()
    {
        const string queue = "webhook-delivery";
        const int limit = 20;
        var sender = new GatedWebhookSender();
        await using var host = await DomainHost.StartAsync(configure: services => services.AddSingleton<IWebhookSender>(sender));
        var tasker = host.Get<IWebhooksTasker>();
        var backend = host.Get<SchemaTasks.Backends.InProcess.InProcessBackend>();

        var handles = new Dictionary<string, TaskRunHandle>(StringComparer.Ordinal);
        for (var i = 0; i < 3 * limit; i++)
        {
            var url = $"https://hooks.example.com/{i}";
            handles[url] = await tasker.DeliverAsync(new WebhookDeliveryPayload(url, "booking.created", "{}"), cancellationToken: TestContext.Current.CancellationToken);
        }

        await sender.WhenInFlightAsync(limit);
        await SettleAsync(tasker, sender, "https://probe.example.com/1");
        Assert.Equal(limit + 1, backend.DispatchedAttempts(queue));
        await sender.WhenInFlightAsync(limit + 1);
        Assert.Equal(limit + 1, sender.InFlight);

        var first = sender.Running.Keys.Where(url => handles.ContainsKey(url)).Order(StringComparer.Ordinal).First();
        sender.Release(first);
        Assert.Equal(TaskRunStatus.Completed, (await host.CompleteAsync(handles[first].RunId)).Status);
        await sender.WhenInFlightAsync(limit + 1);
        await SettleAsync(tasker, sender, "https://probe.example.com/2");
        Assert.Equal(limit + 2, backend.DispatchedAttempts(queue));
        await sender.WhenInFlightAsync(limit + 2);
        Assert.Equal(limit + 2, sender.InFlight);
        Assert.Equal(limit, sender.Running.Keys.Count(handles.ContainsKey));

        sender.ReleaseAll();
        foreach (var handle in handles.Values)
        {
            Assert.Equal(TaskRunStatus.Completed, (await host.CompleteAsync(handle.RunId)).Status);
        }
    }

    private static async Task SettleAsync(IWebhooksTasker tasker, GatedWebhookSender sender, string probeUrl)
    {
        await tasker.DeliverAsync(
            new WebhookDeliveryPayload(probeUrl, "booking.created", "{}"),
            new TriggerOptions { ConcurrencyKey = probeUrl },
            TestContext.Current.CancellationToken);
        await sender.WhenEnteredAsync(probeUrl);
    }

    /// <summary>Holds every delivery at a gate of its own until released, counting the deliveries in flight.</summary>
    private sealed class GatedWebhookSender : IWebhookSender
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> _gates = new(StringComparer.Ordinal);
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> _entered = new(StringComparer.Ordinal);
        private readonly Lock _lock = new();
        private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
        private bool _releasedAll;
        private int _inFlight;

        public System.Collections.Concurrent.ConcurrentDictionary<string, bool> Running { get; } = new(StringComparer.Ordinal);

        public int InFlight
        {
            get
            {
                lock (_lock)
                {
                    return _inFlight;
                }
            }
        }

        public Task WhenInFlightAsync(int count)
        {
            lock (_lock)
            {
                if (_inFlight >= count)
                {
                    return Task.CompletedTask;
                }

                var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((count, reached));
                return reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }
        }

        public Task WhenEnteredAsync(string url) => Entered(url).Task.WaitAsync(TimeSpan.FromSeconds(30));

        public void Release(string url) => Gate(url).TrySetResult();

        public void ReleaseAll()
        {
            lock (_lock)
            {
                _releasedAll = true;
                foreach (var gate in _gates.Values)
                {
                    gate.TrySetResult();
                }
            }
        }

        public async Task SendAsync(WebhookDeliveryPayload payload, CancellationToken cancellationToken)
        {
            Running[payload.SubscriberUrl] = true;
            Task gate;
            lock (_lock)
            {
                // Made under the lock, so a ReleaseAll cannot miss it.
                gate = Gate(payload.SubscriberUrl).Task;
                _inFlight++;
                foreach (var waiter in _waiters.Where(w => _inFlight >= w.Count).ToList())
                {
                    waiter.Reached.TrySetResult();
                    _waiters.Remove(waiter);
                }

                if (_releasedAll)
                {
                    Gate(payload.SubscriberUrl).TrySetResult();
                }
            }

            Entered(payload.SubscriberUrl).TrySetResult();
            try
            {
                await gate.WaitAsync(cancellationToken);
            }
            finally
            {
                Running.TryRemove(payload.SubscriberUrl, out _);
                lock (_lock)
                {
                    _inFlight--;
                }
            }
        }

        private TaskCompletionSource Gate(string url) => _gates.GetOrAdd(url, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        private TaskCompletionSource Entered(string url) => _entered.GetOrAdd(url, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
    }
}
