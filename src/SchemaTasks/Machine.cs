namespace SchemaTasks;

/// <summary>
/// The machine preset a task runs on, as Trigger.dev's presets. Ordered by size, so that
/// <c>a &gt; b</c> means "a is larger than b".
/// </summary>
public enum Machine
{
    /// <summary>0.25 vCPU, 0.25 GB of memory (<c>micro</c>).</summary>
    Micro = 0,

    /// <summary>0.5 vCPU, 0.5 GB of memory (<c>small-1x</c>); the default.</summary>
    Small1x = 1,

    /// <summary>1 vCPU, 1 GB of memory (<c>small-2x</c>).</summary>
    Small2x = 2,

    /// <summary>1 vCPU, 2 GB of memory (<c>medium-1x</c>).</summary>
    Medium1x = 3,

    /// <summary>2 vCPU, 4 GB of memory (<c>medium-2x</c>).</summary>
    Medium2x = 4,

    /// <summary>4 vCPU, 8 GB of memory (<c>large-1x</c>).</summary>
    Large1x = 5,

    /// <summary>8 vCPU, 16 GB of memory (<c>large-2x</c>).</summary>
    Large2x = 6,
}
