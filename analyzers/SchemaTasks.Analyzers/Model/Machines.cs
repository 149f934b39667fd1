namespace SchemaTasks.Analyzers.Model;

/// <summary>The <c>SchemaTasks.Machine</c> presets as the analyzers see them: enum values ordered by size.</summary>
internal static class Machines
{
    /// <summary><c>Machine.Small1x</c>, the machine of a task that configures none.</summary>
    public const int Default = 1;

    /// <summary>The largest preset, <c>Machine.Large2x</c>.</summary>
    public const int Largest = 6;

    private static readonly string[] Names = ["Micro", "Small1x", "Small2x", "Medium1x", "Medium2x", "Large1x", "Large2x"];

    /// <summary>The enum member's name (e.g. <c>Small2x</c>), or the number for an undefined value.</summary>
    public static string Name(int machine) =>
        machine >= 0 && machine < Names.Length ? Names[machine] : machine.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The next size up, or null for the largest (or an undefined value).</summary>
    public static int? NextLarger(int machine) => machine >= 0 && machine < Largest ? machine + 1 : null;
}
