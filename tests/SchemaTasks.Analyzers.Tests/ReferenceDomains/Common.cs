global using System;
global using System.Collections.Generic;
global using System.Threading;
global using System.Threading.Tasks;
global using FluentValidation;
global using Microsoft.Extensions.Logging;
global using SchemaTasks;

namespace Acme.Shared;

/// <summary>Stands for an application's data access: injected per run, never held by a task service.</summary>
public interface IUnitOfWork
{
    Task SaveChangesAsync(CancellationToken cancellationToken);
}
