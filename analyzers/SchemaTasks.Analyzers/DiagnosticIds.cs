namespace SchemaTasks;

/// <summary>
/// Every diagnostic id of SchemaTasks, in one place; linked into the code-fix assembly so that both sides
/// name the same constant.
/// </summary>
internal static class DiagnosticIds
{
    public const string InvalidTaskMethodShape = "STK0001";
    public const string InvalidTaskId = "STK0002";
    public const string DuplicateTaskId = "STK0003";
    public const string InvalidCron = "STK0004";
    public const string UnknownTimeZone = "STK0005";
    public const string ConfigValueOutOfRange = "STK0006";
    public const string OutOfMemoryMachineNotLarger = "STK0007";
    public const string PayloadNotSerializable = "STK0008";
    public const string ConflictingQueueLimits = "STK0009";

    public const string MissingRetryConfig = "STK0101";
    public const string MissingQueueConfig = "STK0102";
    public const string MissingOutOfMemoryMachine = "STK0103";
    public const string MissingValidator = "STK0104";
    public const string HeavyDependencyTakenEagerly = "STK0105";
    public const string ExceptionSwallowed = "STK0106";
    public const string TaskServiceNaming = "STK0107";
    public const string CancellationTokenMissingOrUnused = "STK0108";
    public const string ConfigOnTaskInsteadOfSharedType = "STK0109";
    public const string ServiceParameterLooksLikePayload = "STK0110";
    public const string PayloadPropertyLostInJson = "STK0111";
}
