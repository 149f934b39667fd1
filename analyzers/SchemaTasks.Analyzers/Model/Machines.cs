using System.Globalization;
using SchemaTasks.Roslyn;

namespace SchemaTasks.Analyzers.Model;

/// <summary>
/// The <c>SchemaTasks.Machine</c> presets as the analyzers word them: the shared <see cref="MachineNames"/>
/// (which the generator emits with) plus what messages and fixes need.
/// </summary>
internal static class Machines
{
    /// <summary><c>Machine.Small1x</c>, the machine of a task that configures none.</summary>
    public const int Default = MachineNames.Default;

    /// <summary>The largest preset, <c>Machine.Large2x</c>.</summary>
    public static int Largest => MachineNames.Largest;

    /// <summary>The enum member's name (e.g. <c>Small2x</c>), or the number for an undefined value.</summary>
    public static string Name(int machine) =>
        MachineNames.GetName(machine) ?? machine.ToString(CultureInfo.InvariantCulture);

    /// <summary>The next size up, or null for the largest (or an undefined value).</summary>
    public static int? NextLarger(int machine) => MachineNames.GetNextLarger(machine);
}
