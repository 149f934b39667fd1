namespace SchemaTasks.Dashboard;

/// <summary>Registered by <c>AddSchemaTasksDashboard</c>, so that mapping can tell it was called.</summary>
internal sealed class DashboardMarker;
