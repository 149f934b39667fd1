namespace SchemaTasks.Roslyn;

/// <summary>The members of the runtime's <c>SchemaTasks.Machine</c> enum, by value (it is ordered by size).</summary>
internal static class MachineNames
{
    /// <summary><c>Machine.Small1x</c>, the machine of a task that configures none.</summary>
    public const int Default = 1;

    private static readonly string[] Names = ["Micro", "Small1x", "Small2x", "Medium1x", "Medium2x", "Large1x", "Large2x"];

    /// <summary>The member name of a machine value, or null for a value outside the enum.</summary>
    public static string? GetName(int value) => value >= 0 && value < Names.Length ? Names[value] : null;

    /// <summary>The largest machine value.</summary>
    public static int Largest => Names.Length - 1;

    /// <summary>The next size up, or null for the largest (or an undefined value).</summary>
    public static int? GetNextLarger(int value) => value >= 0 && value < Largest ? value + 1 : null;
}
