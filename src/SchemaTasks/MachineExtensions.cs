namespace SchemaTasks;

/// <summary>Facts about the <see cref="Machine"/> presets.</summary>
public static class MachineExtensions
{
    /// <summary>The default machine of a task that configures none.</summary>
    public const Machine Default = Machine.Small1x;

    /// <summary>The number of virtual CPUs of the preset.</summary>
    public static double Cpu(this Machine machine) => machine switch
    {
        Machine.Micro => 0.25,
        Machine.Small1x => 0.5,
        Machine.Small2x => 1,
        Machine.Medium1x => 1,
        Machine.Medium2x => 2,
        Machine.Large1x => 4,
        Machine.Large2x => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(machine), machine, "Unknown machine preset."),
    };

    /// <summary>The memory of the preset in gigabytes.</summary>
    public static double MemoryGb(this Machine machine) => machine switch
    {
        Machine.Micro => 0.25,
        Machine.Small1x => 0.5,
        Machine.Small2x => 1,
        Machine.Medium1x => 2,
        Machine.Medium2x => 4,
        Machine.Large1x => 8,
        Machine.Large2x => 16,
        _ => throw new ArgumentOutOfRangeException(nameof(machine), machine, "Unknown machine preset."),
    };

    /// <summary>The preset's Trigger.dev name, e.g. <c>small-2x</c>.</summary>
    public static string ToPresetName(this Machine machine) => machine switch
    {
        Machine.Micro => "micro",
        Machine.Small1x => "small-1x",
        Machine.Small2x => "small-2x",
        Machine.Medium1x => "medium-1x",
        Machine.Medium2x => "medium-2x",
        Machine.Large1x => "large-1x",
        Machine.Large2x => "large-2x",
        _ => throw new ArgumentOutOfRangeException(nameof(machine), machine, "Unknown machine preset."),
    };
}
