namespace SchemaTasks.Execution;

/// <summary>New run ids: <c>run_</c> and a version 7 GUID, so that ids sort roughly by creation time.</summary>
internal static class RunIds
{
    public static string New() => "run_" + Guid.CreateVersion7().ToString("N");
}
