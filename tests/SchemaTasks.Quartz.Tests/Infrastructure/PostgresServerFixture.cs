[assembly: AssemblyFixture(typeof(SchemaTasks.Quartz.Tests.Infrastructure.PostgresServer))]

namespace SchemaTasks.Quartz.Tests.Infrastructure;

/// <summary>The test run's one PostgreSQL server, started before the first test and stopped after the last.</summary>
public sealed partial class PostgresServer : IAsyncLifetime;
