namespace Appliance.Operations.AgentX;

/// <summary>A PDU from the master that breaks RFC 2741's encoding rules. Caught in one place (the
/// session), counted, and the session is closed with parseError and opened again.</summary>
internal sealed class AgentXFormatException(string message) : Exception(message);
